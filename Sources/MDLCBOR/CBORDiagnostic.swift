/// RFC 8949 §8 diagnostic notation, for people reading a structure (the CLI's `inspect`).
///
/// Embedded items (tag 24) are shown decoded, as `24(<<item>>)`, when their content is valid CBOR.
/// Byte strings longer than `maxBytesShown` are shortened with their length, so a portrait does not flood a terminal.
public enum CBORDiagnostic {
    /// The diagnostic notation of `item`.
    public static func format(_ item: CBOR, maxBytesShown: Int = .max, indent: String? = nil) -> String {
        var output = ""
        append(item, to: &output, maxBytes: maxBytesShown, indent: indent, level: 0, depth: 0)
        return output
    }

    /// How deep containers, tags and embedded items are followed; beyond it embedded items are shown as bytes, so
    /// hostile input (tag 24 nested a million times) can neither exhaust the stack nor take quadratic time.
    static let maxDepth = CBORDecoder.Options().maxDepth

    private static func append(
        _ item: CBOR, to output: inout String, maxBytes: Int, indent: String?, level: Int, depth: Int
    ) {
        func newline(_ indentLevel: Int) -> String {
            guard let indent else { return "" }
            return "\n" + String(repeating: indent, count: indentLevel)
        }
        let separator = indent == nil ? ", " : ","
        switch item {
        case .unsigned(let n): output += String(n)
        case .negative(let n): output += n == .max ? "-18446744073709551616" : "-" + String(n + 1)
        case .bytes(let value): output += hexBytes(value, maxBytes: maxBytes)
        case .text(let value): output += quoted(value)
        case .array(let items):
            output += "["
            for (index, element) in items.enumerated() {
                if index > 0 { output += separator }
                output += newline(level + 1)
                append(element, to: &output, maxBytes: maxBytes, indent: indent, level: level + 1, depth: depth + 1)
            }
            if !items.isEmpty { output += newline(level) }
            output += "]"
        case .map(let map):
            output += "{"
            for (index, entry) in map.entries.enumerated() {
                if index > 0 { output += separator }
                output += newline(level + 1)
                append(entry.key, to: &output, maxBytes: maxBytes, indent: indent, level: level + 1, depth: depth + 1)
                output += ": "
                append(entry.value, to: &output, maxBytes: maxBytes, indent: indent, level: level + 1, depth: depth + 1)
            }
            if map.count > 0 { output += newline(level) }
            output += "}"
        case .tagged(let tag, let content):
            output += "\(tag)("
            append(content, to: &output, maxBytes: maxBytes, indent: indent, level: level, depth: depth + 1)
            output += ")"
        case .embedded(let embedded):
            if depth < maxDepth, let inner = try? embedded.decoded() {
                output += "24(<<"
                append(inner, to: &output, maxBytes: maxBytes, indent: indent, level: level, depth: depth + 1)
                output += ">>)"
            } else {
                output += "24(" + hexBytes(embedded.content, maxBytes: maxBytes) + ")"
            }
        case .bool(let value): output += value ? "true" : "false"
        case .null: output += "null"
        case .undefined: output += "undefined"
        case .simple(let value): output += "simple(\(value))"
        case .float(let value): output += float(value)
        }
    }

    /// RFC 8949 Appendix A style: `1.0`, `-4.1`, `1.0e+300`, `5.960464477539063e-8` (no padded exponent digits).
    static func float(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Infinity" : "Infinity" }
        let text = "\(value)"
        guard let e = text.firstIndex(of: "e") else { return text.contains(".") ? text : text + ".0" }
        var mantissa = String(text[..<e])
        if !mantissa.contains(".") { mantissa += ".0" }
        var exponent = text[text.index(after: e)...]
        var sign = ""
        if let first = exponent.first, first == "+" || first == "-" {
            sign = String(first)
            exponent = exponent.dropFirst()
        }
        let digits = exponent.drop(while: { $0 == "0" })
        return mantissa + "e" + sign + (digits.isEmpty ? "0" : String(digits))
    }

    private static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }

    private static func hexBytes(_ value: [UInt8], maxBytes: Int) -> String {
        let shown = value.prefix(maxBytes)
        let hex = shown.map { byte in
            let digits = String(byte, radix: 16)
            return byte < 16 ? "0" + digits : digits
        }.joined()
        return shown.count < value.count ? "h'\(hex)…' /\(value.count) bytes/" : "h'\(hex)'"
    }
}
