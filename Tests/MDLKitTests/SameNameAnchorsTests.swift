import Foundation
import MDLKit
import MDLSandbox
import Testing

/// Many trusted IACAs may share one name (an authority that re-keys keeps its name). The path search offers at most
/// a fixed number of issuer candidates, so the anchor whose key identifier the document signer names is offered
/// first: however many namesakes the trust list holds, the right anchor is reached.
struct SameNameAnchorsTests {
    @Test func theAnchorTheSignerNamesIsFoundAmongFortyNamesakes() async throws {
        let fixture = try SandboxFixture()
        var anchors: [TrustAnchor] = []
        for _ in 0..<40 {
            anchors.append(try IssuingAuthority(region: .shanghai, now: SandboxFixture.now).iaca.trustAnchor())
        }
        let real = try fixture.authority.iaca.trustAnchor()
        #expect(anchors.allSatisfy { $0.subject == real.subject })
        let presentation = try await fixture.verifier(anchors: anchors + [real]).verify(
            try fixture.presentation(), sessionTranscript: SandboxFixture.transcript)
        #expect(presentation.documents.count == 1)
    }
}
