import Foundation

/// What verification established about a document's status (pipeline step 7), carried by
/// ``VerifiedDocument/status`` and recorded in the relying party's consent receipt.
///
/// Verification refuses a licence whose status list entry is not valid (`statusRevoked`, `statusSuspended`,
/// `statusSuperseded`) and one whose status cannot be established (`statusUnavailable`), so a verified document
/// is `.checked` with a valid entry, `.noReference`, or `.notChecked` after the relying party's explicit opt-out.
/// Licence policies (`MDLLicense`) turn anything but a fresh, valid `.checked` into `refer`.
public enum DocumentStatus: Sendable, Hashable {
    /// The issuer's status list was read for this document.
    case checked(LicenseStatusResult)
    /// The MSO carries no status reference: the issuer publishes no status for this document.
    case noReference
    /// Status was not checked, by the relying party's explicit choice (``StatusCheckPolicy/skip(reason:)``).
    case notChecked(reason: String)

    /// Whether the issuer's status list was read and says the credential is valid (not a degraded answer).
    public var isCheckedValid: Bool {
        if case .checked(let result) = self { return result.credentialStatus == .valid && !result.degraded }
        return false
    }

    /// A short, stable word for logs and receipts: `valid`, `invalid`, `suspended`, `superseded`, `unmapped`,
    /// `degraded-<status>`, `no-reference` or `not-checked`.
    public var summary: String {
        switch self {
        case .checked(let result):
            let word = result.credentialStatus.map { "\($0)" } ?? "unmapped"
            return result.degraded ? "degraded-\(word)" : word
        case .noReference: return "no-reference"
        case .notChecked: return "not-checked"
        }
    }
}
