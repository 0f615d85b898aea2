import Crypto
import Foundation
import MDLCBOR

/// A JSON value, decoded strictly (a number is never a boolean), to compare element values with the Python peers'
/// `expected.json` and verifier output.
indirect enum InteropJSON: Decodable, Equatable, Sendable, CustomStringConvertible {
    case bool(Bool)
    case integer(Int64)
    case number(Double)
    case string(String)
    case array([InteropJSON])
    case object([String: InteropJSON])
    case null

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null; return }
        if let value = try? container.decode(Bool.self) { self = .bool(value); return }
        if let value = try? container.decode(Int64.self) { self = .integer(value); return }
        if let value = try? container.decode(Double.self) { self = .number(value); return }
        if let value = try? container.decode(String.self) { self = .string(value); return }
        if let value = try? container.decode([InteropJSON].self) { self = .array(value); return }
        self = .object(try container.decode([String: InteropJSON].self))
    }

    static func decode(_ data: Data) throws -> InteropJSON { try JSONDecoder().decode(InteropJSON.self, from: data) }

    subscript(key: String) -> InteropJSON? {
        if case .object(let object) = self { return object[key] }
        return nil
    }

    var object: [String: InteropJSON]? {
        if case .object(let object) = self { return object }
        return nil
    }

    var string: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    var bool: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    var description: String {
        switch self {
        case .bool(let value): "\(value)"
        case .integer(let value): "\(value)"
        case .number(let value): "\(value)"
        case .string(let value): "\"\(value)\""
        case .array(let values): "[\(values.map(\.description).joined(separator: ", "))]"
        case .object(let object): "{\(object.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", "))}"
        case .null: "null"
        }
    }

    /// The peers' value form of a CBOR element value (README of Tests/Interop): full-dates and tdates as their
    /// text, byte strings as `{"bytes": n, "sha256": hex}`, other tags as `{"tag": n, "value": …}`.
    init(element: CBOR) {
        switch element {
        case .unsigned(let n): self = n <= UInt64(Int64.max) ? .integer(Int64(n)) : .number(Double(n))
        case .negative: self = element.int64.map(InteropJSON.integer) ?? .null
        case .bytes(let bytes):
            self = .object(["bytes": .integer(Int64(bytes.count)), "sha256": .string(Hex.encode(Array(SHA256.hash(data: bytes))))])
        case .text(let text): self = .string(text)
        case .array(let items): self = .array(items.map(InteropJSON.init(element:)))
        case .map(let map):
            var object: [String: InteropJSON] = [:]
            for entry in map { object[entry.key.text ?? entry.key.int64.map(String.init) ?? "\(entry.key)"] = InteropJSON(element: entry.value) }
            self = .object(object)
        case .tagged(let tag, let inner) where tag == 0 || tag == 1004: self = InteropJSON(element: inner)
        case .tagged(let tag, let inner): self = .object(["tag": .integer(Int64(tag)), "value": InteropJSON(element: inner)])
        case .embedded(let embedded): self = .object(["tag": .integer(24), "value": InteropJSON(element: .bytes(embedded.content))])
        case .bool(let value): self = .bool(value)
        case .null, .undefined: self = .null
        case .simple(let value): self = .integer(Int64(value))
        case .float(let value): self = .number(value)
        }
    }
}
