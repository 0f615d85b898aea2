import Foundation
import X509

/// A sandbox certificate authority: a CA certificate and its key, which signs certificates from templates.
///
/// The general mechanism behind ``IACA`` (document signers) and, later, the registrar's reader and relying-party
/// certificates.
public struct CertificateAuthority: Sendable {
    /// The CA's certificate.
    public let certificate: Certificate
    /// The CA's private key.
    public let signingKey: SigningKey

    /// Creates a self-signed CA from `template` and `key`.
    public init(selfSigned template: CertificateTemplate, key: SigningKey) throws {
        let publicKey = key.certificatePublicKey
        let name = try template.subject.distinguishedName()
        let keyIdentifier = Array(SubjectKeyIdentifier(hash: publicKey).keyIdentifier)
        self.certificate = try Certificate(
            version: .v3,
            serialNumber: template.serialNumber ?? Certificate.SerialNumber(),
            publicKey: publicKey,
            notValidBefore: template.notBefore,
            notValidAfter: template.notAfter,
            issuer: name,
            subject: name,
            extensions: try template.extensions(subjectKey: publicKey, authorityKeyIdentifier: keyIdentifier),
            issuerPrivateKey: key.certificatePrivateKey
        )
        self.signingKey = key
    }

    /// Wraps an existing CA certificate and its key (e.g. one loaded from disk).
    public init(certificate: Certificate, signingKey: SigningKey) {
        self.certificate = certificate
        self.signingKey = signingKey
    }

    /// Issues a certificate for `subjectKey` from `template`, signed by this CA.
    public func issue(_ template: CertificateTemplate, for subjectKey: Certificate.PublicKey) throws -> Certificate {
        let issuerKeyIdentifier =
            (try certificate.extensions.subjectKeyIdentifier).map { Array($0.keyIdentifier) }
            ?? Array(SubjectKeyIdentifier(hash: certificate.publicKey).keyIdentifier)
        return try Certificate(
            version: .v3,
            serialNumber: template.serialNumber ?? Certificate.SerialNumber(),
            publicKey: subjectKey,
            notValidBefore: template.notBefore,
            notValidAfter: template.notAfter,
            issuer: certificate.subject,
            subject: try template.subject.distinguishedName(),
            extensions: try template.extensions(subjectKey: subjectKey, authorityKeyIdentifier: issuerKeyIdentifier),
            issuerPrivateKey: signingKey.certificatePrivateKey
        )
    }
}
