import Foundation
import MDLKit
import MDLSandbox
import Synchronization
import Testing

/// Checking a response and serving a request object run concurrently on one `RelyingParty`: nothing but the
/// nonce's single use (atomic in the store) is serialised (issue 20).
struct RelyingPartyConcurrencyTests {
    /// A clock that, once armed, holds each caller until a second caller is inside too (or a generous deadline
    /// passes), and records the most callers inside at once.
    final class RendezvousClock: Sendable {
        private struct State {
            var armed = false
            var inside = 0
            var peak = 0
        }
        private let state = Mutex(State())

        func arm() { state.withLock { $0.armed = true } }
        var peak: Int { state.withLock { $0.peak } }

        func now() -> Date {
            let armed = state.withLock { state -> Bool in
                guard state.armed else { return false }
                state.inside += 1
                state.peak = max(state.peak, state.inside)
                return true
            }
            guard armed else { return SandboxFixture.now }
            let deadline = Date().addingTimeInterval(10)
            while state.withLock({ $0.peak < 2 }) && Date() < deadline { usleep(1000) }
            state.withLock { $0.inside -= 1 }
            return SandboxFixture.now
        }
    }

    @Test(.enabled(if: ProcessInfo.processInfo.activeProcessorCount >= 2, "needs two threads in the concurrency pool"))
    func aResponseBeingCheckedDoesNotHoldUpTheRequestObject() async throws {
        let world = try RequestWorld()
        let clock = RendezvousClock()
        let relyingParty = try world.relyingParty(clock: { clock.now() })
        let request = try await relyingParty.createRequest(.carRental, baseURL: RequestWorld.baseURL)
        let reply = try world.answer(request, .approveAll)
        clock.arm()
        async let received = relyingParty.receive(jwe: reply.jwe, forRequest: request.id)
        async let served = relyingParty.requestObject(id: request.id)
        #expect(try await served == request.requestObject)
        #expect(await received.receipt?.outcome == .presented)
        #expect(clock.peak == 2)
    }
}
