import Foundation
import MDLCBOR
import MDLKit
import MDLSandbox
import Synchronization
import Testing

/// `RelyingParty` checks status before it consumes the nonce or writes a receipt, and the receipt records the
/// outcome.
struct RelyingPartyStatusTests {
    /// A transport that fails while `down` is set: the status service outage a real server cannot produce on cue
    /// without losing its port (the only fault this double adds; every byte otherwise comes from the real service).
    final class SwitchableTransport: HTTPClient {
        let down = Mutex(false)
        let real = CurlHTTPClient(configuration: .init(proxy: .direct, retry: .none))

        func send(
            _ request: HTTPRequest, body: [UInt8]?, options: HTTPRequestOptions
        ) async throws -> (response: HTTPResponse, body: [UInt8]) {
            if down.withLock({ $0 }) { throw HTTPClientError(code: .connectionFailed, message: "the status service is down") }
            return try await real.send(request, body: body, options: options)
        }
    }

    @Test func aStatusOutageLeavesTheNonceUnusedAndTheRetryIsRecordedWithItsStatus() async throws {
        let world = try await StatusPipelineTests.World.start()
        defer { Task { await world.service.stop() } }
        let requests = try RequestWorld()
        let transport = SwitchableTransport()
        let verifier = try world.verifier(.check(with: world.client(transport)))
        let audit = InMemoryAuditLog()
        let relyingParty = RelyingParty(
            identity: try requests.rental.identity(), verifier: verifier, replayStore: InMemoryReplayStore(), auditLog: audit,
            clock: { SandboxFixture.now })
        let request = try await relyingParty.createRequest(.carRental, baseURL: RequestWorld.baseURL)
        let received = try await requests.walletVerifier.verify(request.requestObject, at: SandboxFixture.now)
        let reply = try world.wallet.answer(received, decision: .approveAll)

        transport.down.withLock { $0 = true }
        let refused = await relyingParty.receive(jwe: reply.jwe, forRequest: request.id)
        #expect(refused.error?.code == .statusUnavailable)
        #expect(refused.isHolderAuthenticated)
        #expect(try await audit.receipts().isEmpty)

        transport.down.withLock { $0 = false }
        let accepted = await relyingParty.receive(jwe: reply.jwe, forRequest: request.id)
        #expect(accepted.receipt?.outcome == .presented)
        #expect(accepted.receipt?.status == "valid")
        #expect(await relyingParty.receive(jwe: reply.jwe, forRequest: request.id).error?.code == .replay)
    }

    @Test func aRevokedLicenceIsRefusedAndNotRecordedAsPresented() async throws {
        let world = try await StatusPipelineTests.World.start()
        defer { Task { await world.service.stop() } }
        let requests = try RequestWorld()
        let audit = InMemoryAuditLog()
        let relyingParty = RelyingParty(
            identity: try requests.rental.identity(), verifier: try world.verifier(.check(with: world.client())),
            replayStore: InMemoryReplayStore(), auditLog: audit, clock: { SandboxFixture.now })
        try world.service.apply(.revoke, to: world.reference)
        let request = try await relyingParty.createRequest(.carRental, baseURL: RequestWorld.baseURL)
        let reply = try world.wallet.answer(
            try await requests.walletVerifier.verify(request.requestObject, at: SandboxFixture.now), decision: .approveAll)
        let outcome = await relyingParty.receive(jwe: reply.jwe, forRequest: request.id)
        #expect(outcome.error?.code == .statusRevoked)
        #expect(try await audit.receipts().isEmpty)
    }

    @Test func anExplicitOptOutIsWrittenIntoTheReceipt() async throws {
        let world = try await StatusPipelineTests.World.start()
        defer { Task { await world.service.stop() } }
        let requests = try RequestWorld()
        let relyingParty = RelyingParty(
            identity: try requests.rental.identity(), verifier: try world.verifier(.skip(reason: "counter offline")),
            replayStore: InMemoryReplayStore(), auditLog: InMemoryAuditLog(), clock: { SandboxFixture.now })
        let request = try await relyingParty.createRequest(.carRental, baseURL: RequestWorld.baseURL)
        let reply = try world.wallet.answer(
            try await requests.walletVerifier.verify(request.requestObject, at: SandboxFixture.now), decision: .approveAll)
        let outcome = await relyingParty.receive(jwe: reply.jwe, forRequest: request.id)
        #expect(outcome.receipt?.status == "not-checked: counter offline")
    }
}
