import Foundation
import MDLKit

/// One operation on a licence's status, with when it took effect and when it was recorded.
public struct StatusEvent: Sendable, Hashable {
    /// What changed.
    public var operation: StatusOperation
    /// When it took effect (a suspension from the day of the decision, a deduction from the violation).
    public var effectiveAt: Date
    /// When the status service recorded it.
    public var recordedAt: Date
}

/// A licence's status record over time: the entry as registered (holding from before any recorded operation) and
/// the operations in order of effect.
///
/// The sandbox keeps one points cycle per licence (the registered one): a statement for an instant outside it
/// names that cycle, and the relying party's points check says the cycle does not contain the instant.
struct StatusHistory: Sendable {
    /// The entry as registered.
    var registered: LicenseStatusEntry
    /// The operations, ordered by ``StatusEvent/effectiveAt`` (ties in the order recorded).
    var events: [StatusEvent] = []

    /// The entry with every operation effective at or before `instant` (all of them for `nil`).
    func entry(at instant: Date?) throws -> LicenseStatusEntry {
        try events.reduce(registered) { entry, event in
            guard instant.map({ event.effectiveAt <= $0 }) ?? true else { return entry }
            return try StatusLedger.applying(event.operation, to: entry)
        }
    }
}
