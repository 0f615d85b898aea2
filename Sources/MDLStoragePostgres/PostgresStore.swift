import Foundation
import Logging
import MDLOpenID4VP
import MDLVerifier
import PostgresNIO

/// A PostgreSQL database holding open requests (``requests``), used nonces (``replay``) and consent receipts
/// (``audit``), shared by every relying-party instance that
/// connects to the same database: the backend for several instances behind a load balancer.
///
/// Single use is the database's: a nonce is consumed by `INSERT … ON CONFLICT DO NOTHING RETURNING` on its primary
/// key, so of any number of concurrent consumers on any number of hosts exactly one gets a row back. Requests are
/// stored sealed (``SealedPresentationRequest``); the sealing key never reaches the database.
///
/// The ``client`` must be running (`await client.run()` in a task or a service group) while the store is used.
///
/// ```swift
/// let client = PostgresClient(configuration: try PostgresStore.configuration(url: url), backgroundLogger: logger)
/// let store = try PostgresStore(client: client)
/// async let _ = client.run()
/// try await store.migrate()
/// let rp = RelyingParty(identity: identity, verifier: verifier, storage: store.storage(sealer: sealer))
/// ```
public final class PostgresStore: Sendable {
    /// The connection pool.
    public let client: PostgresClient
    /// The prefix of the three tables (`<prefix>open_request`, `<prefix>used_nonce`, `<prefix>consent_receipt`).
    public let tablePrefix: String
    let logger: Logger

    /// A store on `client` with tables named `<tablePrefix>…`.
    ///
    /// - Parameter tablePrefix: lowercase letters, digits and `_`, starting with a letter, at most 40 characters.
    public init(client: PostgresClient, tablePrefix: String = "mdlkit_", logger: Logger = Logger(label: "mdlkit-postgres")) throws(MDLError) {
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789_")
        guard let first = tablePrefix.first, first.isLetter, tablePrefix.count <= 40, tablePrefix.allSatisfy(allowed.contains) else {
            throw MDLError(code: .storageFailed, message: "a table prefix is lowercase letters, digits and _, starting with a letter")
        }
        self.client = client
        self.tablePrefix = tablePrefix
        self.logger = logger
    }

    /// The open-request store on this database.
    public var requests: PostgresOpenRequestStore { PostgresOpenRequestStore(database: self) }
    /// The nonce store on this database.
    public var replay: PostgresReplayStore { PostgresReplayStore(database: self) }
    /// The audit log on this database.
    public var audit: PostgresAuditLog { PostgresAuditLog(database: self) }

    /// A relying party's storage on this database, requests sealed by `sealer`.
    public func storage(sealer: RequestSealer) -> RelyingPartyStorage {
        RelyingPartyStorage(requests: requests, replay: replay, audit: audit, sealer: sealer)
    }

    var requestsTable: String { tablePrefix + "open_request" }
    var noncesTable: String { tablePrefix + "used_nonce" }
    var receiptsTable: String { tablePrefix + "consent_receipt" }

    /// Creates the tables and indexes when missing (see Documentation/Deployment.md for the schema). Safe to run
    /// from every instance at start-up: an advisory lock serialises concurrent migrations.
    public func migrate() async throws(MDLError) {
        let statements: [PostgresQuery] = [
            "SELECT pg_advisory_xact_lock(hashtext(\(tablePrefix + "schema"))::bigint)",
            """
            CREATE TABLE IF NOT EXISTS \(unescaped: requestsTable) (
                id TEXT PRIMARY KEY,
                state TEXT NOT NULL,
                expires_at TIMESTAMPTZ NOT NULL,
                sealed BYTEA NOT NULL)
            """,
            "CREATE INDEX IF NOT EXISTS \(unescaped: requestsTable)_expires_at ON \(unescaped: requestsTable) (expires_at)",
            """
            CREATE TABLE IF NOT EXISTS \(unescaped: noncesTable) (
                nonce TEXT PRIMARY KEY,
                expires_at TIMESTAMPTZ NOT NULL,
                used_at TIMESTAMPTZ NOT NULL DEFAULT now())
            """,
            "CREATE INDEX IF NOT EXISTS \(unescaped: noncesTable)_expires_at ON \(unescaped: noncesTable) (expires_at)",
            """
            CREATE TABLE IF NOT EXISTS \(unescaped: receiptsTable) (
                id BIGSERIAL PRIMARY KEY,
                time TIMESTAMPTZ NOT NULL,
                client_id TEXT NOT NULL,
                purpose TEXT,
                outcome TEXT NOT NULL,
                state TEXT NOT NULL,
                receipt JSONB NOT NULL)
            """,
            "CREATE INDEX IF NOT EXISTS \(unescaped: receiptsTable)_time ON \(unescaped: receiptsTable) (time)",
        ]
        let logger = self.logger
        try await run("migrate") {
            try await client.withTransaction(logger: logger) { connection in
                for statement in statements { try await connection.query(statement, logger: logger) }
            }
        }
    }

    func count(_ query: PostgresQuery) async throws(MDLError) -> Int {
        try await run("sweep") {
            var total = 0
            for try await (count) in try await client.query(query, logger: logger).decode(Int64.self) { total += Int(count) }
            return total
        }
    }

    /// Runs `body`, turning any error into ``MDLError/Code/storageFailed`` (PostgresNIO's errors print no bound
    /// values by default; the debug description names the server's message).
    @discardableResult
    func run<T>(_ what: String, _ body: () async throws -> T) async throws(MDLError) -> T {
        do {
            return try await body()
        } catch {
            throw MDLError(code: .storageFailed, message: "PostgreSQL: cannot \(what): \(String(reflecting: error))")
        }
    }
}
