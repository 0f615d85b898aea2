import MDLVerifier
import Synchronization

/// The first of several outcomes (the work's result, the deadline's `nil`, a cancellation), delivered once to one
/// waiter: what ``StatusClient`` uses so a deadline returns at once instead of waiting for the cancelled work.
final class DeadlineRace<Value: Sendable>: Sendable {
    private enum State {
        case pending
        case waiting(CheckedContinuation<Result<Value, MDLError>?, Never>)
        case finished(Result<Value, MDLError>?)
        case delivered
    }

    private let state = Mutex<State>(.pending)

    /// Records `outcome` if none was recorded yet, and wakes the waiter.
    func finish(_ outcome: Result<Value, MDLError>?) {
        let waiter: CheckedContinuation<Result<Value, MDLError>?, Never>? = state.withLock { state in
            switch state {
            case .pending:
                state = .finished(outcome)
                return nil
            case .waiting(let continuation):
                state = .delivered
                return continuation
            case .finished, .delivered:
                return nil
            }
        }
        waiter?.resume(returning: outcome)
    }

    /// The first outcome, waiting for it if needed. Called once.
    func outcome() async -> Result<Value, MDLError>? {
        await withCheckedContinuation { continuation in
            let ready: Result<Value, MDLError>?? = state.withLock { state in
                switch state {
                case .finished(let outcome):
                    state = .delivered
                    return .some(outcome)
                case .pending:
                    state = .waiting(continuation)
                    return .none
                case .waiting, .delivered:
                    return .some(.failure(MDLError(code: .statusUnavailable, message: "the status check was awaited twice")))
                }
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }
}
