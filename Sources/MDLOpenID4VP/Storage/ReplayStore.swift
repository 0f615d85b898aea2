import Foundation
import MDLVerifier

/// Remembers the nonces of answered requests so each is used once.
///
/// ``consume(_:until:)`` must be atomic: of two concurrent calls with the same nonce exactly one returns `true`,
/// even across processes sharing the store (SQLite: a unique constraint).
public protocol ReplayStore: Sendable {
    /// Records `nonce` as used; `true` when it was unused, `false` when it was seen before.
    ///
    /// - Parameters:
    ///   - nonce: the answered request's nonce.
    ///   - until: when the nonce's request expires; the store may forget the nonce after that.
    func consume(_ nonce: String, until: Date) async throws(MDLError) -> Bool

    /// Forgets nonces whose requests expired before `date`; returns how many.
    @discardableResult
    func sweep(expiredBefore date: Date) async throws(MDLError) -> Int
}

/// A ``ReplayStore`` in memory: for tests and single-process relying parties that may forget on restart.
public actor InMemoryReplayStore: ReplayStore {
    private var used: [String: Date] = [:]

    /// Creates an empty store.
    public init() {}

    /// Records `nonce` as used; `true` for the one caller that recorded it first.
    public func consume(_ nonce: String, until: Date) async throws(MDLError) -> Bool {
        guard used[nonce] == nil else { return false }
        used[nonce] = until
        return true
    }

    /// Forgets nonces whose requests expired before `date`.
    public func prune(before date: Date) { used = used.filter { $0.value >= date } }

    /// Deletes rows whose requests expired before `date`; returns how many.
    @discardableResult
    public func sweep(expiredBefore date: Date) async throws(MDLError) -> Int {
        let before = used.count
        prune(before: date)
        return before - used.count
    }
}
