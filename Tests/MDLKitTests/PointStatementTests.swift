import Foundation
import MDLCBOR
import MDLCOSE
import MDLKit
import MDLSandbox
import Testing

/// Point statements from the sandbox status service: issued only with the holder's presentation for the RP's session,
/// bound to the licence, the RP and its nonce.
struct PointStatementTests {
    private static let clientID = "x509_san_dns:rental.example.cn"
    private static let responseURI = "https://rental.example.cn/response"

    private struct Setup {
        let world: StatusServiceTests.World
        let wallet: HolderWallet
        let url: URL

        static func start(persona: Persona = Persona.twelvePoints(today: SandboxFixture.today, asOf: SandboxFixture.now)) async throws -> Setup {
            let clock = ManualClock(SandboxFixture.now)
            let authority = try IssuingAuthority(region: .shanghai, now: SandboxFixture.now)
            let service = try StatusService(authorities: [authority], now: { clock.now })
            try await service.start()
            var wallet = HolderWallet()
            let credential = try service.issue(persona.record, by: authority, deviceKey: wallet.deviceCOSEKey, now: SandboxFixture.now)
            wallet.store(credential)
            let world = StatusServiceTests.World(clock: clock, authority: authority, service: service, credential: credential)
            return Setup(world: world, wallet: wallet, url: try service.pointStatementURL(for: authority))
        }

        func request(nonce: String, clientID: String = PointStatementTests.clientID, signedFor transcriptNonce: String? = nil) throws -> PointStatementRequest {
            let transcript = SessionTranscript.openID4VP(
                clientID: clientID, nonce: transcriptNonce ?? nonce, jwkThumbprint: nil, responseURI: PointStatementTests.responseURI)
            let presentation = try wallet.present(elements: [MDLProfile.isoNameSpace: ["expiry_date"]], transcript: transcript).encoded
            return PointStatementRequest(presentation: presentation, clientID: clientID, nonce: nonce, responseURI: PointStatementTests.responseURI)
        }
    }

    @Test func statementCarriesPointsAndLettersForThisSession() async throws {
        let setup = try await Setup.start()
        defer { Task { await setup.world.service.stop() } }
        let statement = try await setup.world.client().pointStatement(
            from: setup.url, request: try setup.request(nonce: "nonce-1"), trust: try setup.world.trust())
        #expect(statement.points.pointsInCycle == 12)
        #expect(statement.points.fullPointCyclesInLastThree == 1)
        #expect(statement.points.cycleEnd > statement.points.cycleStart)
        #expect(statement.statusLetters.description == "BU")
        #expect(statement.statusLetters.blocksDriving)
        #expect(statement.nonce == "nonce-1")
        #expect(statement.relyingParty == Self.clientID)
        #expect(statement.points.asOf == SandboxFixture.now)

        // The next statement reflects an operation.
        try setup.world.service.apply(.restore, to: setup.world.reference)
        let restored = try await setup.world.client().pointStatement(
            from: setup.url, request: try setup.request(nonce: "nonce-2"), trust: try setup.world.trust())
        #expect(restored.statusLetters.description == "A")
    }

    @Test func refusedWithoutAValidHolderSignature() async throws {
        let setup = try await Setup.start()
        defer { Task { await setup.world.service.stop() } }
        let client = setup.world.client()
        let trust = try setup.world.trust()
        // Signed for another nonce: the service rebuilds the transcript from the request and the signature fails.
        await #expect(throws: MDLError(code: .statusUnavailable)) {
            try await client.pointStatement(from: setup.url, request: try setup.request(nonce: "asked", signedFor: "other"), trust: trust)
        }
        // No presentation at all.
        let empty = PointStatementRequest(presentation: [0xA0], clientID: Self.clientID, nonce: "n", responseURI: Self.responseURI)
        await #expect(throws: MDLError(code: .statusUnavailable)) {
            try await client.pointStatement(from: setup.url, request: empty, trust: trust)
        }
        // A presentation of a licence the service does not know (another issuer's key material) is refused too.
        let stranger = try SandboxFixture()
        let foreign = PointStatementRequest(
            presentation: try stranger.wallet.present(
                elements: nil, transcript: .openID4VP(clientID: Self.clientID, nonce: "n", jwkThumbprint: nil, responseURI: Self.responseURI)
            ).encoded,
            clientID: Self.clientID, nonce: "n", responseURI: Self.responseURI)
        await #expect(throws: MDLError(code: .statusUnavailable)) {
            try await client.pointStatement(from: setup.url, request: foreign, trust: trust)
        }
    }

    @Test func statementForAnotherLicenceOrRelyingPartyOrStaleIsRefused() async throws {
        let setup = try await Setup.start()
        defer { Task { await setup.world.service.stop() } }
        let request = try setup.request(nonce: "nonce-3")
        let statement = try await setup.world.client().pointStatement(from: setup.url, request: request, trust: try setup.world.trust())
        let key = try StatusSignerKey.read(try setup.world.service.statusSigner(for: setup.world.authority).pemEncoded())
        let binding = PointStatement.binding(issuerAuth: setup.world.credential.issuerAuth)
        try statement.verify(with: key, binding: binding, nonce: "nonce-3", relyingParty: Self.clientID, at: SandboxFixture.now, maxAge: 60)

        // Another licence (another MSO of the same issuer).
        let other = try setup.world.service.issue(
            Persona.cleanC1(today: SandboxFixture.today, asOf: SandboxFixture.now).record, by: setup.world.authority,
            deviceKey: HolderWallet().deviceCOSEKey, now: SandboxFixture.now)
        #expect(throws: MDLError(code: .pointStatementMismatch)) {
            try statement.verify(with: key, binding: PointStatement.binding(issuerAuth: other.issuerAuth), nonce: "nonce-3", relyingParty: Self.clientID, at: SandboxFixture.now, maxAge: 60)
        }
        // Replayed to another relying party, or for another nonce.
        #expect(throws: MDLError(code: .pointStatementMismatch)) {
            try statement.verify(with: key, binding: binding, nonce: "nonce-3", relyingParty: "x509_san_dns:insurer.example.cn", at: SandboxFixture.now, maxAge: 60)
        }
        #expect(throws: MDLError(code: .pointStatementMismatch)) {
            try statement.verify(with: key, binding: binding, nonce: "nonce-4", relyingParty: Self.clientID, at: SandboxFixture.now, maxAge: 60)
        }
        // Too old for the RP's bound.
        #expect(throws: MDLError(code: .pointStatementExpired)) {
            try statement.verify(with: key, binding: binding, nonce: "nonce-3", relyingParty: Self.clientID, at: SandboxFixture.now + 600, maxAge: 60)
        }
        // Another signer.
        #expect(throws: MDLError(code: .statusSignatureInvalid)) {
            try statement.verify(with: try SigningPrivateKey.generate(for: .edDSA).publicKey, binding: binding, nonce: "nonce-3", relyingParty: Self.clientID, at: SandboxFixture.now, maxAge: 60)
        }
    }
}
