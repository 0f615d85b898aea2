extension MDLError.Code {
    // MARK: Requests, JOSE and consent (pipeline step 2)
    /// A JWS or JWE is not well-formed (segments, base64url, JSON, header members).
    public static let joseMalformed = Self("joseMalformed")
    /// A JWS signature does not verify, or its algorithm is not allowed.
    public static let jwsSignatureInvalid = Self("jwsSignatureInvalid")
    /// A JWE does not decrypt with the key it names (wrong key, tampered ciphertext or header).
    public static let jweDecryptionFailed = Self("jweDecryptionFailed")
    /// The request object is malformed or breaks OpenID4VP 1.0 (wrong `typ`, missing claims, bad client_id).
    public static let requestInvalid = Self("requestInvalid")
    /// The relying party's certificate does not chain to a trusted registrar, or its registration is unreadable.
    public static let relyingPartyUntrusted = Self("relyingPartyUntrusted")
    /// The request asks for an element or a purpose the registrar did not allow this relying party.
    public static let requestBeyondRegistration = Self("requestBeyondRegistration")
    /// A store (replay store, audit log) failed.
    public static let storageFailed = Self("storageFailed")
}

extension MDLError.Code {
    /// The holder declined the request. Reported in outcomes (`PresentationOutcome.declined(_:)` in `MDLOpenID4VP`) and the CLI's
    /// JSON, never thrown: a decline is an answer, not a failure.
    public static let holderDeclined = Self("holderDeclined")
}
