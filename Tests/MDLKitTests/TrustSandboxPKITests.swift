import Crypto
import Foundation
import MDLKit
import MDLSandbox
import SwiftASN1
import Testing
import X509

/// A generated sandbox PKI at fixed dates: an IACA for Shanghai valid 2025–2035 and helpers to issue DS certificates.
struct SandboxPKI {
    /// 2026-01-01T00:00:00Z.
    static let start = Date(timeIntervalSince1970: 1_767_225_600)
    static let day: TimeInterval = 86_400
    /// The fixed verification time: 2026-06-01T00:00:00Z.
    static let now = Date(timeIntervalSince1970: 1_780_272_000)

    let algorithm: SigningKey.Algorithm
    let iaca: IACA

    init(_ algorithm: SigningKey.Algorithm, stateOrProvince: String? = "SH", commonName: String = "SH mDL IACA") throws
    {
        self.algorithm = algorithm
        self.iaca = try IACA(
            stateOrProvince: stateOrProvince, organization: "Sandbox Traffic Police", commonName: commonName,
            notBefore: Self.start.addingTimeInterval(-365 * Self.day),
            notAfter: Self.start.addingTimeInterval(9 * 365 * Self.day), keyAlgorithm: algorithm)
    }

    /// A DS valid for the year 2026, optionally broken.
    func documentSigner(
        defects: [DocumentSignerDefect] = [], notBefore: Date = start,
        notAfter: Date = start.addingTimeInterval(365 * day)
    ) throws -> DocumentSignerCertificate {
        try iaca.issueDocumentSigner(
            commonName: "SH mDL DS", notBefore: notBefore, notAfter: notAfter, keyAlgorithm: algorithm, defects: defects
        )
    }

    func validator(_ policy: VerificationPolicy = .strict, retiredAt: Date? = nil) throws -> DocumentSignerValidator {
        DocumentSignerValidator(anchors: [try iaca.trustAnchor(retiredAt: retiredAt)], policy: policy)
    }
}

struct TrustSandboxPKITests {
    @Test(arguments: SigningKey.Algorithm.allCases)
    func iacaFollowsTheIACAProfile(_ algorithm: SigningKey.Algorithm) throws {
        let pki = try SandboxPKI(algorithm)
        let certificate = pki.iaca.certificate
        #expect(certificate.subject == certificate.issuer)
        #expect(try certificate.extensions.basicConstraints == .isCertificateAuthority(maxPathLength: 0))
        let keyUsage = try #require(try certificate.extensions.keyUsage)
        #expect(keyUsage.keyCertSign && keyUsage.cRLSign && !keyUsage.digitalSignature)
        #expect(pki.iaca.country == "CN")
        #expect(pki.iaca.stateOrProvince == "SH")
        #expect(certificate.publicKey.isValidSignature(certificate.signature, for: certificate))
        let reparsed = try Certificate(derEncoded: try pki.iaca.derEncoded())
        #expect(reparsed == certificate)
        #expect(try pki.iaca.pemEncoded().hasPrefix("-----BEGIN CERTIFICATE-----"))
    }

    @Test(arguments: SigningKey.Algorithm.allCases)
    func documentSignerFollowsTheDSProfile(_ algorithm: SigningKey.Algorithm) throws {
        let pki = try SandboxPKI(algorithm)
        let signer = try pki.documentSigner()
        let certificate = signer.certificate
        #expect(certificate.issuer == pki.iaca.certificate.subject)
        #expect(try certificate.extensions.basicConstraints == .notCertificateAuthority)
        let eku = try #require(try certificate.extensions.extendedKeyUsage)
        #expect(Array(eku) == [ExtendedKeyUsage.Usage(oid: .mdlDocumentSigner)])
        #expect(try certificate.extensions.keyUsage?.digitalSignature == true)
        #expect(pki.iaca.certificate.publicKey.isValidSignature(certificate.signature, for: certificate))
        #expect(signer.x5chain == [signer.derEncoded])
        #expect(signer.signingKey.algorithm == algorithm)
        #expect(SignerPublicKey(certificate) == signer.signingKey.publicKey)
    }

    @Test(arguments: SigningKey.Algorithm.allCases)
    func signingKeyRoundTripsItsRawBytesAndSigns(_ algorithm: SigningKey.Algorithm) throws {
        let key = SigningKey(generating: algorithm)
        #expect(key.rawRepresentation.count == 32)
        let restored = try SigningKey(algorithm: algorithm, rawRepresentation: key.rawRepresentation)
        #expect(restored.publicKey == key.publicKey)
        let message: [UInt8] = Array("to be signed".utf8)
        let signature = try key.signature(for: message)
        #expect(signature.count == 64)
        switch key.publicKey {
        case .ed25519(let raw):
            #expect(try Curve25519.Signing.PublicKey(rawRepresentation: raw).isValidSignature(signature, for: message))
        case .p256(let x963):
            let verifier = try P256.Signing.PublicKey(x963Representation: x963)
            #expect(
                verifier.isValidSignature(try P256.Signing.ECDSASignature(rawRepresentation: signature), for: message))
        default:
            Issue.record("unexpected key type \(key.publicKey.curveName)")
        }
    }

    @Test func defectsBreakExactlyTheirField() throws {
        let pki = try SandboxPKI(.ed25519)
        let noEKU = try pki.documentSigner(defects: [.noExtendedKeyUsage]).certificate
        #expect(try noEKU.extensions.extendedKeyUsage == nil)
        #expect(try noEKU.extensions.keyUsage?.digitalSignature == true)
        let ca = try pki.documentSigner(defects: [.certificateAuthority]).certificate
        #expect(try ca.extensions.basicConstraints == .isCertificateAuthority(maxPathLength: nil))
        let japan = try pki.documentSigner(defects: [.country("JP")]).certificate
        #expect(japan.subject.description.contains("C=JP"))
        #expect(try japan.extensions.extendedKeyUsage != nil)
    }
}
