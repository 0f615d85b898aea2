/// Finds a JSON object that names a member twice, in one pass over the bytes.
///
/// JSON parsers disagree on duplicate members (Foundation keeps one, others the first or the last), which lets two
/// readers of one JOSE header or authorization response see different values (`"state"` twice, `"alg"` twice).
/// RFC 7515 §5.2 and RFC 7516 §5.2 let a recipient refuse such input; MDLKit does, everywhere it reads JOSE JSON.
/// Member names are compared after unescaping (`"\u0073tate"` is `"state"`). Nesting is tracked on an explicit
/// stack limited to ``maximumDepth``, so hostile input cannot exhaust the call stack.
enum JSONDuplicateMembers {
    /// The deepest nesting accepted.
    static let maximumDepth = 64

    /// Why a text was refused.
    enum Finding: Equatable {
        case duplicate(String)
        case tooDeep
        case malformed
    }

    /// The first problem in `bytes`, or `nil` when every object names each member once. Only what matters for
    /// that is checked; full JSON validation is left to the decoder that runs next.
    static func find(in bytes: [UInt8]) -> Finding? {
        // One entry per open container: the member names seen so far (nil for an array).
        var stack: [Set<String>?] = []
        var expectingKey = false
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "{"):
                guard stack.count < maximumDepth else { return .tooDeep }
                stack.append([])
                expectingKey = true
                index += 1
            case UInt8(ascii: "["):
                guard stack.count < maximumDepth else { return .tooDeep }
                stack.append(nil)
                expectingKey = false
                index += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                guard !stack.isEmpty else { return .malformed }
                stack.removeLast()
                expectingKey = false
                index += 1
            case UInt8(ascii: ","):
                expectingKey = stack.last.map { $0 != nil } ?? false
                index += 1
            case UInt8(ascii: "\""):
                guard let (text, end) = string(in: bytes, from: index) else { return .malformed }
                index = end
                if expectingKey, let last = stack.indices.last, var names = stack[last] {
                    guard names.insert(text).inserted else { return .duplicate(text) }
                    stack[last] = names
                    expectingKey = false
                }
            default:
                index += 1
            }
        }
        return nil
    }

    /// The unescaped text of the string starting at `start` (its opening quote) and the index past its closing quote.
    private static func string(in bytes: [UInt8], from start: Int) -> (String, Int)? {
        var scalars = String.UnicodeScalarView()
        var raw: [UInt8] = []
        var index = start + 1
        var pendingHighSurrogate: UInt32?
        func flushRaw() {
            guard !raw.isEmpty else { return }
            scalars.append(contentsOf: String(decoding: raw, as: UTF8.self).unicodeScalars)
            raw.removeAll(keepingCapacity: true)
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                flushRaw()
                return (String(scalars), index + 1)
            }
            guard byte == UInt8(ascii: "\\") else {
                raw.append(byte)
                index += 1
                continue
            }
            guard index + 1 < bytes.count else { return nil }
            flushRaw()
            let escape = bytes[index + 1]
            index += 2
            switch escape {
            case UInt8(ascii: "u"):
                guard index + 4 <= bytes.count, let unit = UInt32(String(decoding: bytes[index..<index + 4], as: UTF8.self), radix: 16)
                else { return nil }
                index += 4
                if (0xD800..<0xDC00).contains(unit) {
                    pendingHighSurrogate = unit
                    continue
                }
                var value = unit
                if let high = pendingHighSurrogate, (0xDC00..<0xE000).contains(unit) {
                    value = 0x10000 + ((high - 0xD800) << 10) + (unit - 0xDC00)
                }
                pendingHighSurrogate = nil
                scalars.append(Unicode.Scalar(value) ?? "\u{FFFD}")
            case UInt8(ascii: "b"): scalars.append("\u{08}")
            case UInt8(ascii: "f"): scalars.append("\u{0C}")
            case UInt8(ascii: "n"): scalars.append("\n")
            case UInt8(ascii: "r"): scalars.append("\r")
            case UInt8(ascii: "t"): scalars.append("\t")
            default: scalars.append(Unicode.Scalar(escape))
            }
        }
        return nil
    }
}
