import Foundation
import MDLKit

/// The `status` member of `verify --json`.
enum StatusCheck {
    static func run(for document: VerifiedDocument, mode: VerifyCommand.StatusMode, at time: Date) async throws -> JSONValue {
        guard mode == .check else { return .object(["checked": .bool(false)]) }
        guard let reference = document.statusReference else { return .null }
        _ = reference
        throw MDLError(code: .statusUnavailable, message: "status lists are not fetched by this build yet; use --status skip")
    }
}
