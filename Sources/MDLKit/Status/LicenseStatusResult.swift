import Foundation

/// The status of one licence as a ``StatusClient`` established it.
public struct LicenseStatusResult: Sendable, Hashable {
    /// The status list index looked up.
    public let index: Int
    /// The status value.
    public let value: StatusList.Value
    /// The value as a licence status, when it is one of the four MDLKit knows (0–3).
    public var credentialStatus: LicenseCredentialStatus? { LicenseCredentialStatus(rawValue: value.rawValue) }
    /// The token's `iat`: when the issuer stated the list.
    public let asOf: Date
    /// The token's `exp`, when present.
    public let expiresAt: Date?
    /// How old the HTTP answer is (since the service sent or confirmed it).
    public let age: Duration
    /// Whether the answer is degraded: served from the cache past its freshness (offline, or because the service
    /// could not be reached) or held past the token's `ttl`. Only returned when the relying party opted in.
    public let degraded: Bool
    /// Whether the answer came from the network (`false`: from the cache, fresh or not).
    public let fromNetwork: Bool

    /// Creates a result.
    public init(
        index: Int, value: StatusList.Value, asOf: Date, expiresAt: Date?, age: Duration, degraded: Bool, fromNetwork: Bool
    ) {
        self.index = index
        self.value = value
        self.asOf = asOf
        self.expiresAt = expiresAt
        self.age = age
        self.degraded = degraded
        self.fromNetwork = fromNetwork
    }

    /// The refusal this status means for a relying party that requires a usable licence: `statusRevoked` for
    /// invalid, `statusSuspended` for suspended, `statusSuperseded` for 3; `nil` for valid and other values.
    public var refusal: MDLError? {
        switch value {
        case .valid: return nil
        case .invalid: return MDLError(code: .statusRevoked, message: "the issuer's status list says the licence is revoked or cancelled")
        case .suspended: return MDLError(code: .statusSuspended, message: "the issuer's status list says the licence is suspended")
        case .applicationSpecific(3):
            return MDLError(code: .statusSuperseded, message: "the issuer's status list says the licence was superseded by a newer one")
        case .applicationSpecific: return nil
        }
    }
}
