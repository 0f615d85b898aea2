import Foundation
import MDLCBOR
import MDLCOSE
import MDLKit
import MDLSandbox
import Testing

/// The sandbox status service takes a presentation device-signed for the RP's session as the holder's consent to a
/// point statement. A presentation captured from another session, re-sent with that session's
/// DeviceAuthenticationBytes attached, is not consent (issue 14, finding 1).
struct PointStatementConsentReplayTests {
    static let clientID = "x509_san_dns:rental.example.cn"
    static let responseURI = "https://rental.example.cn/response"

    @Test func aPresentationFromAnotherSessionWithItsContentAttachedGetsNoStatement() async throws {
        let clock = ManualClock(SandboxFixture.now)
        let authority = try IssuingAuthority(region: .shanghai, now: SandboxFixture.now)
        let service = try StatusService(authorities: [authority], now: { clock.now })
        try await service.start()
        defer { Task { await service.stop() } }
        var wallet = HolderWallet()
        let persona = Persona.cleanC1(today: SandboxFixture.today, asOf: SandboxFixture.now)
        wallet.store(try service.issue(persona.record, by: authority, deviceKey: wallet.deviceCOSEKey, now: SandboxFixture.now))
        let url = try service.pointStatementURL(for: authority)
        let client = StatusClient(
            client: CurlHTTPClient(configuration: .init(proxy: .direct, retry: .none)), now: { clock.now })
        let trust = StatusSignerTrust.issuer([try authority.iaca.trustAnchor()])
        let captured = SessionTranscript.openID4VP(
            clientID: Self.clientID, nonce: "captured", jwkThumbprint: nil, responseURI: Self.responseURI)
        let presentation = try wallet.present(elements: [MDLProfile.isoNameSpace: ["expiry_date"]], transcript: captured).encoded
        // Control: the genuine presentation for its own nonce gets a statement.
        let genuine = PointStatementRequest(presentation: presentation, clientID: Self.clientID, nonce: "captured", responseURI: Self.responseURI)
        _ = try await client.pointStatement(from: url, request: genuine, trust: trust)
        // Replayed for a new nonce with the captured session's content attached: refused.
        let replayed = try DetachedDeviceAuthenticationTests.attaching(
            DetachedDeviceAuthenticationTests.deviceAuthenticationBytes(captured), toDeviceSignatureIn: presentation)
        let request = PointStatementRequest(presentation: replayed, clientID: Self.clientID, nonce: "fresh", responseURI: Self.responseURI)
        await #expect(throws: MDLError(code: .statusUnavailable)) {
            _ = try await client.pointStatement(from: url, request: request, trust: trust)
        }
    }
}
