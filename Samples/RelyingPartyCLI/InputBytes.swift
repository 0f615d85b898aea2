import Foundation
import MDLCBOR
import MDLKit

/// Reads a file given on the command line as raw CBOR, hex text or base64url text, detected from its content.
enum InputBytes {
    /// The largest file read: hex text of the decoder's largest input (twice its bytes), with line breaks. A larger
    /// file cannot hold an input the verifier would read, so it is refused before any decoding work.
    static let maximumFileBytes = 2 * CBORDecoder.Options().maxInputBytes + (1 << 20)

    static func read(_ path: String) throws -> [UInt8] {
        if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int, size > maximumFileBytes {
            throw InputError("\(path) is \(size) bytes, larger than any input MDLKit reads (\(maximumFileBytes) bytes of hex)")
        }
        guard let data = FileManager.default.contents(atPath: path) else { throw InputError("cannot read \(path)") }
        return try decode(Array(data), name: path)
    }

    static func decode(_ bytes: [UInt8], name: String) throws -> [UInt8] {
        let text = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        let isText = !bytes.isEmpty && bytes.allSatisfy { $0 == 9 || $0 == 10 || $0 == 13 || (32..<127).contains($0) }
        guard isText, !text.isEmpty else { return bytes }
        // Hex first, whatever the line length: `Hex.decode` skips line breaks and refuses an odd number of digits.
        if let hex = Hex.decode(text) { return hex }
        if let decoded = LenientBase64.decode(text) { return decoded }
        throw InputError("\(name) is neither CBOR, hex nor base64url")
    }
}

/// Base64url without padding (RFC 4648 §5), also accepting standard base64, padding and line breaks: MDLJOSE's
/// ``Base64URL`` after mapping the standard alphabet onto the URL-safe one.
enum LenientBase64 {
    static func decode(_ text: String) -> [UInt8]? {
        let urlSafe = text.filter { !$0.isWhitespace }
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
        return Base64URL.decode(urlSafe)
    }
}
