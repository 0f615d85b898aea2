import Crypto
import Foundation
import MDLKit
import X509

/// A sandbox whose keys are derived from fixed, published labels, so separate processes (the sample CLI's
/// `request` and `wallet present`) agree on the registrar, the relying parties and the issuing authority without
/// sharing files. Certificates are made fresh in each process around `now`; only the keys and names are shared.
///
/// **The keys are public knowledge.** Never trust this registrar or issuer outside the sandbox.
public enum WellKnownSandbox {
    /// The registrar, with its well-known P-256 key.
    public static func registrar(now: Date) throws -> Registrar {
        let key = try SigningKey(algorithm: .p256, rawRepresentation: seed("registrar"))
        let template = CertificateTemplate(
            subject: CertificateSubject(country: "CN", organization: "MDLKit sandbox registrar", commonName: "Sandbox RP registrar root"),
            notBefore: now - 86_400, notAfter: now + 10 * 365 * 86_400,
            basicConstraints: .isCertificateAuthority(maxPathLength: 0), keyUsage: .init(keyCertSign: true, cRLSign: true))
        return Registrar(authority: try CertificateAuthority(selfSigned: template, key: key))
    }

    /// The trust-list operator's root and VICAL signer, with well-known P-256 keys: relying parties in other
    /// processes pin the same root (`mdl-rp sandbox serve` publishes its VICAL with it).
    public static func trustListSigner(now: Date) throws -> TrustListSigner {
        let name = "CN mDL Trust List Operator (sandbox)"
        let year: TimeInterval = 365 * 86_400
        let rootTemplate = CertificateTemplate(
            subject: CertificateSubject(country: "CN", organization: name, commonName: "\(name) Root"),
            notBefore: now - year, notAfter: now + 10 * year,
            basicConstraints: .isCertificateAuthority(maxPathLength: 0), keyUsage: .init(keyCertSign: true, cRLSign: true))
        let root = try CertificateAuthority(
            selfSigned: rootTemplate, key: try SigningKey(algorithm: .p256, rawRepresentation: seed("trust-list/root")))
        return try TrustListSigner(
            root: root, commonName: "\(name) VICAL Signer 1", now: now,
            key: try SigningKey(algorithm: .p256, rawRepresentation: seed("trust-list/signer")))
    }

    /// The sandbox relying party registered for `purpose`, with its well-known P-256 key.
    public static func relyingParty(for purpose: PresentationPurpose, now: Date) throws -> RegisteredRelyingParty {
        let registrar = try registrar(now: now)
        let application = RelyingPartyApplication.sandbox(for: purpose)
        let key = try SigningKey(algorithm: .p256, rawRepresentation: seed("relying-party/\(purpose.rawValue)"))
        let certificate = try registrar.issueCertificate(for: application, key: key.certificatePublicKey, notBefore: now - 86_400, notAfter: now + 365 * 86_400)
        return RegisteredRelyingParty(application: application, certificate: certificate, signingKey: key, registrarRoot: registrar.authority.certificate)
    }

    /// The Shanghai issuing authority, with well-known Ed25519 IACA and document-signer keys.
    public static func issuingAuthority(now: Date) throws -> IssuingAuthority {
        let region = IssuingAuthority.Region.shanghai
        let year: TimeInterval = 365 * 86_400
        let iaca = try IACA(
            template: IACA.template(
                subject: CertificateSubject(country: "CN", stateOrProvince: region.code, organization: region.nameEN, commonName: "\(region.nameEN) IACA"),
                notBefore: now - year, notAfter: now + 10 * year),
            key: try SigningKey(algorithm: .ed25519, rawRepresentation: seed("iaca/\(region.code)")))
        let signer = try iaca.issueDocumentSigner(
            iaca.documentSignerTemplate(commonName: "\(region.nameEN) DS 1", notBefore: now - 30 * 86_400, notAfter: now + 2 * year),
            key: try SigningKey(algorithm: .ed25519, rawRepresentation: seed("ds/\(region.code)")))
        return IssuingAuthority(region: region, iaca: iaca, documentSigner: signer)
    }

    /// A wallet holding `persona`'s licence from ``issuingAuthority(now:)``, with a fresh device key.
    public static func wallet(persona: Persona, now: Date) throws -> HolderWallet {
        var wallet = HolderWallet()
        wallet.store(try issuingAuthority(now: now).issue(persona.record, deviceKey: wallet.deviceCOSEKey, now: now))
        return wallet
    }

    private static func seed(_ label: String) -> [UInt8] {
        Array(SHA256.hash(data: Array("MDLKit well-known sandbox key: \(label)".utf8)))
    }
}
