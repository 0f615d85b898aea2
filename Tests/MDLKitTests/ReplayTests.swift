import Foundation
import MDLKit
import MDLSandbox
import Testing

/// Single use of nonces, request expiry and restarts with the SQLite store.
struct ReplayTests {
    @Test func aReplayedResponseIsRefusedAsReplay() async throws {
        let world = try RequestWorld()
        let relyingParty = try world.relyingParty()
        let request = try await relyingParty.createRequest(.carRental, baseURL: RequestWorld.baseURL)
        let reply = try await world.answer(request, .approveAll)
        #expect(await relyingParty.receive(jwe: reply.jwe, forRequest: request.id).receipt?.outcome == .presented)
        let again = await relyingParty.receive(jwe: reply.jwe, forRequest: request.id)
        #expect(again.error?.code == .replay)
        #expect(again.state == request.state)
    }

    @Test func aResponseToAnExpiredRequestIsRefused() async throws {
        let world = try RequestWorld()
        let clock = ManualClock(SandboxFixture.now)
        let relyingParty = try world.relyingParty(clock: { clock.now })
        let request = try await relyingParty.createRequest(.carRental, baseURL: RequestWorld.baseURL, lifetime: 120)
        let reply = try await world.answer(request, .approveAll)
        clock.advance(by: 121)
        #expect(await relyingParty.receive(jwe: reply.jwe, forRequest: request.id).error?.code == .requestExpired)
        #expect(try await relyingParty.requestObject(id: request.id) == nil)
    }

    @Test func nonceReuseAfterARestartIsCaughtByTheSQLiteStore() async throws {
        let world = try RequestWorld()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mdlkit-replay-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("nonces.sqlite").path

        let before = try world.relyingParty(replayStore: try SQLiteReplayStore(path: path))
        let request = try await before.createRequest(.carRental, baseURL: RequestWorld.baseURL)
        let saved = try request.fileContents()
        let reply = try await world.answer(request, .approveSubset([.iso("driving_privileges")]))
        #expect(await before.receive(jwe: reply.jwe, forRequest: request.id).receipt?.outcome == .presented)

        // The RP process restarts: a new store on the same file, the pending request read back from its file.
        let after = try world.relyingParty(replayStore: try SQLiteReplayStore(path: path))
        try await after.reopen(try PresentationRequest(fileContents: saved))
        #expect(await after.receive(jwe: reply.jwe, forRequest: request.id).error?.code == .replay)

        // A fresh in-memory store would have let it through: the file is what remembers.
        let forgetful = try world.relyingParty()
        try await forgetful.reopen(try PresentationRequest(fileContents: saved))
        #expect(await forgetful.receive(jwe: reply.jwe, forRequest: request.id).receipt?.outcome == .presented)
    }

    @Test func sqliteConsumeIsAtomicUnderConcurrency() async throws {
        let store = try SQLiteReplayStore(path: nil)
        let wins = try await withThrowingTaskGroup(of: Bool.self) { group in
            for _ in 0..<16 { group.addTask { try await store.consume("n-1", until: SandboxFixture.now) } }
            var count = 0
            for try await won in group where won { count += 1 }
            return count
        }
        #expect(wins == 1)
        #expect(try await store.consume("n-2", until: SandboxFixture.now))
    }

    @Test func inMemoryStoreConsumesOnce() async throws {
        let store = InMemoryReplayStore()
        #expect(try await store.consume("a", until: SandboxFixture.now))
        #expect(try await !store.consume("a", until: SandboxFixture.now))
        await store.prune(before: SandboxFixture.now.addingTimeInterval(1))
        #expect(try await store.consume("a", until: SandboxFixture.now))
    }

    @Test func sqliteAuditLogKeepsReceiptsAcrossReopen() async throws {
        let world = try RequestWorld()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mdlkit-audit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("audit.sqlite").path
        let relyingParty = try world.relyingParty(auditLog: try SQLiteAuditLog(path: path))
        let request = try await relyingParty.createRequest(.carRental, baseURL: RequestWorld.baseURL)
        _ = await relyingParty.receive(jwe: try await world.answer(request, .decline).jwe, forRequest: request.id)
        let receipts = try await SQLiteAuditLog(path: path).receipts()
        #expect(receipts.count == 1)
        #expect(receipts.first?.outcome == .declined)
        #expect(receipts.first?.purpose == .carRental)
        #expect(receipts.first?.relyingPartyNameZH == "沙箱租车有限公司")
    }
}
