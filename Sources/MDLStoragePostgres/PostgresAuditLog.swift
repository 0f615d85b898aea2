import Foundation
import MDLOpenID4VP
import MDLVerifier
import PostgresNIO

/// The ``PostgresStore``'s consent receipts (table `<prefix>consent_receipt`): one row per receipt, the receipt as
/// JSONB next to the columns an operator queries (time, client_id, purpose, outcome, state).
public struct PostgresAuditLog: AuditLog {
    /// The database.
    public let database: PostgresStore

    /// The log on `database`.
    public init(database: PostgresStore) { self.database = database }

    /// Appends a receipt.
    public func append(_ receipt: ConsentReceipt) async throws(MDLError) {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys]
        let json: String
        do {
            json = String(decoding: try encoder.encode(receipt), as: UTF8.self)
        } catch {
            throw MDLError(code: .storageFailed, message: "cannot encode a receipt: \(error)")
        }
        let query: PostgresQuery = """
            INSERT INTO \(unescaped: database.receiptsTable) (time, client_id, purpose, outcome, state, receipt)
            VALUES (\(receipt.time), \(receipt.clientID), \(receipt.purpose?.rawValue), \(receipt.outcome.rawValue), \(receipt.state), \(json)::jsonb)
            """
        try await database.run("append a receipt") { try await database.client.query(query, logger: database.logger) }
    }

    /// Every receipt, oldest first.
    public func receipts() async throws(MDLError) -> [ConsentReceipt] {
        let query: PostgresQuery = "SELECT receipt::text FROM \(unescaped: database.receiptsTable) ORDER BY id"
        let texts = try await database.run("read receipts") {
            var texts: [String] = []
            for try await (text) in try await database.client.query(query, logger: database.logger).decode(String.self) { texts.append(text) }
            return texts
        }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        do {
            return try texts.map { try decoder.decode(ConsentReceipt.self, from: Data($0.utf8)) }
        } catch {
            throw MDLError(code: .storageFailed, message: "a stored receipt does not decode: \(error)")
        }
    }
}
