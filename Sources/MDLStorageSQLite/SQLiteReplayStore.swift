import Foundation
import GRDB
import MDLOpenID4VP
import MDLVerifier

/// A ``ReplayStore`` in an SQLite file (GRDB): survives a restart of the relying party, and several processes on
/// one host may share the file. Atomicity comes from the table's primary key: an insert of a used nonce fails.
///
/// ```swift
/// let store = try SQLiteReplayStore(path: "/var/lib/rp/nonces.sqlite")
/// ```
public final class SQLiteReplayStore: ReplayStore {
    private let database: DatabaseQueue

    /// Opens (creating if needed) the store at `path`; `nil` opens a private in-memory database.
    public convenience init(path: String?) throws(MDLError) {
        try self.init(database: SQLiteStorageFile.open(path: path))
    }

    init(database: DatabaseQueue) throws(MDLError) {
        self.database = database
        try SQLiteStorageFile.createSchema(
            in: database, for: "the replay store",
            sql: """
                CREATE TABLE IF NOT EXISTS used_nonce (
                    nonce TEXT PRIMARY KEY NOT NULL,
                    expires_at DOUBLE NOT NULL)
                """)
    }

    /// Records `nonce` as used; `true` for the one caller that recorded it first.
    public func consume(_ nonce: String, until: Date) async throws(MDLError) -> Bool {
        do {
            return try await database.write { db in
                try db.execute(sql: "INSERT OR IGNORE INTO used_nonce (nonce, expires_at) VALUES (?, ?)",
                               arguments: [nonce, until.timeIntervalSince1970])
                return db.changesCount == 1
            }
        } catch {
            throw MDLError(code: .storageFailed, message: "the replay store failed: \(error)")
        }
    }

    /// Deletes nonces whose requests expired before `date`.
    public func prune(before date: Date) async throws(MDLError) {
        try await sweep(expiredBefore: date)
    }

    /// Deletes rows whose requests expired before `date`; returns how many.
    @discardableResult
    public func sweep(expiredBefore date: Date) async throws(MDLError) -> Int {
        do {
            return try await database.write { db in
                try db.execute(sql: "DELETE FROM used_nonce WHERE expires_at < ?", arguments: [date.timeIntervalSince1970])
                return db.changesCount
            }
        } catch {
            throw MDLError(code: .storageFailed, message: "the replay store failed: \(error)")
        }
    }
}
