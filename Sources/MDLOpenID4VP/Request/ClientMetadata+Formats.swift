import MDLCOSE
import MDLVerifier

extension ClientMetadata {
    /// The credential format MDLKit verifies: ISO/IEC 18013-5 mdocs.
    public static let mdocFormat = "mso_mdoc"

    /// `vp_formats_supported` for `mso_mdoc`, by COSE identifier: for issuer authentication (IssuerAuth) the
    /// signature algorithms in `algorithms`; for device authentication (DeviceSignature) those of them a COSE_Key
    /// device key can verify (`COSEKey.signatureAlgorithms`; DeviceMac needs a reader key, which an OpenID4VP
    /// request has none of, so it is not advertised). Nothing MDLKit does not verify can appear: the values come
    /// from `COSEAlgorithm`, the algorithms it implements.
    public static func mdocFormats(accepting algorithms: Set<COSEAlgorithm>) -> [String: [String: [Int]]] {
        let issuer = algorithms.filter(\.isSignature)
        let device = issuer.intersection(COSEKey.signatureAlgorithms)
        return [
            mdocFormat: [
                "issuerauth_alg_values": issuer.map { Int($0.coseValue) }.sorted(),
                "deviceauth_alg_values": device.map { Int($0.coseValue) }.sorted(),
            ]
        ]
    }
}
