/// The exchange protocols of the W3C Digital Credentials API that MDLKit speaks (the identifiers of the W3C
/// protocol registry, passed as `protocol` to `navigator.credentials.get`).
///
/// ```swift
/// let request = try await rp.createDigitalCredentialsRequest(.carRental, protocol: .isoMdoc, origin: "https://rent.example.cn")
/// ```
public enum DigitalCredentialsProtocol: String, Sendable, Hashable, Codable, CaseIterable {
    /// OpenID4VP 1.0 Appendix A with a signed request object (`{"request": "<JWS>"}`) carrying `expected_origins`.
    case openID4VPSigned = "openid4vp-v1-signed"
    /// OpenID4VP 1.0 Appendix A with the request parameters as a JSON object; the wallet names the relying party by
    /// the origin the browser reports.
    case openID4VPUnsigned = "openid4vp-v1-unsigned"
    /// ISO/IEC 18013-7 Annex C: a DeviceRequest and an EncryptionInfo; the response is HPKE-encrypted.
    case isoMdoc = "org-iso-mdoc"

    /// Whether the protocol is OpenID4VP (either variant).
    public var isOpenID4VP: Bool { self != .isoMdoc }
}
