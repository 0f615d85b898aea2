import MDLCBOR
import MDLKit

/// The one shape of a refusal in `--json` output, whatever the subcommand:
/// `{"error": {"code": "…", "message": "…", "document": N or null}, …}`, with the subcommand's own keys beside it
/// (`verify` and `request` add `"verified": false`, `request` adds `state`).
enum RefusalJSON {
    /// The `error` object for `error`: its stable code, its message for people, and the index of the document at
    /// fault (`null` when no presentation document is, as for a class question or unreadable CBOR).
    static func error(_ error: MDLError) -> JSONValue {
        .object([
            "code": .string(error.code.rawValue), "message": .string(error.message),
            "document": error.documentIndex.map { .integer(Int64($0)) } ?? .null,
        ])
    }

    /// The `error` object for input that is not CBOR: the CBOR error's code and its message with the byte offset.
    static func error(_ error: CBORError) -> JSONValue {
        .object(["code": .string(error.code.rawValue), "message": .string(error.description), "document": .null])
    }

    /// The refusal object for input that is not CBOR.
    static func object(_ error: CBORError) -> JSONValue { .object(["error": Self.error(error)]) }

    /// The whole refusal object: `error` and the subcommand's `extra` keys.
    static func object(_ error: MDLError, _ extra: [String: JSONValue] = [:]) -> JSONValue {
        var members = extra
        members["error"] = Self.error(error)
        return .object(members)
    }
}
