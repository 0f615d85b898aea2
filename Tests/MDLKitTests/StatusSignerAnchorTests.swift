import Foundation
import MDLCOSE
@testable import MDLKit
@testable import MDLVerifier
@testable import MDLStatus
@testable import MDLOpenID4VP
@testable import MDLLicense
@testable import MDLJOSE
@testable import MDLHTTP
@testable import MDLCurl
import MDLSandbox
import Testing
import SwiftASN1
import X509

/// Issue 14, finding 4: the status signer is trusted by the very anchor that validated the document's signer,
/// compared as a certificate, never by its name; the document signer itself may sign status; a CA may not.
struct StatusSignerAnchorTests {
    static let now = SandboxFixture.now

    /// Two trusted IACAs with one subject name; the document is issued under the first.
    struct TwinIACAs {
        let fixture: SandboxFixture
        let twin: IssuingAuthority
        let document: VerifiedDocument

        init() async throws {
            fixture = try SandboxFixture()
            twin = try IssuingAuthority(region: .shanghai, now: SandboxFixture.now)
            let anchors = [try twin.iaca.trustAnchor(), try fixture.authority.iaca.trustAnchor()]
            let presentation = try await fixture.verifier(anchors: anchors)
                .verify(try fixture.presentation(), sessionTranscript: SandboxFixture.transcript)
            document = try #require(presentation.documents.first)
        }

        /// A status signer as the sandbox status service makes one (no EKU), under `authority`'s IACA.
        func statusSigner(under authority: IssuingAuthority) throws -> DocumentSignerCertificate {
            var template = authority.iaca.documentSignerTemplate(
                commonName: "SH Status Signer", notBefore: SandboxFixture.now.addingTimeInterval(-86_400),
                notAfter: SandboxFixture.now.addingTimeInterval(86_400))
            template.extendedKeyUsages = []
            return try authority.iaca.issueDocumentSigner(template, key: SigningKey(generating: .p256))
        }
    }

    @Test func theDocumentNamesTheAnchorThatValidatedItsSigner() async throws {
        let world = try await TwinIACAs()
        #expect(world.twin.iaca.certificate.subject == world.fixture.authority.iaca.certificate.subject)
        #expect(world.document.issuerAnchor.certificate == world.fixture.authority.iaca.certificate)
    }

