import MDLOpenID4VP
import MDLVerifier

extension RelyingPartyStorage {
    /// One SQLite file (GRDB) holding the three tables `open_request`, `used_nonce` and `consent_receipt`: the
    /// embedded default. Processes on one host may share the file; `nil` opens a private in-memory database.
    public static func sqlite(path: String?, sealer: RequestSealer) throws(MDLError) -> RelyingPartyStorage {
        let database = try SQLiteStorageFile.open(path: path)
        return RelyingPartyStorage(
            requests: try SQLiteOpenRequestStore(database: database), replay: try SQLiteReplayStore(database: database),
            audit: try SQLiteAuditLog(database: database), sealer: sealer)
    }
}
