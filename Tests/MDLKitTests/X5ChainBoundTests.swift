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

/// Issue 14, finding 2: a self-issued certificate mesh (one subject, one key, different SANs) in an `x5chain` made
/// swift-certificates' path search try about e·M! paths before any message signature was checked. Every entry
/// point is attacked here with a 12-certificate mesh; the work is counted (path searches started, issuer candidates
/// offered: each at most one signature check), never timed.
struct X5ChainBoundTests {
    static let now = SandboxFixture.now

    /// Runs `body` with a work recorder; returns the refusal's code and the work done.
    static func refusal(_ body: () async throws -> Void) async -> (code: MDLError.Code?, work: PathSearchWork) {
        let work = PathSearchWork()
        do {
            try await PathSearchWork.$current.withValue(work) { try await body() }
            return (nil, work)
        } catch let error as MDLError {
            return (error.code, work)
        } catch {
            return (nil, work)
        }
    }

    @Test func meshInADeviceResponsesIssuerAuthIsRefusedWithoutAPathSearch() async throws {
        let fixture = try SandboxFixture()
        let bytes = try X5ChainMesh.presentation(fixture, x5chain: try X5ChainMesh.x5chain(count: 12))
        let verifier = try fixture.verifier()
        let (code, work) = await Self.refusal {
            _ = try await verifier.verify(bytes, sessionTranscript: SandboxFixture.transcript)
        }
        #expect(code == .limitExceeded)
        #expect(work.searches == 0)
        #expect(work.issuerCandidates == 0)
    }

    @Test func meshInAStatusTokensX5chainIsRefusedWithoutAPathSearch() async throws {
        let authority = try IssuingAuthority(region: .shanghai, now: Self.now)
        let message = try X5ChainMesh.message(x5chain: try X5ChainMesh.x5chain(count: 12))
        let trust = StatusSignerTrust.issuer([try authority.iaca.trustAnchor()])
        let (code, work) = await Self.refusal { _ = try await trust.key(for: message, at: Self.now) }
        #expect(code == .limitExceeded)
        #expect(work.searches == 0)
        #expect(work.issuerCandidates == 0)
    }

    @Test func meshInAVICALsX5chainIsRefusedWithoutAPathSearch() async throws {
        let operatorRoot = try Registrar(now: Self.now).authority.certificate
        let message = try X5ChainMesh.message(x5chain: try X5ChainMesh.x5chain(count: 12))
        let bytes = CBOREncoder.encode(message.cbor)
        let (code, work) = await Self.refusal {
            _ = try await VICALVerifier(signerAnchors: [operatorRoot]).verify(bytes, at: Self.now)
        }
        #expect(code == .limitExceeded)
        #expect(work.searches == 0)
        #expect(work.issuerCandidates == 0)
    }

    @Test func meshInAReaderAuthX5chainIsRefusedWithoutAPathSearch() async throws {
        let readerRoot = try Registrar(now: Self.now).authority.certificate
        let message = try X5ChainMesh.message(x5chain: try X5ChainMesh.x5chain(count: 12))
        let (code, work) = await Self.refusal {
            _ = try await ReaderAuthentication(readerRoots: [readerRoot]).verify(
                readerAuth: message, itemsRequestBytes: EmbeddedCBOR(.map([:])).encoded,
                sessionTranscript: SandboxFixture.transcript, at: Self.now)
        }
        #expect(code == .limitExceeded)
        #expect(work.searches == 0)
        #expect(work.issuerCandidates == 0)
    }

    /// Within the length cap, a mesh still repeats a subject: refused by shape, no signature checked.
    @Test func aFourCertificateMeshIsRefusedForItsRepeatedSubject() async throws {
        let mesh = try X5ChainMesh.x5chain(count: 4)
        let readerRoot = try Registrar(now: Self.now).authority.certificate
        let reader = await Self.refusal {
            _ = try await ReaderAuthentication(readerRoots: [readerRoot]).verify(
                readerAuth: try X5ChainMesh.message(x5chain: mesh), itemsRequestBytes: EmbeddedCBOR(.map([:])).encoded,
                sessionTranscript: SandboxFixture.transcript, at: Self.now)
        }
        #expect(reader.code == .certificateUntrusted)
        #expect(reader.work.searches == 0)
        let fixture = try SandboxFixture()
        let verifier = try fixture.verifier()
        let bytes = try X5ChainMesh.presentation(fixture, x5chain: mesh)
        let document = await Self.refusal { _ = try await verifier.verify(bytes, sessionTranscript: SandboxFixture.transcript) }
        #expect(document.code == .certificateUntrusted)
        #expect(document.work.searches == 0)
    }

    /// The ordinary case costs one search with a couple of candidate issuers: the bound is not paid for by
    /// genuine documents.
    @Test func aGenuineDocumentCostsOneSearchAndAFewCandidates() async throws {
        let fixture = try SandboxFixture()
        let bytes = try fixture.presentation()
        let verifier = try fixture.verifier()
        let (code, work) = await Self.refusal { _ = try await verifier.verify(bytes, sessionTranscript: SandboxFixture.transcript) }
        #expect(code == nil)
        #expect(work.searches == 1)
        #expect(work.issuerCandidates >= 1 && work.issuerCandidates <= 2)
    }

    /// Defence in depth: even a well-shaped chain is searched under a budget of issuer candidates. Forty trusted
    /// anchors share the IACA's name but none issued the document signer: the search stops at the budget.
    /// (When the issuer is among them, the one the signer names by key identifier is offered first:
    /// `SameNameAnchorsTests`.)
    @Test func issuerLookupsStopAtTheBudget() async throws {
        let pki = try SandboxPKI(.p256)
        var anchors: [TrustAnchor] = []
        for _ in 0..<40 { anchors.append(try SandboxPKI(.p256).iaca.trustAnchor()) }
        let signer = try pki.documentSigner()
        let validator = DocumentSignerValidator(anchors: anchors)
        let (code, work) = await Self.refusal { _ = try await validator.validate(x5chain: signer.x5chain, at: SandboxPKI.now) }
        #expect(code == .certificateUntrusted)
        #expect(work.searches == 1)
        #expect(work.issuerCandidates == PathSearchBudget.maximumIssuerCandidates)
    }
}
