import Foundation
import MDLOpenID4VP
import MDLVerifier
import PostgresNIO

/// The ``PostgresStore``'s open requests (table `<prefix>open_request`), each sealed: the row's `sealed` column is
/// a secretbox the database cannot open.
public struct PostgresOpenRequestStore: OpenRequestStore {
    /// The database.
    public let database: PostgresStore

    /// The store on `database`.
    public init(database: PostgresStore) { self.database = database }

    /// Stores a newly opened request; an id already stored keeps its row.
    public func insert(_ request: SealedPresentationRequest) async throws(MDLError) {
        try await database.run("insert a request") {
            let query: PostgresQuery = try """
                INSERT INTO \(unescaped: database.requestsTable) (id, state, expires_at, sealed)
                VALUES (\(request.id), \(request.state), \(request.expiresAt), \(Data(request.sealed)))
                ON CONFLICT (id) DO NOTHING
                """
            try await database.client.query(query, logger: database.logger)
        }
    }

    /// The request with `id`, or `nil`.
    public func request(id: String) async throws(MDLError) -> SealedPresentationRequest? {
        try await requests("SELECT id, state, expires_at, sealed FROM \(unescaped: database.requestsTable) WHERE id = \(id)").first
    }

    /// Every request expiring at or after `date`, soonest first.
    public func requests(expiringAfter date: Date) async throws(MDLError) -> [SealedPresentationRequest] {
        try await requests("""
            SELECT id, state, expires_at, sealed FROM \(unescaped: database.requestsTable) WHERE expires_at >= \(date) ORDER BY expires_at
            """)
    }

    /// Deletes rows whose requests expired before `date`; returns how many.
    @discardableResult
    public func sweep(expiredBefore date: Date) async throws(MDLError) -> Int {
        try await database.count("WITH gone AS (DELETE FROM \(unescaped: database.requestsTable) WHERE expires_at < \(date) RETURNING 1) SELECT count(*) FROM gone")
    }

    private func requests(_ query: PostgresQuery) async throws(MDLError) -> [SealedPresentationRequest] {
        try await database.run("read requests") {
            var rows: [SealedPresentationRequest] = []
            for try await (id, state, expiresAt, sealed) in try await database.client.query(query, logger: database.logger).decode((String, String, Date, Data).self) {
                rows.append(SealedPresentationRequest(id: id, state: state, expiresAt: expiresAt, sealed: [UInt8](sealed)))
            }
            return rows
        }
    }
}
