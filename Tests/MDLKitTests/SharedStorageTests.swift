import Foundation
import MDLKit
import MDLSandbox
import Testing

/// Relying-party instances sharing one SQLite storage, and the sealing of stored requests.
struct SharedStorageTests {
    private func temporaryFile(_ name: String) throws -> (path: String, directory: URL) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mdlkit-storage-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return (directory.appendingPathComponent(name).path, directory)
    }

    @Test func anInstanceCompletesARequestAnotherMadeAndReplaysAreRefusedEverywhere() async throws {
        let world = try RequestWorld()
        let (path, directory) = try temporaryFile("rp.sqlite")
        defer { try? FileManager.default.removeItem(at: directory) }
        let sealer = RequestSealer(key: .generate())
        let a = try world.relyingParty(storage: try RelyingPartyStorage.sqlite(path: path, sealer: sealer))
        let b = try world.relyingParty(storage: try RelyingPartyStorage.sqlite(path: path, sealer: sealer))
        let request = try await a.createRequest(.carRental, baseURL: RequestWorld.baseURL)
        #expect(try await b.requestObject(id: request.id) == request.requestObject)
        let reply = try await world.answer(request, .approveAll)
        #expect(await b.receive(formBody: reply.formBody, forRequest: request.id).receipt?.outcome == .presented)
        #expect(await a.receive(formBody: reply.formBody, forRequest: request.id).error?.code == .replay)
        #expect(await b.receive(formBody: reply.formBody, forRequest: request.id).error?.code == .replay)
        let receipts = try await RelyingPartyStorage.sqlite(path: path, sealer: sealer).audit.receipts()
        #expect(receipts.map(\.state) == [request.state])
    }

    @Test func twoHundredConcurrentReplaysAgainstSQLiteYieldExactlyOneAcceptance() async throws {
        let world = try RequestWorld()
        let (path, directory) = try temporaryFile("rp.sqlite")
        defer { try? FileManager.default.removeItem(at: directory) }
        let sealer = RequestSealer(key: .generate())
        let instances = [
            try world.relyingParty(storage: try RelyingPartyStorage.sqlite(path: path, sealer: sealer)),
            try world.relyingParty(storage: try RelyingPartyStorage.sqlite(path: path, sealer: sealer)),
        ]
        let request = try await instances[0].createRequest(.carRental, baseURL: RequestWorld.baseURL)
        let reply = try await world.answer(request, .approveSubset([.iso("driving_privileges")]))
        let outcomes = await withTaskGroup(of: PresentationOutcome.self) { group in
            for index in 0..<200 {
                let instance = instances[index % 2]
                group.addTask { await instance.receive(jwe: reply.jwe, forRequest: request.id).outcome }
            }
            var outcomes: [PresentationOutcome] = []
            for await outcome in group { outcomes.append(outcome) }
            return outcomes
        }
        #expect(outcomes.filter { $0.receipt?.outcome == .presented }.count == 1)
        #expect(outcomes.filter { $0.error?.code == .replay }.count == 199)
        #expect(try await instances[1].storage.audit.receipts().count == 1)
    }

    @Test func storedRequestsAreSealedAndOnlyTheConfiguredKeysOpenThem() async throws {
        let world = try RequestWorld()
        let sealer = RequestSealer(key: .generate())
        let storage = RelyingPartyStorage.inMemory(sealer: sealer)
        let relyingParty = try world.relyingParty(storage: storage)
        let request = try await relyingParty.createRequest(.carRental, baseURL: RequestWorld.baseURL)
        let row = try #require(try await storage.requests.request(id: request.id))
        let privateKey = try #require(request.encryptionKey.privateJWK(kid: request.id).d)
        #expect(!String(decoding: row.sealed, as: UTF8.self).contains(privateKey))
        #expect(try row.unsealed(with: sealer).nonce == request.nonce)
        #expect(throws: MDLError(code: .sealedRequestInvalid)) { try row.unsealed(with: RequestSealer(key: .generate())) }
        var tampered = row.sealed
        tampered[tampered.count - 1] ^= 1
        #expect(throws: MDLError(code: .sealedRequestInvalid)) {
            try SealedPresentationRequest(id: row.id, state: row.state, expiresAt: row.expiresAt, sealed: tampered).unsealed(with: sealer)
        }
        let other = try await relyingParty.createRequest(.carRental, baseURL: RequestWorld.baseURL)
        let swapped = SealedPresentationRequest(id: request.id, state: request.state, expiresAt: row.expiresAt,
                                                sealed: try #require(try await storage.requests.request(id: other.id)).sealed)
        #expect(throws: MDLError(code: .sealedRequestInvalid)) { try swapped.unsealed(with: sealer) }
        // A stranger's key makes the request unknown to a relying party, never a crash.
        let stranger = try world.relyingParty(storage: RelyingPartyStorage(
            requests: storage.requests, replay: InMemoryReplayStore(), audit: InMemoryAuditLog(), sealer: RequestSealer(key: .generate())))
        #expect(await stranger.receive(jwe: try await world.answer(request, .approveAll).jwe, forRequest: request.id).error?.code == .sealedRequestInvalid)
    }

    @Test func sealingKeysAre32BytesOfBase64() throws {
        let key = RequestSealingKey.generate()
        #expect(try RequestSealingKey(base64: key.base64).base64 == key.base64)
        #expect(throws: MDLError(code: .sealingKeyInvalid)) { try RequestSealingKey(bytes: [UInt8](repeating: 1, count: 16)) }
        #expect(throws: MDLError(code: .sealingKeyInvalid)) { try RequestSealingKey(base64: "not base64!") }
        let sealer = RequestSealer(key: key)
        #expect(try sealer.open(try sealer.seal([])) == [])
        #expect(try sealer.seal([1, 2, 3]) != sealer.seal([1, 2, 3]))
    }

    @Test func sweepingForgetsLongExpiredRequestsAndTheirNonces() async throws {
        let world = try RequestWorld()
        let clock = ManualClock(SandboxFixture.now)
        let storage = try RelyingPartyStorage.sqlite(path: nil, sealer: RequestSealer(key: .generate()))
        let relyingParty = try world.relyingParty(storage: storage, clock: { clock.now })
        let short = try await relyingParty.createRequest(.carRental, baseURL: RequestWorld.baseURL, lifetime: 60)
        let long = try await relyingParty.createRequest(.carRental, baseURL: RequestWorld.baseURL, lifetime: 86_400)
        #expect(await relyingParty.receive(jwe: try await world.answer(short, .decline).jwe, forRequest: short.id).receipt?.outcome == .declined)
        clock.advance(by: 61)
        let early = try await relyingParty.sweep()  // expired, but kept to answer requestExpired for a while
        #expect(early.requests == 0 && early.nonces == 0)
        clock.advance(by: RelyingParty.expiredRequestRetention)
        let late = try await relyingParty.sweep()
        #expect(late.requests == 1 && late.nonces == 1)
        #expect(try await storage.requests.request(id: short.id) == nil)
        #expect(try await relyingParty.requestObject(id: long.id) == long.requestObject)
    }
}
