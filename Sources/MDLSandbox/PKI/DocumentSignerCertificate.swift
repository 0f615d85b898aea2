import Foundation
import SwiftASN1
import X509

/// A sandbox document signer: the DS certificate an ``IACA`` issued and the key that signs MSOs.
public struct DocumentSignerCertificate: Sendable {
    /// The DS certificate.
    public let certificate: Certificate
    /// The DS private key (the COSE signer of the IssuerAuth uses it).
    public let signingKey: SigningKey
    /// The certificate in DER.
    public let derEncoded: [UInt8]

    init(certificate: Certificate, signingKey: SigningKey) throws {
        self.certificate = certificate
        self.signingKey = signingKey
        self.derEncoded = try certificate.derBytes()
    }

    /// The IssuerAuth `x5chain` content: the DS certificate alone, as ISO/IEC 18013-5 issuers send it.
    public var x5chain: [[UInt8]] { [derEncoded] }

    /// The certificate as a PEM `CERTIFICATE` block.
    public func pemEncoded() throws -> String { try certificate.serializeAsPEM().pemString }
}

/// A deliberate break of the document-signer profile, for negative tests.
public enum DocumentSignerDefect: Sendable, Hashable {
    /// No extendedKeyUsage extension.
    case noExtendedKeyUsage
    /// These extended key usages instead of `1.0.18013.5.1.2`.
    case extendedKeyUsages([ASN1ObjectIdentifier])
    /// basicConstraints `CA:TRUE`.
    case certificateAuthority
    /// No digitalSignature in the key usage (keyCertSign instead).
    case noDigitalSignature
    /// This country instead of the IACA's.
    case country(String)
    /// This state or province instead of the IACA's (`nil` omits it).
    case stateOrProvince(String?)

    /// Applies the defect to a document-signer template.
    public func apply(to template: inout CertificateTemplate) {
        switch self {
        case .noExtendedKeyUsage: template.extendedKeyUsages = []
        case .extendedKeyUsages(let oids): template.extendedKeyUsages = oids
        case .certificateAuthority: template.basicConstraints = .isCertificateAuthority(maxPathLength: nil)
        case .noDigitalSignature: template.keyUsage = KeyUsage(keyCertSign: true)
        case .country(let country): template.subject.country = country
        case .stateOrProvince(let state): template.subject.stateOrProvince = state
        }
    }
}
