import Foundation
import MDLKit
import SwiftASN1
import X509

extension Registrar {
    /// Certifies a relying party the way a public CA would: a certificate naming its DNS name and organisation,
    /// with **no** registration extension. Its registration, if any, travels separately (``attest(_:about:now:)``).
    public func certifyWithoutRegistration(
        dnsName: String, organization: String, now: Date, keyAlgorithm: SigningKey.Algorithm = .p256
    ) throws -> (certificate: Certificate, signingKey: SigningKey) {
        let key = SigningKey(generating: keyAlgorithm)
        let template = CertificateTemplate(
            subject: CertificateSubject(country: "CN", organization: organization, commonName: dnsName),
            notBefore: now - 86_400, notAfter: now + 365 * 86_400, basicConstraints: .notCertificateAuthority,
            keyUsage: KeyUsage(digitalSignature: true))
        let issuerKeyIdentifier = (try authority.certificate.extensions.subjectKeyIdentifier).map { Array($0.keyIdentifier) } ?? []
        var extensions = try template.extensions(subjectKey: key.certificatePublicKey, authorityKeyIdentifier: issuerKeyIdentifier)
        try extensions.append(Certificate.Extension(SubjectAlternativeNames([.dnsName(dnsName)]), critical: false))
        let certificate = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: key.certificatePublicKey, notValidBefore: now - 86_400,
            notValidAfter: now + 365 * 86_400, issuer: authority.certificate.subject, subject: try template.subject.distinguishedName(),
            extensions: extensions, issuerPrivateKey: authority.signingKey.certificatePrivateKey)
        return (certificate, key)
    }

    /// Signs a registration attestation (``RelyingPartyRegistrationAttestation``) about `certificate`, valid for a
    /// year from `now`, with the registrar root's key and `x5c: [root]`.
    public func attest(_ registration: RelyingPartyRegistration, about certificate: Certificate, now: Date) throws -> String {
        var serializer = DER.Serializer()
        try serializer.serialize(authority.certificate)
        return try RelyingPartyRegistrationAttestation.sign(
            registration, about: certificate, key: authority.signingKey.jwsSigningKey,
            x5c: [Data(serializer.serializedBytes).base64EncodedString()], issuedAt: now, expiresAt: now + 365 * 86_400)
    }
}
