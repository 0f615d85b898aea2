import Foundation
import Hummingbird
import MDLCBOR
import MDLCOSE
import MDLKit
import MDLSandbox
import Synchronization
import Testing

/// Status is a step of verification (issue 16): on by default, failing closed, bounded in time, speaking status
/// codes, and judged by every policy.
struct StatusPipelineTests {
    /// A status service with one licence, its holder's wallet, and the trusted anchor.
    struct World {
        let clock: ManualClock
        let authority: IssuingAuthority
        let service: StatusService
        var wallet: HolderWallet
        let credential: IssuedCredential
        var reference: MobileSecurityObject.StatusReference { credential.mso.status ?? .init(index: 0, uri: "") }

        static func start(cacheMaxAge: Int = 0) async throws -> World {
            let clock = ManualClock(SandboxFixture.now)
            let authority = try IssuingAuthority(region: .shanghai, now: SandboxFixture.now)
            let service = try StatusService(
                authorities: [authority], configuration: .init(cacheMaxAge: cacheMaxAge, tokenLifetime: 3600),
                now: { clock.now })
            try await service.start()
            var wallet = HolderWallet()
            let record = Persona.cleanC1(today: SandboxFixture.today, asOf: SandboxFixture.now).record
            let credential = try service.issue(record, by: authority, deviceKey: wallet.deviceCOSEKey, now: SandboxFixture.now)
            wallet.store(credential)
            return World(clock: clock, authority: authority, service: service, wallet: wallet, credential: credential)
        }

        func client(_ transport: (any HTTPClient)? = nil, configuration: StatusClient.Configuration = .init()) -> StatusClient {
            let clock = self.clock
            return StatusClient(
                client: transport ?? CurlHTTPClient(configuration: .init(proxy: .direct, retry: .none)),
                configuration: configuration, now: { clock.now })
        }

        func verifier(_ status: StatusCheckPolicy) throws -> PresentationVerifier {
            PresentationVerifier(configuration: .init(
                trustAnchors: [try authority.iaca.trustAnchor()], clock: { SandboxFixture.now }, status: status))
        }

        func presentation() throws -> [UInt8] {
            try wallet.present(elements: nil, transcript: SandboxFixture.transcript).encoded
        }
    }

    // MARK: On by default, with an explicit opt-out

