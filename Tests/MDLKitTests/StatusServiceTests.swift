import Foundation
import MDLCBOR
import MDLCOSE
import MDLKit
import MDLSandbox
import Testing

/// The sandbox status service (a real loopback server) and the SDK's StatusClient over libcurl.
struct StatusServiceTests {
    /// A running service with one Shanghai licence registered.
    struct World {
        let clock: ManualClock
        let authority: IssuingAuthority
        let service: StatusService
        let credential: IssuedCredential
        var reference: MobileSecurityObject.StatusReference { credential.mso.status ?? .init(index: 0, uri: "") }

        static func start(cacheMaxAge: Int = 0, persona: Persona? = nil) async throws -> World {
            let clock = ManualClock(SandboxFixture.now)
            let authority = try IssuingAuthority(region: .shanghai, now: SandboxFixture.now)
            let service = try StatusService(
                authorities: [authority], configuration: .init(cacheMaxAge: cacheMaxAge, tokenLifetime: 3600), now: { clock.now })
            try await service.start()
            let wallet = HolderWallet()
            let record = (persona ?? Persona.cleanC1(today: SandboxFixture.today, asOf: SandboxFixture.now)).record
            let credential = try service.issue(record, by: authority, deviceKey: wallet.deviceCOSEKey, now: SandboxFixture.now)
            return World(clock: clock, authority: authority, service: service, credential: credential)
        }

        func client(_ configuration: StatusClient.Configuration = .init()) -> StatusClient {
            let clock = self.clock
            return StatusClient(
                client: CurlHTTPClient(configuration: .init(proxy: .direct, retry: .none)), configuration: configuration,
                now: { clock.now })
        }

        func trust() throws -> StatusSignerTrust { .issuer([try authority.iaca.trustAnchor()]) }
    }

    @Test func referenceIsPublishedAndValueFollowsOperations() async throws {
        let world = try await World.start()
        defer { Task { await world.service.stop() } }
        let client = world.client()
        #expect(world.reference.uri == "http://127.0.0.1:\(world.service.port ?? 0)/status/sh")

        let first = try await client.status(for: world.reference, trust: try world.trust())
        #expect(first.value == .valid)
        #expect(first.credentialStatus == .valid)
        #expect(first.refusal == nil)
        #expect(!first.degraded)
        #expect(first.asOf == SandboxFixture.now)

        try world.service.apply(.suspend, to: world.reference)
        let suspended = try await client.status(for: world.reference, trust: try world.trust())
        #expect(suspended.value == .suspended)
        #expect(suspended.refusal?.code == .statusSuspended)

        try world.service.apply(.restore, to: world.reference)
        #expect(try await client.status(for: world.reference, trust: try world.trust()).value == .valid)
        try world.service.apply(.supersede(.classChange), to: world.reference)
        let superseded = try await client.status(for: world.reference, trust: try world.trust())
        #expect(superseded.value == .applicationSpecific(3))
        #expect(superseded.refusal?.code == .statusSuperseded)
        try world.service.apply(.revoke, to: world.reference)
        #expect(try await client.status(for: world.reference, trust: try world.trust()).refusal?.code == .statusRevoked)
    }

    @Test func twelvePointsDetainsTheLicence() async throws {
        let world = try await World.start()
        defer { Task { await world.service.stop() } }
        let entry = try world.service.apply(.deductPoints(6), to: world.reference)
        #expect(entry.points == 6)
        #expect(entry.listValue == .valid)
        let full = try world.service.apply(.deductPoints(6), to: world.reference)
        #expect(full.points == 12)
        #expect(full.statusLetters.description == "BU")
        #expect(full.fullCyclesInLastThree == 1)
        #expect(try await world.client().status(for: world.reference, trust: try world.trust()).value == .suspended)
    }

    @Test func revalidatesWith304AndCachesWithinMaxAge() async throws {
        let world = try await World.start(cacheMaxAge: 0)
        defer { Task { await world.service.stop() } }
        let client = world.client()
        let first = try await client.status(for: world.reference, trust: try world.trust())
        #expect(first.fromNetwork)
        // Unchanged list: the server answers 304 and the client reuses the body (still a network answer).
        world.clock.advance(by: 5)
        let second = try await client.status(for: world.reference, trust: try world.trust())
        #expect(second.value == .valid)
        #expect(second.fromNetwork)
        #expect(second.asOf == first.asOf)  // the same token: revalidated, not re-signed

        let cached = try await World.start(cacheMaxAge: 600)
        defer { Task { await cached.service.stop() } }
        let cachingClient = cached.client()
        _ = try await cachingClient.status(for: cached.reference, trust: try cached.trust())
        try cached.service.apply(.suspend, to: cached.reference)
        cached.clock.advance(by: 10)
        let withinMaxAge = try await cachingClient.status(for: cached.reference, trust: try cached.trust())
        #expect(!withinMaxAge.fromNetwork)
        #expect(withinMaxAge.value == .valid)  // max-age=600 lets the client keep its copy
        cached.clock.advance(by: 600)
        #expect(try await cachingClient.status(for: cached.reference, trust: try cached.trust()).value == .suspended)
    }

