extension MDLError.Code {
    // MARK: Digital Credentials API (pipeline step 2)
    /// The web origin is not one the relying party allows: a request for an origin outside its configured list, or
    /// a response reported from an origin outside that list or other than the one its request was made for.
    public static let originNotAllowed = Self("originNotAllowed")
    /// An ISO/IEC 18013-7 Annex C `EncryptedResponse` does not open (HPKE) with the request's key and the `dcapi`
    /// transcript built from the request's EncryptionInfo and origin: another key, another origin, or a changed byte.
    public static let hpkeDecryptionFailed = Self("hpkeDecryptionFailed")
}
