import Foundation
import MDLCBOR

/// A JSON value printed with sorted keys, so output is stable for scripts and tests.
indirect enum JSONValue {
    case string(String), number(Double), integer(Int64), bool(Bool), null
    case array([JSONValue]), object([String: JSONValue])

    var serialized: String {
        switch self {
        case .string(let text): return JSONValue.quote(text)
        case .number(let value): return value.isFinite ? "\(value)" : "null"
        case .integer(let value): return "\(value)"
        case .bool(let value): return value ? "true" : "false"
        case .null: return "null"
        case .array(let items): return "[" + items.map(\.serialized).joined(separator: ",") + "]"
        case .object(let members):
            return "{" + members.keys.sorted().map { JSONValue.quote($0) + ":" + (members[$0] ?? .null).serialized }.joined(separator: ",") + "}"
        }
    }

    static func quote(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
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
}

enum JSONOutput {
    static func print(_ value: JSONValue) { Swift.print(value.serialized) }
}
