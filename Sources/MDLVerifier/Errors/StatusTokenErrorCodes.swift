extension MDLError.Code {
    // MARK: Status list tokens and point statements (step 7)
    /// A status list token or point statement is not signed by a key the relying party trusts, or its signature
    /// does not verify.
    public static let statusSignatureInvalid = Self("statusSignatureInvalid")
    /// A status list token is outside its lifetime: issued in the future, past `exp`, or older than its `ttl` or the
    /// relying party's age bound allows.
    public static let statusTokenExpired = Self("statusTokenExpired")
    /// A status list token's `sub` is not the URI the MSO references.
    public static let statusSubjectMismatch = Self("statusSubjectMismatch")
    /// The licence has been superseded (renewal, class change, move): the holder must present the newer credential.
    public static let statusSuperseded = Self("statusSuperseded")
    /// A point statement is malformed or not signed as a statement (a service that refuses to issue one is
    /// reported as `statusUnavailable`).
    public static let pointStatementInvalid = Self("pointStatementInvalid")
    /// A point statement is bound to another licence, another relying party or another nonce, or answers for another
    /// instant than the one asked for.
    public static let pointStatementMismatch = Self("pointStatementMismatch")
    /// A point statement is older than the relying party's freshness bound.
    public static let pointStatementExpired = Self("pointStatementExpired")
}
