import Foundation
import MDLVerifier

/// Where a relying party keeps its open requests, so that any instance sharing the store can serve a request
/// object or check a response for a request another instance made.
///
/// Rows are ``SealedPresentationRequest``s: the store never holds a private key in clear. Single use is not the
/// request store's job: the ``ReplayStore`` consumes nonces atomically.
public protocol OpenRequestStore: Sendable {
    /// Stores a newly opened request; storing an id that is already there leaves the existing row.
    func insert(_ request: SealedPresentationRequest) async throws(MDLError)
    /// The request with `id`, or `nil`.
    func request(id: String) async throws(MDLError) -> SealedPresentationRequest?
    /// Every request expiring at or after `date` (for operators and audits; a response is matched to its request by
    /// the id in its `response_uri`, never by trying open requests).
    func requests(expiringAfter date: Date) async throws(MDLError) -> [SealedPresentationRequest]
    /// Deletes requests that expired before `date`; returns how many.
    @discardableResult
    func sweep(expiredBefore date: Date) async throws(MDLError) -> Int
}

/// An ``OpenRequestStore`` in memory: one process, forgotten on restart.
public actor InMemoryOpenRequestStore: OpenRequestStore {
    private var rows: [String: SealedPresentationRequest] = [:]

    /// Creates an empty store.
    public init() {}

    /// Stores a newly opened request; an id already stored keeps its row.
    public func insert(_ request: SealedPresentationRequest) async throws(MDLError) {
        if rows[request.id] == nil { rows[request.id] = request }
    }

    /// The request with `id`, or `nil`.
    public func request(id: String) async throws(MDLError) -> SealedPresentationRequest? { rows[id] }

    /// Every request expiring at or after `date`, soonest first.
    public func requests(expiringAfter date: Date) async throws(MDLError) -> [SealedPresentationRequest] {
        rows.values.filter { $0.expiresAt >= date }.sorted { $0.expiresAt < $1.expiresAt }
    }

    /// Deletes rows whose requests expired before `date`; returns how many.
    @discardableResult
    public func sweep(expiredBefore date: Date) async throws(MDLError) -> Int {
        let before = rows.count
        rows = rows.filter { $0.value.expiresAt >= date }
        return before - rows.count
    }
}
