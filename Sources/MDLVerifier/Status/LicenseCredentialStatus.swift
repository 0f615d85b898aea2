/// A Token Status List value for a licence credential (draft-ietf-oauth-status-list): the issuer's summary of the
/// status letters.
public enum LicenseCredentialStatus: UInt8, Sendable, Hashable, CaseIterable {
    /// 0: valid.
    case valid = 0
    /// 1: invalid (revoked, cancelled, expired unrenewed).
    case invalid = 1
    /// 2: suspended (detained, suspended, over points, locked, deferred, overdue review).
    case suspended = 2
    /// 3 (application-specific): superseded; the holder must present the credential issued after a renewal,
    /// class change or move.
    case superseded = 3

    /// How strongly the value stands against using the credential: invalid, then suspended, then superseded.
    package var severityRank: Int {
        switch self {
        case .valid: return 0
        case .superseded: return 1
        case .suspended: return 2
        case .invalid: return 3
        }
    }
}
