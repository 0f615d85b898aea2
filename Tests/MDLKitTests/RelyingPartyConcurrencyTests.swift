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

    /// Runs every job on a fresh thread, so the test does not depend on free threads in the shared pool (other
    /// suites block some); actor-isolated code still runs one job at a time on its actor.
    final class ThreadPerJobExecutor: TaskExecutor {
        func enqueue(_ job: consuming ExecutorJob) {
            let job = UnownedJob(job)
            let executor = asUnownedTaskExecutor()
            Thread { job.runSynchronously(on: executor) }.start()
        }
    }

    @Test func aResponseBeingCheckedDoesNotHoldUpTheRequestObject() async throws {
        let world = try RequestWorld()
        let clock = RendezvousClock()
        let relyingParty = try world.relyingParty(clock: { clock.now() })
        let request = try await relyingParty.createRequest(.carRental, baseURL: RequestWorld.baseURL)
        let reply = try await world.answer(request, .approveAll)
        clock.arm()
        let executor = ThreadPerJobExecutor()
        let received = Task(executorPreference: executor) { await relyingParty.receive(jwe: reply.jwe, forRequest: request.id) }
        let served = Task(executorPreference: executor) { try await relyingParty.requestObject(id: request.id) }
        #expect(try await served.value == request.requestObject)
        #expect(await received.value.receipt?.outcome == .presented)
        #expect(clock.peak == 2)
    }
}
