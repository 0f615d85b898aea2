/// RFC 8949 §8 diagnostic notation, for people reading a structure (the CLI's `inspect`).
///
/// Embedded items (tag 24) are shown decoded, as `24(<<item>>)`, when their content is valid CBOR.
/// Byte strings longer than `maxBytesShown` are shortened with their length, so a portrait does not flood a terminal.
public enum CBORDiagnostic {
    /// The diagnostic notation of `item`.
    public static func format(_ item: CBOR, maxBytesShown: Int = .max, indent: String? = nil) -> String {
        var output = ""
        append(item, to: &output, maxBytes: maxBytesShown, indent: indent, level: 0)
        return output
    }

    private static func append(_ item: CBOR, to output: inout String, maxBytes: Int, indent: String?, level: Int) {
        func newline(_ depth: Int) -> String {
            guard let indent else { return "" }
            return "\n" + String(repeating: indent, count: depth)
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
                append(element, to: &output, maxBytes: maxBytes, indent: indent, level: level + 1)
            }
            if !items.isEmpty { output += newline(level) }
            output += "]"
        case .map(let map):
            output += "{"
            for (index, entry) in map.entries.enumerated() {
                if index > 0 { output += separator }
                output += newline(level + 1)
                append(entry.key, to: &output, maxBytes: maxBytes, indent: indent, level: level + 1)
                output += ": "
                append(entry.value, to: &output, maxBytes: maxBytes, indent: indent, level: level + 1)
            }
            if map.count > 0 { output += newline(level) }
            output += "}"
        case .tagged(let tag, let content):
            output += "\(tag)("
            append(content, to: &output, maxBytes: maxBytes, indent: indent, level: level)
            output += ")"
        case .embedded(let embedded):
            if let inner = try? embedded.decoded() {
                output += "24(<<"
                append(inner, to: &output, maxBytes: maxBytes, indent: indent, level: level)
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

    static func float(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Infinity" : "Infinity" }
        let text = "\(value)"
        return text.contains(".") || text.contains("e") ? text : text + ".0"
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
