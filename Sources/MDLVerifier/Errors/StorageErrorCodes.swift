extension MDLError.Code {
    // MARK: Shared storage of open requests
    /// A sealing key is not 32 bytes (or not base64 of them).
    public static let sealingKeyInvalid = Self("sealingKeyInvalid")
    /// A stored request does not open with any configured sealing key, or opens to a different request than its row.
    public static let sealedRequestInvalid = Self("sealedRequestInvalid")
}
