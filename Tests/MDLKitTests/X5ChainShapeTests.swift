import Foundation
import MDLCBOR
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
import X509

/// The shape every `x5chain` / `x5c` must have before any signature is checked (issue 14): a handful of
/// certificates, none repeated, in order; for the mDL document signer `[DS]` or `[DS, IACA]`.
struct X5ChainShapeTests {
    static let now = SandboxFixture.now

    @Test func aDocumentSignerFollowedByItsIACACertificateValidates() async throws {
        let pki = try SandboxPKI(.p256)
        let signer = try pki.documentSigner()
        let validated = try await pki.validator().validate(x5chain: [signer.derEncoded, try pki.iaca.derEncoded()], at: SandboxPKI.now)
        #expect(validated.chain == [signer.certificate, pki.iaca.certificate])
    }

    /// Before: the Verifier skipped the repeated entry and accepted the chain.
    @Test func aDocumentSignerRepeatedInItsX5chainIsUntrusted() async throws {
        let pki = try SandboxPKI(.p256)
        let signer = try pki.documentSigner()
        await #expect(throws: MDLError(code: .certificateUntrusted)) {
            try await pki.validator().validate(x5chain: [signer.derEncoded, signer.derEncoded], at: SandboxPKI.now)
        }
    }

    /// Before: a second certificate with the IACA's name and key (not the anchor) was searched past and the chain
    /// accepted; the profile has no place for it.
    @Test func aSecondEntryThatIsNotTheAnchorItselfBreaksTheProfile() async throws {
        let pki = try SandboxPKI(.p256)
        let signer = try pki.documentSigner()
        let twin = try IACA(
            template: IACA.template(
                subject: CertificateSubject(
                    country: "CN", stateOrProvince: "SH", organization: "Sandbox Traffic Police", commonName: "SH mDL IACA"),
                notBefore: SandboxPKI.start, notAfter: SandboxPKI.start.addingTimeInterval(365 * SandboxPKI.day)),
            key: pki.iaca.signingKey)
        #expect(twin.certificate.subject == pki.iaca.certificate.subject)
        await #expect(throws: MDLError(code: .certificateProfile)) {
            try await pki.validator().validate(x5chain: [signer.derEncoded, try twin.derEncoded()], at: SandboxPKI.now)
        }
    }

    @Test func aDocumentSignerChainPastFourCertificatesIsOverTheLimit() async throws {
        let pki = try SandboxPKI(.p256)
        let signer = try pki.documentSigner()
        let chain = [signer.derEncoded] + (try X5ChainMesh.x5chain(count: 4))
        await #expect(throws: MDLError(code: .limitExceeded)) {
            try await pki.validator().validate(x5chain: chain, at: SandboxPKI.now)
        }
    }

    /// Before: an unrelated CA certificate after the reader's was ignored and the chain accepted.
    @Test func aReaderChainOutOfOrderIsUntrustedBeforeAnySignature() async throws {
        let registrar = try Registrar(now: Self.now)
        let reader = try registrar.register(.sandboxRental, now: Self.now)
        let unrelated = try SandboxPKI(.p256).iaca.certificate
        let message = try X5ChainMesh.message(x5chain: [try X5ChainMesh.der(reader.certificate), try X5ChainMesh.der(unrelated)])
        let work = PathSearchWork()
        await #expect(throws: MDLError(code: .certificateUntrusted)) {
            try await PathSearchWork.$current.withValue(work) {
                _ = try await ReaderAuthentication(readerRoots: [registrar.authority.certificate]).verify(
                    readerAuth: message, itemsRequestBytes: EmbeddedCBOR(.map([:])).encoded,
                    sessionTranscript: SandboxFixture.transcript, at: Self.now)
            }
        }
        #expect(work.searches == 0)
        // In order, with the root itself last, the chain passes and only the (zero) signature fails.
        let ordered = try X5ChainMesh.message(
            x5chain: [try X5ChainMesh.der(reader.certificate), try X5ChainMesh.der(registrar.authority.certificate)])
        await #expect(throws: MDLError(code: .readerSignatureInvalid)) {
            _ = try await ReaderAuthentication(readerRoots: [registrar.authority.certificate]).verify(
                readerAuth: ordered, itemsRequestBytes: EmbeddedCBOR(.map([:])).encoded,
                sessionTranscript: SandboxFixture.transcript, at: Self.now)
        }
    }

    /// A request object whose `x5c` holds a mesh: refused on its length, before any signature.
    @Test func aRequestObjectX5cPastFourCertificatesIsOverTheLimit() async throws {
        let registrar = try Registrar(now: Self.now)
        let mesh = try X5ChainMesh.x5chain(count: 12)
        let compact = try Self.requestObject(x5c: mesh)
        await #expect(throws: MDLError(code: .limitExceeded)) {
            try await RequestVerifier(registrarRoots: [registrar.authority.certificate]).verify(compact, at: Self.now)
        }
        await #expect(throws: MDLError(code: .relyingPartyUntrusted)) {
            try await RequestVerifier(registrarRoots: [registrar.authority.certificate]).verify(
                try Self.requestObject(x5c: Array(mesh.prefix(3))), at: Self.now)
        }
    }

    /// A registered relying party's own (non-CA) certificate must not certify another name. Before: the chain
    /// passed and only the signature was left to fail (`jwsSignatureInvalid`).
    @Test func aRelyingPartyCertificateCannotIssueAnother() async throws {
        let registrar = try Registrar(now: Self.now)
        let rental = try registrar.register(.sandboxRental, now: Self.now)
        let impostorKey = SigningKey(generating: .p256)
        let template = CertificateTemplate(
            subject: CertificateSubject(country: "CN", commonName: "bank.example.cn"),
            notBefore: Self.now.addingTimeInterval(-60), notAfter: Self.now.addingTimeInterval(86_400),
            basicConstraints: .notCertificateAuthority, keyUsage: KeyUsage(digitalSignature: true))
        let impostor = try CertificateAuthority(certificate: rental.certificate, signingKey: rental.signingKey)
            .issue(template, for: impostorKey.certificatePublicKey)
        let compact = try Self.requestObject(x5c: [try X5ChainMesh.der(impostor), try X5ChainMesh.der(rental.certificate)])
        await #expect(throws: MDLError(code: .relyingPartyUntrusted)) {
            try await RequestVerifier(registrarRoots: [registrar.authority.certificate]).verify(compact, at: Self.now)
        }
    }

    /// A compact request object with `x5c` and junk claims and signature: the chain is judged first.
    static func requestObject(x5c: [[UInt8]]) throws -> String {
        let header = JOSEHeader(
            alg: "ES256", typ: PresentationRequest.requestObjectType, x5c: x5c.map { Data($0).base64EncodedString() })
        return "\(try header.encoded()).e30.AAAA"
    }
}
