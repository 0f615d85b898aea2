import Foundation
import MDLKit
import SwiftASN1
import X509

/// The sandbox registrar: a root CA that certifies relying parties. Each relying-party certificate names the
/// relying party (subject O/CN and, authoritative, the registration extension with its Chinese and English
/// names), its DNS name (subjectAltName, for `x509_san_dns` client ids) and per purpose the elements it may
/// request (``RelyingPartyRegistration``, the non-critical extension ``ASN1ObjectIdentifier/mdlRelyingPartyRegistration``).
///
/// ```swift
/// let registrar = try Registrar(now: now)
/// let rental = try registrar.register(.sandboxRental, now: now)
/// let identity = try rental.identity()          // MDLKit's RelyingPartyIdentity
/// ```
public struct Registrar: Sendable {
    /// The registrar's root.
    public let authority: CertificateAuthority

    /// Creates a registrar with a fresh key and a root valid for ten years from `now` − 1 day.
    public init(now: Date, keyAlgorithm: SigningKey.Algorithm = .p256) throws {
        let template = CertificateTemplate(
            subject: CertificateSubject(country: "CN", organization: "MDLKit sandbox registrar", commonName: "Sandbox RP registrar root"),
            notBefore: now - 86_400, notAfter: now + 10 * 365 * 86_400,
            basicConstraints: .isCertificateAuthority(maxPathLength: 0), keyUsage: KeyUsage(keyCertSign: true, cRLSign: true))
        authority = try CertificateAuthority(selfSigned: template, key: SigningKey(generating: keyAlgorithm))
    }

    /// Wraps an existing registrar root and key.
    public init(authority: CertificateAuthority) { self.authority = authority }

    /// The root as a PEM certificate, what wallets trust.
    public func rootPEM() throws -> String { try authority.certificate.serializeAsPEM().pemString }

    /// Certifies a relying party: a P-256 (or Ed25519) key and a certificate valid for a year from `now` − 1 day.
    public func register(_ application: RelyingPartyApplication, now: Date, keyAlgorithm: SigningKey.Algorithm = .p256) throws -> RegisteredRelyingParty {
        let key = SigningKey(generating: keyAlgorithm)
        let certificate = try issueCertificate(for: application, key: key.certificatePublicKey, notBefore: now - 86_400, notAfter: now + 365 * 86_400)
        return RegisteredRelyingParty(application: application, certificate: certificate, signingKey: key, registrarRoot: authority.certificate)
    }

    /// Issues the certificate for `application` and a given public key and validity (tests break one field).
    public func issueCertificate(
        for application: RelyingPartyApplication, key: Certificate.PublicKey, notBefore: Date, notAfter: Date
    ) throws -> Certificate {
        let template = CertificateTemplate(
            subject: CertificateSubject(country: "CN", organization: application.registration.nameEN, commonName: application.dnsName),
            notBefore: notBefore, notAfter: notAfter, basicConstraints: .notCertificateAuthority,
            keyUsage: KeyUsage(digitalSignature: true), extendedKeyUsages: [.mdlReaderAuthentication], extendedKeyUsageIsCritical: false)
        let issuerKeyIdentifier = (try authority.certificate.extensions.subjectKeyIdentifier).map { Array($0.keyIdentifier) } ?? []
        var extensions = try template.extensions(subjectKey: key, authorityKeyIdentifier: issuerKeyIdentifier)
        try extensions.append(Certificate.Extension(SubjectAlternativeNames([.dnsName(application.dnsName)]), critical: false))
        try extensions.append(Certificate.Extension(oid: .mdlRelyingPartyRegistration, critical: false, value: application.registration.extensionValue()[...]))
        return try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: key, notValidBefore: notBefore, notValidAfter: notAfter,
            issuer: authority.certificate.subject, subject: try template.subject.distinguishedName(), extensions: extensions,
            issuerPrivateKey: authority.signingKey.certificatePrivateKey)
    }
}

/// What a relying party applies to be registered for: its DNS name and its registration.
public struct RelyingPartyApplication: Sendable, Hashable {
    /// The DNS name its client_id uses.
    public var dnsName: String
    /// Names and permitted purposes with elements.
    public var registration: RelyingPartyRegistration

    /// Creates an application.
    public init(dnsName: String, registration: RelyingPartyRegistration) {
        self.dnsName = dnsName
        self.registration = registration
    }

    /// A car-rental company allowed the rental template's elements.
    public static let sandboxRental = RelyingPartyApplication(
        dnsName: "rental.sandbox.mdlkit.cn",
        registration: RelyingPartyRegistration(nameZH: "沙箱租车有限公司", nameEN: "Sandbox Car Rental Ltd.", permissions: [
            .init(purpose: .carRental, elements: RequestTemplate.carRental.elementReferences)
        ]))

    /// An insurer allowed the insurance-claim template's elements.
    public static let sandboxInsurer = RelyingPartyApplication(
        dnsName: "claims.sandbox.mdlkit.cn",
        registration: RelyingPartyRegistration(nameZH: "沙箱财产保险公司", nameEN: "Sandbox Property Insurance Co.", permissions: [
            .init(purpose: .insuranceClaim, elements: RequestTemplate.insuranceClaim.elementReferences)
        ]))

    /// A transport company allowed the driving-job template's elements.
    public static let sandboxEmployer = RelyingPartyApplication(
        dnsName: "jobs.sandbox.mdlkit.cn",
        registration: RelyingPartyRegistration(nameZH: "沙箱运输集团", nameEN: "Sandbox Transport Group", permissions: [
            .init(purpose: .drivingJob, elements: RequestTemplate.drivingJob.elementReferences)
        ]))

    /// The sandbox application for a purpose.
    public static func sandbox(for purpose: PresentationPurpose) -> RelyingPartyApplication {
        switch purpose {
        case .carRental: sandboxRental
        case .insuranceClaim: sandboxInsurer
        case .drivingJob: sandboxEmployer
        }
    }
}

/// A relying party the registrar certified: its certificate and key.
public struct RegisteredRelyingParty: Sendable {
    /// What was registered.
    public let application: RelyingPartyApplication
    /// The relying-party certificate.
    public let certificate: Certificate
    /// Its private key.
    public let signingKey: SigningKey
    /// The registrar root that signed it.
    public let registrarRoot: Certificate

    /// Creates one from parts.
    public init(application: RelyingPartyApplication, certificate: Certificate, signingKey: SigningKey, registrarRoot: Certificate) {
        self.application = application
        self.certificate = certificate
        self.signingKey = signingKey
        self.registrarRoot = registrarRoot
    }

    /// The identity MDLKit signs requests with: sandbox endpoints on loopback are allowed.
    public func identity(
        clientIDPrefix: RelyingPartyIdentity.ClientIDPrefix = .x509SanDNS, registrationAttestation: String? = nil
    ) throws -> RelyingPartyIdentity {
        try RelyingPartyIdentity(
            certificateChain: [certificate], signingKey: signingKey.jwsSigningKey, clientIDPrefix: clientIDPrefix,
            registrationAttestation: registrationAttestation, endpointPolicy: .sandboxLoopback)
    }

    /// The certificate as PEM.
    public func certificatePEM() throws -> String { try certificate.serializeAsPEM().pemString }
}

extension SigningKey {
    /// The key for JWS signing (ES256 or EdDSA).
    public var jwsSigningKey: JWSSigningKey {
        switch self {
        case .ed25519(let key): .edDSA(key)
        case .p256(let key): .es256(key)
        }
    }
}
