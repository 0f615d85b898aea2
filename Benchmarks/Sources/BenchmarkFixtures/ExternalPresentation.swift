import Crypto
import Foundation
import MDLCBOR
import MDLCOSE
import MDLKit
import X509

extension BenchmarkPresentation {
    /// A presentation another implementation produced (read from `../shared/vectors`), prepared like a sandbox one:
    /// a verifier trusting `anchor` under `policy`, status skipped (the documents name status hosts a benchmark does
    /// not reach; the cost of status is measured separately), and its two signature checks precomputed: IssuerAuth
    /// with the document signer's key from its `x5chain`, DeviceSignature with the MSO's device key over this
    /// session's DeviceAuthenticationBytes.
    ///
    /// - Throws: ``FixtureError`` when the document has no device signature (a MAC-authenticated one has no second
    ///   signature to compare with).
    public static func external(
        name: String, bytes: [UInt8], transcript: SessionTranscript, anchor: TrustAnchor, policy: VerificationPolicy, time: Date
    ) throws -> BenchmarkPresentation {
        let response = try DeviceResponse(bytes: bytes)
        guard let document = response.documents.first, let deviceSigned = document.deviceSigned,
            case .signature(let deviceSignature) = deviceSigned.deviceAuth, let payload = document.issuerSigned.issuerAuth.payload
        else { throw FixtureError("\(name): no document with a device signature and an attached MSO") }
        let issuerAuth = document.issuerSigned.issuerAuth
        guard let leafDER = try issuerAuth.headers.x5chain()?.first else { throw FixtureError("\(name): no x5chain") }
        guard let signer = SignerPublicKey(try Certificate(derEncoded: leafDER)) else { throw FixtureError("\(name): unsupported DS key") }
        let msoItem: CBOR
        switch try CBORDecoder().decode(payload) {
        case .embedded(let embedded): msoItem = try embedded.decoded()
        case .tagged(24, .bytes(let bytes)): msoItem = try CBORDecoder().decode(bytes)
        default: throw FixtureError("\(name): the MSO is not tag 24")
        }
        let mso = try MobileSecurityObject(msoItem)
        guard let issuerAlgorithm = issuerAuth.headers.algorithm, let deviceAlgorithm = deviceSignature.headers.algorithm else {
            throw FixtureError("\(name): a signature without an algorithm")
        }
        return BenchmarkPresentation(
            name: name, bytes: bytes, transcript: transcript,
            verifier: PresentationVerifier(configuration: .init(
                trustAnchors: [anchor], policy: policy, status: .skip(reason: "benchmark: status measured separately"))),
            time: time, iacaPEM: "", elementCount: document.issuerSigned.nameSpaces.values.map(\.count).reduce(0, +),
            issuerCheck: .issuer(issuerAuth, payload: payload, key: try Self.signatureKey(signer), algorithm: issuerAlgorithm),
            deviceCheck: .device(
                deviceSignature, document: document, deviceSigned: deviceSigned, transcript: transcript,
                key: try mso.deviceKey.signaturePublicKey(), algorithm: deviceAlgorithm))
    }

    static func signatureKey(_ key: SignerPublicKey) throws -> SignaturePublicKey {
        switch key {
        case .ed25519(let bytes): try SignaturePublicKey(ed25519RawRepresentation: bytes)
        case .p256(let bytes): .p256(try P256.Signing.PublicKey(x963Representation: bytes))
        case .p384(let bytes): .p384(try P384.Signing.PublicKey(x963Representation: bytes))
        case .p521(let bytes): .p521(try P521.Signing.PublicKey(x963Representation: bytes))
        }
    }
}
