import Foundation
import MDLCBOR

/// The outcome of a successful verification: every document's disclosed data (the licence facts it proves are read by `MDLLicense`).
public struct VerifiedPresentation: Sendable {
    /// The verified documents, in the order of the DeviceResponse.
    public let documents: [VerifiedDocument]
    /// The time the verification was made for.
    public let verifiedAt: Date
    /// The DeviceResponse exactly as received: what a `PointStatementRequest` (`MDLStatus`) carries to the issuer's status
    /// service as the holder's consent. It holds personal data; keep it no longer than the decision needs.
    public let deviceResponse: [UInt8]
}

/// One verified document.
public struct VerifiedDocument: Sendable {
    /// The document type.
    public let docType: String
    /// Issuer-signed elements whose digests verified, per namespace.
    public let issuerSigned: [String: [String: CBOR]]
    /// Device-signed elements (authorised by the MSO), per namespace.
    public let deviceSigned: [String: [String: CBOR]]
    /// Elements the holder did not return (declined or unavailable), with the wallet's error code.
    public let notReturned: [String: [String: Int64]]
    /// The MSO's validity.
    public let validity: MobileSecurityObject.ValidityInfo
    /// The Token Status List reference, when the MSO has one.
    public let statusReference: MobileSecurityObject.StatusReference?
    /// The certificate path from the document signer to the anchor: the certificates, the ``TrustAnchor`` and
    /// (derived from them) the subjects.
    public let trustPath: TrustPath
    /// The policy relaxations this verification needed; empty under the strict profile.
    public let relaxationsUsed: [VerificationPolicy.Relaxation]
    /// How the device authenticated: a device signature or a device MAC.
    public let deviceAuthentication: DeviceAuthenticationMethod
    /// The MSO's digest algorithm.
    public let digestAlgorithm: DigestAlgorithm
    /// The trust anchor (the IACA certificate) that validated the document signer: the very anchor a status list
    /// token or point statement for this document must chain to (`StatusSignerTrust.issuer([issuerAnchor])`), never
    /// another anchor with the same name.
    public let issuerAnchor: TrustAnchor
    /// What the status step established (``DocumentStatus``); set by the verifier's status step.
    public package(set) var status: DocumentStatus = .notChecked(reason: "not yet checked")
}
