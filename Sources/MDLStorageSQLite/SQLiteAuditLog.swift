import Foundation
import GRDB
import MDLOpenID4VP
import MDLVerifier

/// An ``AuditLog`` in an SQLite file (GRDB), the default for a relying party: one row per receipt, the receipt
/// as JSON next to the columns an operator queries (time, client_id, purpose, outcome).
public final class SQLiteAuditLog: AuditLog {
    private let database: DatabaseQueue

    /// Opens (creating if needed) the log at `path`; `nil` opens a private in-memory database.
    public convenience init(path: String?) throws(MDLError) {
        try self.init(database: SQLiteStorageFile.open(path: path))
    }

    init(database: DatabaseQueue) throws(MDLError) {
        self.database = database
        try SQLiteStorageFile.createSchema(
            in: database, for: "the audit log",
            sql: """
                CREATE TABLE IF NOT EXISTS consent_receipt (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    time DOUBLE NOT NULL,
                    client_id TEXT NOT NULL,
                    purpose TEXT,
                    outcome TEXT NOT NULL,
                    receipt TEXT NOT NULL)
                """)
    }

    /// Appends a receipt.
    public func append(_ receipt: ConsentReceipt) async throws(MDLError) {
        do {
            let encoder = JSONEncoder()
            encoder.dateEncodingStrategy = .iso8601
            encoder.outputFormatting = [.sortedKeys]
            let json = String(decoding: try encoder.encode(receipt), as: UTF8.self)
            try await database.write { db in
                try db.execute(
                    sql: "INSERT INTO consent_receipt (time, client_id, purpose, outcome, receipt) VALUES (?, ?, ?, ?, ?)",
                    arguments: [receipt.time.timeIntervalSince1970, receipt.clientID, receipt.purpose?.rawValue, receipt.outcome.rawValue, json])
            }
        } catch {
            throw MDLError(code: .storageFailed, message: "the audit log failed: \(error)")
        }
    }

    /// Every receipt, oldest first.
    public func receipts() async throws(MDLError) -> [ConsentReceipt] {
        do {
            let rows = try await database.read { db in try String.fetchAll(db, sql: "SELECT receipt FROM consent_receipt ORDER BY id") }
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .iso8601
            return try rows.map { try decoder.decode(ConsentReceipt.self, from: Data($0.utf8)) }
        } catch {
            throw MDLError(code: .storageFailed, message: "the audit log failed: \(error)")
        }
    }
}
