import Foundation
import SwiftASN1
import X509

/// What goes into a sandbox certificate, before a ``CertificateAuthority`` signs it: subject, validity, CA flag,
/// key usage and extended key usages.
///
/// Templates are plain values, so a test can take a well-formed profile
/// (``IACA/template(subject:notBefore:notAfter:)``,
/// ``IACA/documentSignerTemplate(commonName:notBefore:notAfter:)``) and break exactly one field of it.
public struct CertificateTemplate: Sendable {
    /// The subject name.
    public var subject: CertificateSubject
    /// The start of the validity.
    public var notBefore: Date
    /// The end of the validity.
    public var notAfter: Date
    /// The serial number; `nil` draws a random one at issuance.
    public var serialNumber: Certificate.SerialNumber?
    /// The basicConstraints extension (always written critical); `nil` omits it.
    public var basicConstraints: BasicConstraints?
    /// The keyUsage extension (always written critical); `nil` omits it.
    public var keyUsage: KeyUsage?
    /// The extended key usages; empty omits the extension.
    public var extendedKeyUsages: [ASN1ObjectIdentifier]
    /// Whether the extendedKeyUsage extension is critical (ISO/IEC 18013-5 DS and reader certificates: yes).
    public var extendedKeyUsageIsCritical: Bool

    /// Creates a template.
    public init(
        subject: CertificateSubject,
        notBefore: Date,
        notAfter: Date,
        serialNumber: Certificate.SerialNumber? = nil,
        basicConstraints: BasicConstraints? = nil,
        keyUsage: KeyUsage? = nil,
        extendedKeyUsages: [ASN1ObjectIdentifier] = [],
        extendedKeyUsageIsCritical: Bool = true
    ) {
        self.subject = subject
        self.notBefore = notBefore
        self.notAfter = notAfter
        self.serialNumber = serialNumber
        self.basicConstraints = basicConstraints
        self.keyUsage = keyUsage
        self.extendedKeyUsages = extendedKeyUsages
        self.extendedKeyUsageIsCritical = extendedKeyUsageIsCritical
    }

    /// The extensions for a certificate with this template, for `subjectKey`, issued by a key identified by
    /// `authorityKeyIdentifier`.
    func extensions(
        subjectKey: Certificate.PublicKey, authorityKeyIdentifier: [UInt8]
    ) throws -> Certificate.Extensions {
        var extensions = Certificate.Extensions()
        if let basicConstraints {
            try extensions.append(Certificate.Extension(basicConstraints, critical: true))
        }
        if let keyUsage {
            try extensions.append(Certificate.Extension(keyUsage, critical: true))
        }
        if !extendedKeyUsages.isEmpty {
            let usages = try ExtendedKeyUsage(extendedKeyUsages.map { ExtendedKeyUsage.Usage(oid: $0) })
            try extensions.append(Certificate.Extension(usages, critical: extendedKeyUsageIsCritical))
        }
        let subjectKeyIdentifier = SubjectKeyIdentifier(hash: subjectKey)
        try extensions.append(Certificate.Extension(subjectKeyIdentifier, critical: false))
        let authority = AuthorityKeyIdentifier(keyIdentifier: authorityKeyIdentifier[...])
        try extensions.append(Certificate.Extension(authority, critical: false))
        return extensions
    }
}
