import Foundation
import MDLKit
import SwiftASN1
import X509

/// A sandbox issuing authority's root: the IACA (issuing authority certificate authority) of ISO/IEC 18013-5
/// Annex B. Self-signed, `CA:TRUE` with path length 0, key usage keyCertSign + cRLSign, subject `C`, `ST`, `O`, `CN`.
///
/// ```swift
/// let iaca = try IACA(stateOrProvince: "SH", organization: "上海市公安局交通警察总队",
///                     commonName: "SH mDL IACA",
///                     notBefore: start, notAfter: start.addingTimeInterval(10 * 365 * 86_400))
/// let signer = try iaca.issueDocumentSigner(commonName: "SH mDL DS 1", notBefore: start, notAfter: end)
/// let anchor = try iaca.trustAnchor()
/// ```
public struct IACA: Sendable {
    /// The IACA as a certificate authority (certificate and key).
    public let authority: CertificateAuthority

    /// Creates an IACA with a fresh key of `keyAlgorithm`.
    public init(
        country: String = "CN",
        stateOrProvince: String?,
        organization: String,
        commonName: String,
        notBefore: Date,
        notAfter: Date,
        keyAlgorithm: SigningKey.Algorithm = .ed25519
    ) throws {
        let subject = CertificateSubject(
            country: country, stateOrProvince: stateOrProvince, organization: organization, commonName: commonName)
        let template = Self.template(subject: subject, notBefore: notBefore, notAfter: notAfter)
        try self.init(template: template, key: SigningKey(generating: keyAlgorithm))
    }

    /// Creates an IACA from a (possibly deliberately altered) template and key.
    public init(template: CertificateTemplate, key: SigningKey) throws {
        self.authority = try CertificateAuthority(selfSigned: template, key: key)
    }

    /// The ISO/IEC 18013-5 IACA profile for `subject`.
    public static func template(subject: CertificateSubject, notBefore: Date, notAfter: Date) -> CertificateTemplate {
        CertificateTemplate(
            subject: subject, notBefore: notBefore, notAfter: notAfter,
            basicConstraints: .isCertificateAuthority(maxPathLength: 0),
            keyUsage: KeyUsage(keyCertSign: true, cRLSign: true)
        )
    }

    /// The IACA certificate.
    public var certificate: Certificate { authority.certificate }
    /// The IACA's private key.
    public var signingKey: SigningKey { authority.signingKey }
    /// The IACA's country (`C`), if any.
    public var country: String? { certificate.subject.first(of: .RDNAttributeType.countryName) }
    /// The IACA's state or province (`ST`), if any.
    public var stateOrProvince: String? { certificate.subject.first(of: .RDNAttributeType.stateOrProvinceName) }

    /// The certificate in DER.
    public func derEncoded() throws -> [UInt8] { try certificate.derBytes() }
    /// The certificate as a PEM `CERTIFICATE` block.
    public func pemEncoded() throws -> String { try certificate.serializeAsPEM().pemString }
    /// The certificate as a relying party's trust anchor.
    public func trustAnchor(retiredAt: Date? = nil, notes: String? = nil) throws -> TrustAnchor {
        try TrustAnchor(certificate: certificate, retiredAt: retiredAt, notes: notes)
    }

    /// The ISO/IEC 18013-5 document-signer profile under this IACA: EKU `1.0.18013.5.1.2` (critical), key usage
    /// digitalSignature, not a CA, and the IACA's country and state.
    public func documentSignerTemplate(commonName: String, notBefore: Date, notAfter: Date) -> CertificateTemplate {
        CertificateTemplate(
            subject: CertificateSubject(country: country, stateOrProvince: stateOrProvince, commonName: commonName),
            notBefore: notBefore, notAfter: notAfter,
            basicConstraints: .notCertificateAuthority,
            keyUsage: KeyUsage(digitalSignature: true),
            extendedKeyUsages: [.mdlDocumentSigner]
        )
    }

    /// Issues a document-signer certificate with a fresh key. `defects` break the profile on purpose, for tests.
    public func issueDocumentSigner(
        commonName: String,
        notBefore: Date,
        notAfter: Date,
        keyAlgorithm: SigningKey.Algorithm = .ed25519,
        defects: [DocumentSignerDefect] = []
    ) throws -> DocumentSignerCertificate {
        var template = documentSignerTemplate(commonName: commonName, notBefore: notBefore, notAfter: notAfter)
        for defect in defects { defect.apply(to: &template) }
        return try issueDocumentSigner(template, key: SigningKey(generating: keyAlgorithm))
    }

    /// Issues a document-signer certificate for `key` from any template.
    public func issueDocumentSigner(_ template: CertificateTemplate, key: SigningKey) throws
        -> DocumentSignerCertificate
    {
        let certificate = try authority.issue(template, for: key.certificatePublicKey)
        return try DocumentSignerCertificate(certificate: certificate, signingKey: key)
    }
}

extension DistinguishedName {
    /// The first value of the attribute `type` as text.
    func first(of type: ASN1ObjectIdentifier) -> String? {
        for rdn in self {
            for attribute in rdn where attribute.type == type { return String(attribute.value) }
        }
        return nil
    }
}