    @Test func wrongIssuerStaleListAndSubjectAreRefused() async throws {
        let world = try await World.start(cacheMaxAge: 0)
        defer { Task { await world.service.stop() } }
        let otherIssuer = try IssuingAuthority(region: .shanghai, now: SandboxFixture.now)
        await #expect(throws: MDLError(code: .statusSignatureInvalid)) {
            try await world.client().status(for: world.reference, trust: .issuer([try otherIssuer.iaca.trustAnchor()]))
        }
        await #expect(throws: MDLError(code: .statusSignatureInvalid)) {
            try await world.client().status(for: world.reference, trust: .key(try SigningPrivateKey.generate(for: .edDSA).publicKey))
        }
        // The token's sub is the service's URI; a reference naming it differently is refused.
        let aliased = MobileSecurityObject.StatusReference(
            index: world.reference.index, uri: world.reference.uri.replacingOccurrences(of: "/status/sh", with: "/status/sh?"))
        await #expect(throws: MDLError(code: .statusSubjectMismatch)) {
            try await world.client().status(for: aliased, trust: try world.trust())
        }
        // An RP that accepts tokens at most 60 s old refuses one issued 2 minutes ago (and cached by the server).
        _ = try await world.client().status(for: world.reference, trust: try world.trust())
        world.clock.advance(by: 120)
        await #expect(throws: MDLError(code: .statusTokenExpired)) {
            try await world.client(.init(maxTokenAge: 60, clockSkew: 0)).status(for: world.reference, trust: try world.trust())
        }
    }

    @Test func expiredTokenAndOfflineAndDegradedModes() async throws {
        let world = try await World.start(cacheMaxAge: 60)
        let client = world.client(.init(degradedStaleness: .seconds(3600)))
        let reference = world.reference
        #expect(try await client.status(for: reference, trust: try world.trust()).degraded == false)
        await world.service.stop()

        // Within max-age the cache answers, not degraded.
        world.clock.advance(by: 30)
        let fresh = try await client.status(for: reference, trust: try world.trust())
        #expect(!fresh.degraded && !fresh.fromNetwork)
        #expect(fresh.age == .seconds(30))

        // Past max-age with the service gone: fail closed by default…
        world.clock.advance(by: 300)
        let strict = world.client()
        await #expect(throws: MDLError(code: .statusUnavailable)) {
            try await strict.status(for: reference, trust: try world.trust())
        }
        // …or a degraded answer, marked, for an RP that opted in.
        let degraded = try await client.status(for: reference, trust: try world.trust())
        #expect(degraded.degraded)
        #expect(degraded.value == .valid)
        #expect(degraded.age == .seconds(330))

        // Offline: the cache within the staleness bound, and not beyond it; never past the token's exp (1 h).
        let shared = CachingHTTPFetcher(client: CurlHTTPClient(configuration: .init(proxy: .direct, retry: .none)), now: { world.clock.now })
        let clock = world.clock
        let restarted = try await World.start(cacheMaxAge: 60)
        defer { Task { await restarted.service.stop() } }
        let online = StatusClient(fetcher: shared, now: { clock.now })
        _ = try await online.status(for: restarted.reference, trust: try restarted.trust())
        clock.advance(by: 600)
        let offline = StatusClient(fetcher: shared, configuration: .init(offlineStaleness: .seconds(900)), now: { clock.now })
        let answer = try await offline.status(for: restarted.reference, trust: try restarted.trust())
        #expect(answer.degraded && !answer.fromNetwork)
        let tooStrict = StatusClient(fetcher: shared, configuration: .init(offlineStaleness: .seconds(60)), now: { clock.now })
        await #expect(throws: MDLError(code: .statusUnavailable)) {
            try await tooStrict.status(for: restarted.reference, trust: try restarted.trust())
        }
        clock.advance(by: 3600)
        let lenient = StatusClient(fetcher: shared, configuration: .init(offlineStaleness: .seconds(86_400), clockSkew: 0), now: { clock.now })
        await #expect(throws: MDLError(code: .statusTokenExpired)) {
            try await lenient.status(for: restarted.reference, trust: try restarted.trust())
        }
    }
}
