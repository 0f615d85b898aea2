extension COSEKey {
    /// The signature algorithms a key read as a COSE_Key (an MSO device key) can verify: EdDSA on Ed25519, ES256 on
    /// P-256, ES384 on P-384, the curves ``signaturePublicKey()`` reads. ES512 is not among them: P-521 COSE_Keys
    /// are not read, so a request never advertises it for device authentication.
    public static let signatureAlgorithms: Set<COSEAlgorithm> = [.edDSA, .es256, .es384]
}
