import Foundation
import MDLKit
import SwiftASN1
import X509

/// The trust-list operator's keys: a self-signed operator root (what relying parties pin) and a VICAL signer
/// certificate under it (EKU `1.0.18013.5.1.8`), whose key signs each publication.
public struct TrustListSigner: Sendable {
    /// The operator root.
    public let root: CertificateAuthority
    /// The VICAL signer certificate.
    public let certificate: Certificate
    /// The VICAL signer's key.
    public let signingKey: SigningKey

    /// Creates a root (valid ten years from a year ago) and a signer certificate (two years) with fresh keys.
    public init(name: String, now: Date, keyAlgorithm: SigningKey.Algorithm = .p256) throws {
        let year: TimeInterval = 365 * 86_400
        let rootTemplate = CertificateTemplate(
            subject: CertificateSubject(country: "CN", organization: name, commonName: "\(name) Root"),
            notBefore: now.addingTimeInterval(-year), notAfter: now.addingTimeInterval(10 * year),
            basicConstraints: .isCertificateAuthority(maxPathLength: 0),
            keyUsage: KeyUsage(keyCertSign: true, cRLSign: true))
        let root = try CertificateAuthority(selfSigned: rootTemplate, key: SigningKey(generating: keyAlgorithm))
        try self.init(root: root, commonName: "\(name) VICAL Signer 1", now: now, keyAlgorithm: keyAlgorithm)
    }

    /// Creates a new signer certificate under an existing `root` (the operator's own key rotation).
    public init(root: CertificateAuthority, commonName: String, now: Date, keyAlgorithm: SigningKey.Algorithm = .p256)
        throws
    {
        try self.init(root: root, commonName: commonName, now: now, key: SigningKey(generating: keyAlgorithm))
    }

    /// Creates a signer certificate for an existing `key` under `root`.
    public init(root: CertificateAuthority, commonName: String, now: Date, key: SigningKey) throws {
        let template = CertificateTemplate(
            subject: CertificateSubject(country: "CN", commonName: commonName),
            notBefore: now.addingTimeInterval(-86_400), notAfter: now.addingTimeInterval(2 * 365 * 86_400),
            basicConstraints: .notCertificateAuthority,
            keyUsage: KeyUsage(digitalSignature: true),
            extendedKeyUsages: [.mdlVICALSigner])
        self.root = root
        self.certificate = try root.issue(template, for: key.certificatePublicKey)
        self.signingKey = key
    }

    /// The COSE `x5chain`: the signer certificate, then the root.
    public func x5chain() throws -> [[UInt8]] { [try certificate.derBytes(), try root.certificate.derBytes()] }

    /// The root as PEM, for a relying party's configuration.
    public func rootPEM() throws -> String { try root.certificate.serializeAsPEM().pemString }
}
