import Foundation

/// The status of one licence as a status checker (`MDLStatus`'s `StatusClient`) established it.
public struct LicenseStatusResult: Sendable, Hashable {
    /// The status list index looked up.
    public let index: Int
    /// The status value.
    public let value: StatusListValue
    /// The value as a licence status: the registered values 0–2, and the application-specific values the relying
    /// party mapped (`StatusClient.Configuration.applicationValues`; 3, superseded, by default). `nil` for a value
    /// nobody mapped, which ``refusal`` refuses.
    public let credentialStatus: LicenseCredentialStatus?
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

    /// Creates a result; `credentialStatus` is the value's meaning, by default read with
    /// ``StatusListValue/defaultApplicationValues``.
    public init(
        index: Int, value: StatusListValue, asOf: Date, expiresAt: Date?, age: Duration, degraded: Bool, fromNetwork: Bool,
        credentialStatus: LicenseCredentialStatus? = nil
    ) {
        self.index = index
        self.value = value
        self.credentialStatus = credentialStatus ?? value.credentialStatus(applicationValues: StatusListValue.defaultApplicationValues)
        self.asOf = asOf
        self.expiresAt = expiresAt
        self.age = age
        self.degraded = degraded
        self.fromNetwork = fromNetwork
    }

    /// The refusal this status means for a relying party that requires a usable licence: `statusRevoked` for
    /// invalid, `statusSuspended` for suspended, `statusSuperseded` for superseded, `nil` for valid; and
    /// `statusUnavailable` for a value that is neither registered nor mapped (fail closed).
    public var refusal: MDLError? {
        switch credentialStatus {
        case .valid: return nil
        case .invalid: return MDLError(code: .statusRevoked, message: "the issuer's status list says the licence is revoked or cancelled")
        case .suspended: return MDLError(code: .statusSuspended, message: "the issuer's status list says the licence is suspended")
        case .superseded:
            return MDLError(code: .statusSuperseded, message: "the issuer's status list says the licence was superseded by a newer one")
        case nil:
            return MDLError(code: .statusUnavailable, message: "the status value \(value.rawValue) is neither registered nor mapped")
        }
    }
}
