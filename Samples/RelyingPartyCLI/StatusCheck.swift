import Foundation
import MDLCBOR
import MDLKit

/// The CLI's view of the SDK's status step (pipeline step 7): which ``StatusCheckPolicy`` `--status` selects, and
/// the `status` member of `verify --json`.
enum StatusCheck {
    /// `--status check`: the SDK's ``StatusClient`` over libcurl, failing closed; `--status skip`: the explicit,
    /// recorded opt-out.
    static func policy(_ mode: VerifyCommand.StatusMode) -> StatusCheckPolicy {
        mode == .check ? .check(with: StatusClient()) : .skip(reason: "--status skip")
    }

    /// The `status` member for `document`: `{"checked": false}` under `--status skip` (the CLI does not look),
    /// `null` without a status reference, the list entry otherwise.
    static func json(for document: VerifiedDocument, mode: VerifyCommand.StatusMode = .check) -> JSONValue {
        if mode == .skip { return .object(["checked": .bool(false)]) }
        switch document.status {
        case .noReference: return .null
        case .notChecked: return .object(["checked": .bool(false)])
        case .checked(let result): return json(result, uri: document.statusReference?.uri ?? "")
        }
    }

    /// The JSON form of a status result.
    static func json(_ result: LicenseStatusResult, uri: String) -> JSONValue {
        let (seconds, _) = result.age.components
        return .object([
            "checked": .bool(true), "index": .integer(Int64(result.index)), "uri": .string(uri),
            "value": .integer(Int64(result.value.rawValue)), "status": .string(result.value.description),
            "issuedAt": .string(TDate.format(result.asOf)),
            "expiresAt": result.expiresAt.map { .string(TDate.format($0)) } ?? .null,
            "ageSeconds": .integer(seconds), "degraded": .bool(result.degraded),
        ])
    }
}
