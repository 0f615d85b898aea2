import Foundation
import MDLVerifier

/// `application/x-www-form-urlencoded` bodies (the `direct_post` wire).
///
/// A body is read in one pass over its bytes, without copying it into a string, splitting it or decoding any
/// name: names are compared with the wanted one as they are read, and only the wanted value is decoded. The number
/// of parameters and the decoded value's size are capped (``Limits``), and a parameter that appears twice is
/// refused (RFC 6749 §3.1), so a hostile body costs one bounded scan.
///
/// ```swift
/// let jwe = try FormBody.uniqueValue(named: "response", in: body)   // nil when absent
/// ```
public enum FormBody {
    /// Caps on what one body may hold.
    public struct Limits: Sendable, Hashable {
        /// The most parameters (`&`-separated parts, empty ones included) a body may have.
        public var maximumParameters: Int
        /// The largest decoded value returned, in bytes.
        public var maximumValueBytes: Int

        /// Creates limits.
        public init(maximumParameters: Int = 16, maximumValueBytes: Int = 1024 * 1024) {
            self.maximumParameters = max(1, maximumParameters)
            self.maximumValueBytes = max(0, maximumValueBytes)
        }

        /// 16 parameters, values up to 1 MiB: far above a `direct_post.jwt` response (`response` and perhaps `state`).
        public static let standard = Limits()
    }

    /// The decoded value of the parameter `name`, or `nil` when the body has none.
    ///
    /// - Throws: `joseMalformed` when `name` appears more than once or its value is not valid percent-encoded
    ///   UTF-8; `limitExceeded` past `limits`.
    public static func uniqueValue(named name: String, in body: [UInt8], limits: Limits = .standard) throws(MDLError) -> String? {
        let wanted = Array(name.utf8)
        var found: Range<Int>?
        var parameters = 0
        var start = 0
        while start <= body.count {
            parameters += 1
            guard parameters <= limits.maximumParameters else {
                throw MDLError(code: .limitExceeded, message: "the form body has more than \(limits.maximumParameters) parameters")
            }
            var end = start
            var equals: Int?
            while end < body.count, body[end] != UInt8(ascii: "&") {
                if equals == nil, body[end] == UInt8(ascii: "=") { equals = end }
                end += 1
            }
            if let equals, nameMatches(body[start..<equals], wanted) {
                guard found == nil else {
                    throw MDLError(code: .joseMalformed, message: "the form body repeats the parameter \(name)")
                }
                found = (equals + 1)..<end
            }
            start = end + 1
        }
        guard let found else { return nil }
        return try decode(body[found], limit: limits.maximumValueBytes)
    }

    /// The decoded value of the parameter `name`, or `nil` when it is absent, repeated, malformed or past the
    /// standard limits.
    public static func value(named name: String, in body: [UInt8]) -> String? {
        try? uniqueValue(named: name, in: body)
    }

    /// Encodes parameters as a form body.
    public static func encode(_ parameters: [(String, String)]) -> [UInt8] {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let text = parameters.map { name, value in
            "\(name.addingPercentEncoding(withAllowedCharacters: allowed) ?? name)=\(value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value)"
        }.joined(separator: "&")
        return Array(text.utf8)
    }

    /// Whether the encoded `part` decodes to `wanted`, decoding byte by byte and stopping at the first difference.
    private static func nameMatches(_ part: ArraySlice<UInt8>, _ wanted: [UInt8]) -> Bool {
        var index = part.startIndex
        var matched = 0
        while index < part.endIndex {
            guard matched < wanted.count else { return false }
            var byte = part[index]
            if byte == UInt8(ascii: "+") {
                byte = UInt8(ascii: " ")
            } else if byte == UInt8(ascii: "%") {
                guard index + 2 < part.endIndex, let high = hexValue(part[index + 1]), let low = hexValue(part[index + 2]) else { return false }
                byte = high << 4 | low
                index += 2
            }
            guard byte == wanted[matched] else { return false }
            matched += 1
            index += 1
        }
        return matched == wanted.count
    }

    private static func decode(_ part: ArraySlice<UInt8>, limit: Int) throws(MDLError) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(min(part.count, limit))
        var index = part.startIndex
        while index < part.endIndex {
            guard bytes.count < limit else {
                throw MDLError(code: .limitExceeded, message: "a form value is longer than \(limit) bytes")
            }
            let byte = part[index]
            if byte == UInt8(ascii: "+") {
                bytes.append(UInt8(ascii: " "))
            } else if byte == UInt8(ascii: "%") {
                guard index + 2 < part.endIndex, let high = hexValue(part[index + 1]), let low = hexValue(part[index + 2]) else {
                    throw MDLError(code: .joseMalformed, message: "a form value has a broken percent-escape")
                }
                bytes.append(high << 4 | low)
                index += 2
            } else {
                bytes.append(byte)
            }
            index += 1
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw MDLError(code: .joseMalformed, message: "a form value is not UTF-8")
        }
        return text
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
