import Crypto
import Foundation
import MDLKit
import MDLSandbox
import SwiftASN1
import Testing
import X509

struct DocumentSignerValidatorTests {
    static let algorithms = SigningKey.Algorithm.allCases
    let now = SandboxPKI.now

    @Test(arguments: algorithms)
    func validChainValidates(_ algorithm: SigningKey.Algorithm) async throws {
        let pki = try SandboxPKI(algorithm)
        let signer = try pki.documentSigner()
        let validated = try await pki.validator().validate(x5chain: signer.x5chain, at: now)
        #expect(validated.publicKey == signer.signingKey.publicKey)
        #expect(validated.country == "CN")
        #expect(validated.stateOrProvince == "SH")
        #expect(validated.chain == [signer.certificate, pki.iaca.certificate])
        #expect(validated.trustPath.subjects.count == 2)
        #expect(validated.trustPath.subjects.last?.contains("CN=SH mDL IACA") == true)
        #expect(validated.anchor.certificate == pki.iaca.certificate)
        #expect(validated.relaxationsUsed.isEmpty)
        #expect(validated.validationTime == now)
    }

    @Test(arguments: algorithms)
    func chainToAnotherRootIsUntrusted(_ algorithm: SigningKey.Algorithm) async throws {
        let pki = try SandboxPKI(algorithm)
        let signer = try pki.documentSigner()
        let other = try SandboxPKI(algorithm, commonName: "BJ mDL IACA")
        await #expect(throws: MDLError(code: .certificateUntrusted)) {
            try await other.validator().validate(x5chain: signer.x5chain, at: now)
        }
        // Same subject name, another key: the Verifier finds the issuer by name, then the signature fails.
        let impostor = try SandboxPKI(algorithm)
        #expect(impostor.iaca.certificate.subject == pki.iaca.certificate.subject)
        await #expect(throws: MDLError(code: .certificateUntrusted)) {
            try await impostor.validator().validate(x5chain: signer.x5chain, at: now)
        }
    }

    @Test(arguments: algorithms)
    func documentSignerWithoutTheMDLEKUBreaksTheProfile(_ algorithm: SigningKey.Algorithm) async throws {
        let pki = try SandboxPKI(algorithm)
        for defects: [DocumentSignerDefect] in [
            [.noExtendedKeyUsage], [.extendedKeyUsages([.eudiReferenceDocumentSigner])],
        ] {
            let signer = try pki.documentSigner(defects: defects)
            await #expect(throws: MDLError(code: .certificateProfile)) {
                try await pki.validator().validate(x5chain: signer.x5chain, at: now)
            }
        }
    }

    @Test func extraDocumentSignerEKUIsAcceptedOnlyWhenNamedAndIsRecorded() async throws {
        let pki = try SandboxPKI(.p256)
        let signer = try pki.documentSigner(defects: [.extendedKeyUsages([.eudiReferenceDocumentSigner])])
        let validated = try await pki.validator(.interop).validate(x5chain: signer.x5chain, at: now)
        #expect(validated.relaxationsUsed == [.extraDocumentSignerEKUs([.eudiReferenceDocumentSigner])])
        let otherEKU: ASN1ObjectIdentifier = [1, 2, 3, 4]
        let wrong = try pki.documentSigner(defects: [.extendedKeyUsages([otherEKU])])
        await #expect(throws: MDLError(code: .certificateProfile)) {
            try await pki.validator(.interop).validate(x5chain: wrong.x5chain, at: now)
        }
    }

    @Test(arguments: algorithms)
    func documentSignerThatIsACABreaksTheProfile(_ algorithm: SigningKey.Algorithm) async throws {
        let pki = try SandboxPKI(algorithm)
        let signer = try pki.documentSigner(defects: [.certificateAuthority])
        await #expect(throws: MDLError(code: .certificateProfile)) {
            try await pki.validator().validate(x5chain: signer.x5chain, at: now)
        }
        let noSigning = try pki.documentSigner(defects: [.noDigitalSignature])
        await #expect(throws: MDLError(code: .certificateProfile)) {
            try await pki.validator(.interop).validate(x5chain: noSigning.x5chain, at: now)
        }
    }

    @Test(arguments: algorithms)
    func countryOrStateMismatchBreaksTheProfile(_ algorithm: SigningKey.Algorithm) async throws {
        let pki = try SandboxPKI(algorithm)
        for defect: DocumentSignerDefect in [.country("JP"), .stateOrProvince("BJ"), .country("CN") /* control */] {
            let signer = try pki.documentSigner(defects: [defect])
            let validation = { try await pki.validator().validate(x5chain: signer.x5chain, at: now) }
            if defect == .country("CN") {
                _ = try await validation()
            } else {
                await #expect(throws: MDLError(code: .certificateProfile)) { try await validation() }
            }
        }
        // The state is compared only when both certificates name one.
        let noState = try pki.documentSigner(defects: [.stateOrProvince(nil)])
        let validated = try await pki.validator().validate(x5chain: noState.x5chain, at: now)
        #expect(validated.stateOrProvince == nil)
    }

    @Test func countryCheckOffAcceptsAMismatchAndRecordsIt() async throws {
        let pki = try SandboxPKI(.ed25519)
        let signer = try pki.documentSigner(defects: [.country("UT")])
        let policy = VerificationPolicy(relaxations: [.countryCheckOff])
        let validated = try await pki.validator(policy).validate(x5chain: signer.x5chain, at: now)
        #expect(validated.relaxationsUsed == [.countryCheckOff])
        #expect(validated.country == "UT")
    }

    @Test(arguments: algorithms)
    func documentSignerOutsideItsValidityAtTheVerificationTimeIsExpired(_ algorithm: SigningKey.Algorithm) async throws
    {
        let pki = try SandboxPKI(algorithm)
        let expired = try pki.documentSigner(
            notBefore: now.addingTimeInterval(-100 * SandboxPKI.day), notAfter: now.addingTimeInterval(-1))
        await #expect(throws: MDLError(code: .certificateExpired)) {
            try await pki.validator().validate(x5chain: expired.x5chain, at: now)
        }
        let notYetValid = try pki.documentSigner(
            notBefore: now.addingTimeInterval(60), notAfter: now.addingTimeInterval(100 * SandboxPKI.day))
        await #expect(throws: MDLError(code: .certificateExpired)) {
            try await pki.validator().validate(x5chain: notYetValid.x5chain, at: now)
        }
        // The same certificates validate at a time inside their validity: the clock, not the certificate, decides.
        _ = try await pki.validator().validate(x5chain: expired.x5chain, at: now.addingTimeInterval(-SandboxPKI.day))
        _ = try await pki.validator().validate(x5chain: notYetValid.x5chain, at: now.addingTimeInterval(SandboxPKI.day))
    }

    @Test func expiredIACAIsExpired() async throws {
        let pki = try SandboxPKI(.p256)
        let late = pki.iaca.certificate.notValidAfter.addingTimeInterval(SandboxPKI.day)
        // The DS is valid for 2026 only, so a later time is also outside it; use a DS as long-lived as the IACA.
        let longLived = try pki.documentSigner(
            notBefore: SandboxPKI.start, notAfter: late.addingTimeInterval(SandboxPKI.day))
        await #expect(throws: MDLError(code: .certificateExpired)) {
            try await pki.validator().validate(x5chain: longLived.x5chain, at: late)
        }
    }

    @Test(arguments: algorithms)
    func signedOutsideTheDocumentSignerValidityIsExpired(_ algorithm: SigningKey.Algorithm) async throws {
        let pki = try SandboxPKI(algorithm)
        let signer = try pki.documentSigner()
        let validated = try await pki.validator().validate(x5chain: signer.x5chain, at: now)
        try validated.checkSigned(now.addingTimeInterval(-SandboxPKI.day))
        #expect(throws: MDLError(code: .certificateExpired)) {
            try validated.checkSigned(SandboxPKI.start.addingTimeInterval(-1))
        }
        #expect(throws: MDLError(code: .certificateExpired)) {
            try validated.checkSigned(signer.certificate.notValidAfter.addingTimeInterval(1))
        }
    }

    @Test func documentSignedAfterItsAnchorRetiredIsRevoked() async throws {
        let pki = try SandboxPKI(.ed25519)
        let signer = try pki.documentSigner()
        let retiredAt = now.addingTimeInterval(-10 * SandboxPKI.day)
        let validated = try await pki.validator(retiredAt: retiredAt).validate(x5chain: signer.x5chain, at: now)
        try validated.checkSigned(retiredAt.addingTimeInterval(-1))
        #expect(throws: MDLError(code: .certificateRevoked)) {
            try validated.checkSigned(retiredAt.addingTimeInterval(1))
        }
    }

    @Test func malformedOrMissingCertificatesAreRefused() async throws {
        let pki = try SandboxPKI(.ed25519)
        await #expect(throws: MDLError(code: .certificateMissing)) {
            try await pki.validator().validate(x5chain: [], at: now)
        }
        let signer = try pki.documentSigner()
        await #expect(throws: MDLError(code: .certificateUntrusted)) {
            try await pki.validator().validate(x5chain: [Array(signer.derEncoded.dropLast())], at: now)
        }
        await #expect(throws: MDLError(code: .certificateUntrusted)) {
            try await pki.validator().validate(x5chain: [signer.derEncoded, [0x30, 0x00]], at: now)
        }
    }

    @Test func documentSignerUnderAnIntermediateBreaksTheProfile() async throws {
        let pki = try SandboxPKI(.p256)
        let start = SandboxPKI.start
        let intermediateKey = SigningKey(generating: .p256)
        var template = IACA.template(
            subject: CertificateSubject(country: "CN", stateOrProvince: "SH", commonName: "SH sub CA"),
            notBefore: start, notAfter: start.addingTimeInterval(365 * SandboxPKI.day))
        template.basicConstraints = .isCertificateAuthority(maxPathLength: nil)
        let intermediateCertificate = try pki.iaca.authority.issue(template, for: intermediateKey.certificatePublicKey)
        let intermediate = CertificateAuthority(certificate: intermediateCertificate, signingKey: intermediateKey)
        let iacaAsParent = try IACA(template: template, key: intermediateKey)
        let dsTemplate = iacaAsParent.documentSignerTemplate(
            commonName: "SH DS", notBefore: start, notAfter: start.addingTimeInterval(365 * SandboxPKI.day))
        let dsKey = SigningKey(generating: .p256)
        let ds = try intermediate.issue(dsTemplate, for: dsKey.certificatePublicKey)
        var serializer = DER.Serializer()
        try serializer.serialize(ds)
        var intermediateSerializer = DER.Serializer()
        try intermediateSerializer.serialize(intermediateCertificate)
        let error = await #expect(throws: MDLError.self) {
            try await pki.validator().validate(
                x5chain: [serializer.serializedBytes, intermediateSerializer.serializedBytes], at: now)
        }
        #expect(error?.code == .certificateProfile)
        #expect(error?.message.contains("directly by the IACA") == true)
    }
}
