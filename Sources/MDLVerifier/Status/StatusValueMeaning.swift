extension StatusListValue {
    /// The application-specific values MDLKit gives a meaning by default: 3, superseded (the sandbox's issuer writes
    /// it after a renewal, class change or move).
    public static let defaultApplicationValues: [UInt8: LicenseCredentialStatus] = [3: .superseded]

    /// The value as a licence status: 0, 1 and 2 as the Token Status List registry defines them; any other value
    /// only when `applicationValues` maps it, `nil` otherwise (the caller fails closed).
    public func credentialStatus(applicationValues: [UInt8: LicenseCredentialStatus]) -> LicenseCredentialStatus? {
        switch self {
        case .valid: .valid
        case .invalid: .invalid
        case .suspended: .suspended
        case .applicationSpecific(let raw): applicationValues[raw]
        }
    }
}
