import Foundation
import GRDB
import MDLOpenID4VP
import MDLVerifier

/// An ``OpenRequestStore`` in an SQLite file (GRDB): survives a restart, and processes on one host may share the
/// file. Rows hold the request sealed (``SealedPresentationRequest``).
public final class SQLiteOpenRequestStore: OpenRequestStore {
    private let database: DatabaseQueue

    /// Opens (creating if needed) the store at `path`; `nil` opens a private in-memory database.
    public convenience init(path: String?) throws(MDLError) {
        try self.init(database: SQLiteStorageFile.open(path: path))
    }

    init(database: DatabaseQueue) throws(MDLError) {
        self.database = database
        try SQLiteStorageFile.createSchema(
            in: database, for: "the request store",
            sql: """
                CREATE TABLE IF NOT EXISTS open_request (
                    id TEXT PRIMARY KEY NOT NULL,
                    state TEXT NOT NULL,
                    expires_at DOUBLE NOT NULL,
                    sealed BLOB NOT NULL);
                CREATE INDEX IF NOT EXISTS open_request_expires_at ON open_request (expires_at);
                """)
    }

    /// Stores a newly opened request; an id already stored keeps its row.
    public func insert(_ request: SealedPresentationRequest) async throws(MDLError) {
        try await write { db in
            try db.execute(
                sql: "INSERT OR IGNORE INTO open_request (id, state, expires_at, sealed) VALUES (?, ?, ?, ?)",
                arguments: [request.id, request.state, request.expiresAt.timeIntervalSince1970, Data(request.sealed)])
        }
    }

    /// The request with `id`, or `nil`.
    public func request(id: String) async throws(MDLError) -> SealedPresentationRequest? {
        try await fetch("SELECT id, state, expires_at, sealed FROM open_request WHERE id = ?", [id]).first
    }

    /// Every request expiring at or after `date`, soonest first.
    public func requests(expiringAfter date: Date) async throws(MDLError) -> [SealedPresentationRequest] {
        try await fetch(
            "SELECT id, state, expires_at, sealed FROM open_request WHERE expires_at >= ? ORDER BY expires_at",
            [date.timeIntervalSince1970])
    }

    /// Deletes rows whose requests expired before `date`; returns how many.
    @discardableResult
    public func sweep(expiredBefore date: Date) async throws(MDLError) -> Int {
        try await write { db in
            try db.execute(sql: "DELETE FROM open_request WHERE expires_at < ?", arguments: [date.timeIntervalSince1970])
            return db.changesCount
        }
    }

    private func fetch(_ sql: String, _ arguments: StatementArguments) async throws(MDLError) -> [SealedPresentationRequest] {
        do {
            return try await database.read { db in
                try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
                    let values: [DatabaseValue] = [row[0], row[1], row[2], row[3]]
                    guard let id = String.fromDatabaseValue(values[0]), let state = String.fromDatabaseValue(values[1]),
                        let expiresAt = Double.fromDatabaseValue(values[2]), let sealed = Data.fromDatabaseValue(values[3])
                    else { throw MDLError(code: .storageFailed, message: "a row of the request store is malformed") }
                    return SealedPresentationRequest(id: id, state: state, expiresAt: Date(timeIntervalSince1970: expiresAt), sealed: [UInt8](sealed))
                }
            }
        } catch {
            throw MDLError(code: .storageFailed, message: "the request store failed: \(error)")
        }
    }

    private func write<T: Sendable>(_ body: @Sendable @escaping (Database) throws -> T) async throws(MDLError) -> T {
        do {
            return try await database.write(body)
        } catch {
            throw MDLError(code: .storageFailed, message: "the request store failed: \(error)")
        }
    }
}