    @Test func aStatusReferenceWithoutACheckerIsRefused() async throws {
        let world = try await World.start()
        defer { Task { await world.service.stop() } }
        await #expect(throws: MDLError(code: .statusUnavailable)) {
            _ = try await world.verifier(.required).verify(try world.presentation(), sessionTranscript: SandboxFixture.transcript)
        }
    }

    @Test func skippingIsRecordedAndEveryPolicyRefers() async throws {
        let world = try await World.start()
        defer { Task { await world.service.stop() } }
        let presentation = try await world.verifier(.skip(reason: "test opt-out"))
            .verify(try world.presentation(), sessionTranscript: SandboxFixture.transcript)
        let document = try #require(presentation.documents.first)
        #expect(document.status == .notChecked(reason: "test opt-out"))
        let facts = try #require(presentation.license)
        for decision in Self.decisions(facts) {
            #expect(decision.outcome != .pass)
            #expect(decision.reasons(.refer).map(\.code).contains("credential.statusNotChecked"))
        }
    }

    @Test func noStatusReferenceRefersToo() async throws {
        let sandbox = try SandboxFixture()
        let presentation = try await sandbox.verifier().verify(try sandbox.presentation(), sessionTranscript: SandboxFixture.transcript)
        #expect(presentation.documents.first?.status == .noReference)
        let facts = try #require(presentation.license)
        for decision in Self.decisions(facts) {
            #expect(decision.outcome != .pass)
            #expect(decision.reasons(.refer).map(\.code).contains("credential.noStatusReference"))
        }
    }

    @Test func checkedInThePipelineValidThenRefusedWithItsCode() async throws {
        let world = try await World.start()
        defer { Task { await world.service.stop() } }
        let verifier = try world.verifier(.check(with: world.client()))
        let presentation = try await verifier.verify(try world.presentation(), sessionTranscript: SandboxFixture.transcript)
        let document = try #require(presentation.documents.first)
        #expect(document.status.isCheckedValid)
        let facts = try #require(presentation.license)
        #expect(CredentialStatusCheck().evaluate(facts).map(\.code) == ["credential.valid"])

        for (operation, code) in [(StatusOperation.suspend, MDLError.Code.statusSuspended), (.revoke, .statusRevoked)] {
            try world.service.apply(operation, to: world.reference)
            await #expect(throws: MDLError(code: code)) {
                _ = try await verifier.verify(try world.presentation(), sessionTranscript: SandboxFixture.transcript)
            }
        }
    }

    @Test func degradedAnswersReferUnderEveryPolicy() throws {
        var facts = LicensePersona.cleanC1
        facts.status = .checked(
            LicenseStatusResult(
                index: 0, value: .valid, asOf: LicensePersona.statedAt, expiresAt: nil, age: .seconds(90_000),
                degraded: true, fromNetwork: false))
        for decision in Self.decisions(facts) {
            #expect(decision.outcome == .refer)
            #expect(decision.reasons(.refer).map(\.code).contains("credential.statusDegraded"))
        }
    }

    /// The three use cases' policies on `facts`, today.
    static func decisions(_ facts: LicenseFacts) -> [Decision] {
        let today = LicensePersona.today
        return [
            RentalPolicy(vehicleClass: "C1", pickup: today, returnDate: today.adding(days: 3)).decide(facts),
            InsuranceClaimPolicy(accidentDate: today, vehicleClass: "C1").decide(facts),
            DrivingJobPolicy(requiredClasses: ["C1"], on: today).decide(facts),
        ]
    }

    // MARK: Freshness and the cache of verified lists

    @Test func aDefaultClientAcceptsAServerThatSendsNoMaxAge() async throws {
        // The answer carries no freshness; the token's own exp and ttl decide, so the first check is answered.
        let world = try await World.start(cacheMaxAge: 0)
        defer { Task { await world.service.stop() } }
        let client = StatusClient(client: CurlHTTPClient(configuration: .init(proxy: .direct, retry: .none)))
        let time = SandboxFixture.now
        let result = try await client.status(for: world.reference, trust: .issuer([try world.authority.iaca.trustAnchor()]), at: time)
        #expect(result.credentialStatus == .valid)
        #expect(!result.degraded)
    }

    @Test func aCacheHitIsALookupNotAVerification() async throws {
        let world = try await World.start(cacheMaxAge: 60)
        defer { Task { await world.service.stop() } }
        let client = world.client()
        let trust = StatusSignerTrust.issuer([try world.authority.iaca.trustAnchor()])
        let first = try await client.status(for: world.reference, trust: trust)
        let second = try await client.status(for: world.reference, trust: trust)
        #expect(first.fromNetwork && !second.fromNetwork)
        #expect(client.tokenVerifications == 1)
        // Past the HTTP freshness the list is fetched again; a changed list is verified again.
        world.clock.advance(by: 61)
        try world.service.apply(.suspend, to: world.reference)
        let third = try await client.status(for: world.reference, trust: trust)
        #expect(third.value == .suspended)
        #expect(client.tokenVerifications == 2)
    }

    @Test func unchangedBytesAreNotVerifiedAgain() async throws {
        let world = try await World.start(cacheMaxAge: 0)
        defer { Task { await world.service.stop() } }
        let client = world.client()
        let trust = StatusSignerTrust.issuer([try world.authority.iaca.trustAnchor()])
        _ = try await client.status(for: world.reference, trust: trust)
        let again = try await client.status(for: world.reference, trust: trust)
        #expect(again.fromNetwork)  // revalidated with the server, not assumed fresh
        #expect(client.tokenVerifications == 1)
    }

    // MARK: Bounded in time

    @Test func aServerThatNeverAnswersGivesStatusUnavailableWithinTheDeadline() async throws {
        let listener = try SilentLoopbackListener()
        let client = StatusClient(
            client: CurlHTTPClient(configuration: .init(proxy: .direct)),  // 5 s connect, 20 s total, two retries
            configuration: .init(deadline: .milliseconds(800)))
        let reference = MobileSecurityObject.StatusReference(index: 0, uri: "http://127.0.0.1:\(listener.port)/status")
        let trust = StatusSignerTrust.key(try SigningPrivateKey.generate(for: .edDSA).publicKey)
        let error = await Self.error { try await client.status(for: reference, trust: trust) }
        #expect(error?.code == .statusUnavailable)
        #expect(error?.message.contains("deadline") == true)
        // The wall time is asserted in a process of its own (CLITests' StatusDeadlineCommandTests): in this one,
        // other suites' blocking waits can hold the cooperative pool far past any deadline.
    }

    @Test func aTricklingServerGivesStatusUnavailableWithinTheDeadline() async throws {
        let error = try await LoopbackHTTPServer.run({ router in
            router.get("/trickle") { _, _ in
                Response(status: .ok, body: ResponseBody { writer in
                    for _ in 0..<200 {
                        try await writer.write(ByteBuffer(bytes: [0xA0]))
                        try await Task.sleep(for: .milliseconds(100))
                    }
                    try await writer.finish(nil)
                })
            }
        }) { port in
            let client = StatusClient(
                client: CurlHTTPClient(configuration: .init(proxy: .direct)), configuration: .init(deadline: .milliseconds(800)))
            let reference = MobileSecurityObject.StatusReference(index: 0, uri: "http://127.0.0.1:\(port)/trickle")
            let trust = StatusSignerTrust.key(try SigningPrivateKey.generate(for: .edDSA).publicKey)
            return await Self.error { try await client.status(for: reference, trust: trust) }
        }
        #expect(error?.code == .statusUnavailable)
        #expect(error?.message.contains("deadline") == true)
    }

    // MARK: Status errors speak status

    @Test func aListPastTheLimitsAndAMalformedTokenAreStatusListInvalid() async throws {
        let key = try SigningPrivateKey.generate(for: .edDSA)
        let trust = StatusSignerTrust.key(try key.publicKey)
        let codes = try await LoopbackHTTPServer.run({ router in
            router.get("/huge") { request, _ in
                let uri = "http://\(request.head.authority ?? "")/huge"
                // Eight million 1-bit entries inflate to 1 MB: past a 4 KiB limit, and tiny compressed.
                let token = try StatusListToken.sign(
                    list: try StatusList(bits: 1, values: [UInt8](repeating: 0, count: 8_000_000)), subject: uri,
                    issuedAt: SandboxFixture.now, expiresAt: SandboxFixture.now + 3600, timeToLive: nil, algorithm: key.algorithm,
                    signer: key.sign)
                return loopbackResponse(body: token)
            }
            router.get("/garbage") { _, _ in loopbackResponse(body: [0xD2, 0x84, 0x40]) }
        }) { port in
            let client = StatusClient(
                client: CurlHTTPClient(configuration: .init(proxy: .direct, retry: .none)),
                configuration: .init(listLimits: StatusList.Limits(maxDecompressedBytes: 4096)), now: { SandboxFixture.now })
            return [
                await Self.error { try await client.status(for: .init(index: 0, uri: "http://127.0.0.1:\(port)/huge"), trust: trust) }?.code,
                await Self.error { try await client.status(for: .init(index: 0, uri: "http://127.0.0.1:\(port)/garbage"), trust: trust) }?.code,
            ]
        }
        #expect(codes == [MDLError.Code.statusListInvalid, .statusListInvalid])
    }

    static func error(_ body: () async throws -> LicenseStatusResult) async -> MDLError? {
        do {
            _ = try await body()
            return nil
        } catch {
            return error as? MDLError
        }
    }
}
