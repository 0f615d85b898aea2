import Foundation
import MDLCBOR
import MDLCOSE
import MDLKit
import MDLSandbox
import Testing

/// readerAuth is detached (ISO 18013-5 §9.1.4): a readerAuth that carries its ReaderAuthenticationBytes as payload
/// is refused, so a request signed for one session cannot be replayed into another (issue 14, finding 1).
struct DetachedReaderAuthenticationTests {
    static let otherSession = SessionTranscript.openID4VP(
        clientID: "x509_san_dns:rental.example.cn", nonce: "another-nonce", jwkThumbprint: nil,
        responseURI: "https://rental.example.cn/response")

    @Test func aReaderAuthWithItsContentAttachedIsRefused() async throws {
        let request = try ReaderAuthSandboxTests.signedRequest(usage: .mdlReaderAuthentication)
        let content = ReaderAuthentication.readerAuthenticationBytes(
            sessionTranscript: SandboxFixture.transcript, itemsRequestBytes: request.items)
        let detached = request.readerAuth
        let attached = try COSESign1(
            .array([
                .bytes(detached.headers.protectedBytes), .map(detached.headers.unprotected), .bytes(content),
                .bytes(detached.signature),
            ]))
        let verifier = ReaderAuthentication(readerRoots: [request.root])
        for session in [Self.otherSession, SandboxFixture.transcript] {
            await #expect(throws: MDLError(code: .readerSignatureInvalid)) {
                _ = try await verifier.verify(
                    readerAuth: attached, itemsRequestBytes: request.items, sessionTranscript: session,
                    at: ReaderAuthSandboxTests.now)
            }
        }
    }
}
