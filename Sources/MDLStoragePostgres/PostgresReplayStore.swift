import Foundation
import MDLOpenID4VP
import MDLVerifier
import PostgresNIO

/// The ``PostgresStore``'s used nonces (table `<prefix>used_nonce`). ``consume(_:until:)`` is one
/// `INSERT … ON CONFLICT (nonce) DO NOTHING RETURNING 1`: the primary key decides, never a read-then-write.
public struct PostgresReplayStore: ReplayStore {
    /// The database.
    public let database: PostgresStore

    /// The store on `database`.
    public init(database: PostgresStore) { self.database = database }

    /// Records `nonce` as used; `true` for the one caller that recorded it first.
    public func consume(_ nonce: String, until: Date) async throws(MDLError) -> Bool {
        let query: PostgresQuery = """
            INSERT INTO \(unescaped: database.noncesTable) (nonce, expires_at) VALUES (\(nonce), \(until))
            ON CONFLICT (nonce) DO NOTHING RETURNING 1
            """
        return try await database.run("consume a nonce") {
            var inserted = 0
            for try await _ in try await database.client.query(query, logger: database.logger) { inserted += 1 }
            return inserted == 1
        }
    }

    /// Deletes rows whose requests expired before `date`; returns how many.
    @discardableResult
    public func sweep(expiredBefore date: Date) async throws(MDLError) -> Int {
        try await database.count("WITH gone AS (DELETE FROM \(unescaped: database.noncesTable) WHERE expires_at < \(date) RETURNING 1) SELECT count(*) FROM gone")
    }
}