    /// Before: the CLI chose every trusted anchor whose name was on the document's trust path, so a token signed
    /// under the twin IACA was accepted.
    @Test func aTokenSignedUnderAnotherIACAWithTheSameNameIsRefused() async throws {
        let world = try await TwinIACAs()
        let foreign = try X5ChainMesh.message(x5chain: [try world.statusSigner(under: world.twin).derEncoded])
        let byName = StatusSignerTrust.issuer([try world.twin.iaca.trustAnchor(), try world.fixture.authority.iaca.trustAnchor()])
        _ = try await byName.key(for: foreign, at: Self.now)  // what choosing by name used to allow
        await #expect(throws: MDLError(code: .statusSignatureInvalid)) {
            _ = try await StatusSignerTrust.issuer(of: world.document).key(for: foreign, at: Self.now)
        }
        let own = try X5ChainMesh.message(x5chain: [try world.statusSigner(under: world.fixture.authority).derEncoded])
        _ = try await StatusSignerTrust.issuer(of: world.document).key(for: own, at: Self.now)
    }

    /// Before: the document signer's critical EKU (1.0.18013.5.1.2) was an unhandled critical extension.
    @Test func aTokenSignedByTheDocumentSignerItselfIsAccepted() async throws {
        let world = try await TwinIACAs()
        let documentSigner = world.fixture.authority.documentSigner
        let eku = try #require(documentSigner.certificate.extensions[oid: .X509ExtensionID.extendedKeyUsage])
        #expect(eku.critical)
        let message = try X5ChainMesh.message(x5chain: [documentSigner.derEncoded])
        let key = try await StatusSignerTrust.issuer(of: world.document).key(for: message, at: Self.now)
        #expect(key == (try documentSigner.signingKey.publicKey.coseKey()))
    }

    @Test func aCACertificateAsStatusSignerIsRefused() async throws {
        let world = try await TwinIACAs()
        let message = try X5ChainMesh.message(x5chain: [try world.fixture.authority.iaca.derEncoded()])
        await #expect(throws: MDLError(code: .statusSignatureInvalid)) {
            _ = try await StatusSignerTrust.issuer(of: world.document).key(for: message, at: Self.now)
        }
    }

    /// Attack run of issue 16: a certificate the IACA issued for key agreement, or for signing certificates, is not
    /// a status signer.
    @Test(arguments: [KeyUsage(keyAgreement: true), KeyUsage(keyCertSign: true), KeyUsage(cRLSign: true)])
    func aStatusSignerWhoseKeyUsageForbidsSigningIsRefused(_ keyUsage: KeyUsage) async throws {
        let world = try await TwinIACAs()
        let authority = world.fixture.authority
        var template = authority.iaca.documentSignerTemplate(
            commonName: "SH other purpose", notBefore: Self.now.addingTimeInterval(-86_400), notAfter: Self.now.addingTimeInterval(86_400))
        template.extendedKeyUsages = []
        template.keyUsage = keyUsage
        let other = try authority.iaca.issueDocumentSigner(template, key: SigningKey(generating: .p256))
        let message = try X5ChainMesh.message(x5chain: [other.derEncoded])
        await #expect(throws: MDLError(code: .statusSignatureInvalid)) {
            _ = try await StatusSignerTrust.issuer(of: world.document).key(for: message, at: Self.now)
        }
    }

    /// A basicConstraints extension that does not parse is refused, never read as "not a CA".
    @Test func aStatusSignerWithAMalformedBasicConstraintsIsRefused() async throws {
        let world = try await TwinIACAs()
        let iaca = world.fixture.authority.iaca
        let key = try SigningKey(generating: .p256)
        let template = iaca.documentSignerTemplate(
            commonName: "SH Status Signer", notBefore: Self.now.addingTimeInterval(-86_400), notAfter: Self.now.addingTimeInterval(86_400))
        var extensions = Certificate.Extensions()
        try extensions.append(Certificate.Extension(try KeyUsage(digitalSignature: true), critical: true))
        // An OCTET STRING where the SEQUENCE { cA, pathLen } belongs, not critical so only this check can object.
        try extensions.append(Certificate.Extension(oid: .X509ExtensionID.basicConstraints, critical: false, value: [0x04, 0x00]))
        let certificate = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: key.certificatePublicKey,
            notValidBefore: Self.now.addingTimeInterval(-86_400), notValidAfter: Self.now.addingTimeInterval(86_400),
            issuer: iaca.certificate.subject, subject: try template.subject.distinguishedName(), extensions: extensions,
            issuerPrivateKey: iaca.authority.signingKey.certificatePrivateKey)
        #expect(throws: (any Error).self) { _ = try certificate.extensions.basicConstraints }
        let message = try X5ChainMesh.message(x5chain: [Array(try certificate.serializeAsPEM().derBytes)])
        await #expect(throws: MDLError(code: .statusSignatureInvalid)) {
            _ = try await StatusSignerTrust.issuer(of: world.document).key(for: message, at: Self.now)
        }
    }

    @Test func aStatusSignerWhoseCriticalEKUIsForAnotherPurposeIsRefused() async throws {
        let world = try await TwinIACAs()
        let authority = world.fixture.authority
        var template = authority.iaca.documentSignerTemplate(
            commonName: "SH reader", notBefore: Self.now.addingTimeInterval(-86_400), notAfter: Self.now.addingTimeInterval(86_400))
        template.extendedKeyUsages = [.mdlReaderAuthentication]
        let reader = try authority.iaca.issueDocumentSigner(template, key: SigningKey(generating: .p256))
        let message = try X5ChainMesh.message(x5chain: [reader.derEncoded])
        await #expect(throws: MDLError(code: .statusSignatureInvalid)) {
            _ = try await StatusSignerTrust.issuer(of: world.document).key(for: message, at: Self.now)
        }
    }
}
