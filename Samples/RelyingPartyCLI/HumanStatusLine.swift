import Foundation
import MDLKit

/// The `status:` line of `verify`'s human output, always printed: the list entry when checked, otherwise why not
/// (no status reference in the MSO, or not checked). Plain words, RFC 3339 instants, never JSON.
enum HumanStatusLine {
    static func text(for document: VerifiedDocument, mode: VerifyCommand.StatusMode) -> String {
        if mode == .skip { return "not checked (--status skip)" }
        switch document.status {
        case .noReference: return "no status reference (the licence names no status list; nothing to check)"
        case .notChecked: return "not checked"
        case .checked(let result): return text(result, uri: document.statusReference?.uri)
        }
    }

    /// A checked status in words: value, index, list, its age and expiry.
    static func text(_ result: LicenseStatusResult, uri: String?) -> String {
        let (seconds, _) = result.age.components
        var text = "\(result.value.description) (index \(result.index) of \(uri ?? "the list")"
        text += ", list issued \(TDate.format(result.asOf)), \(seconds) s old"
        if let expiresAt = result.expiresAt { text += ", expires \(TDate.format(expiresAt))" }
        return text + (result.degraded ? ", degraded: served from cache past its freshness)" : ")")
    }

    /// An element value for people: text as it is, numbers and booleans plainly, structures in JSON notation
    /// (bytes appear as length and hash, as in `--json`).
    static func value(_ value: JSONValue) -> String {
        switch value {
        case .string(let text): return text
        case .integer(let number): return "\(number)"
        case .bool(let flag): return flag ? "yes" : "no"
        default: return value.serialized
        }
    }
}
