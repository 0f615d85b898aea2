extension MDLError.Code {
    // MARK: Trust lists (VICAL) and reader authentication

    /// The trust list's signature does not verify with its signer's key, or its `alg` is not allowed.
    public static let trustListSignatureInvalid = Self("trustListSignatureInvalid")
    /// The trust list's signer certificate does not chain to a pinned VICAL-signer anchor (unknown operator key,
    /// broken chain, or a signer outside its validity).
    public static let trustListUntrusted = Self("trustListUntrusted")
    /// The trust list is past its `nextUpdate` by more than the staleness bound the relying party set.
    public static let trustListExpired = Self("trustListExpired")
    /// No trust list could be fetched and none is held (the operator is unreachable or answered with an error).
    public static let trustListUnavailable = Self("trustListUnavailable")
    /// The readerAuth signature does not verify with the reader certificate's key over this request.
    public static let readerSignatureInvalid = Self("readerSignatureInvalid")
}
