import Foundation
import GRDB
import MDLVerifier

/// Opens SQLite files for the stores: one connection per file, waiting up to five seconds for another process's
/// lock instead of failing at once.
enum SQLiteStorageFile {
    static func open(path: String?) throws(MDLError) -> DatabaseQueue {
        var configuration = Configuration()
        configuration.busyMode = .timeout(5)
        do {
            return try path.map { try DatabaseQueue(path: $0, configuration: configuration) } ?? DatabaseQueue(configuration: configuration)
        } catch {
            throw MDLError(code: .storageFailed, message: "cannot open the SQLite store: \(error)")
        }
    }

    /// Creates the tables and indexes of `sql` when missing; a failure names the store (`what`).
    static func createSchema(in database: DatabaseQueue, for what: String, sql: String) throws(MDLError) {
        do {
            try database.write { db in try db.execute(sql: sql) }
        } catch {
            throw MDLError(code: .storageFailed, message: "cannot open \(what): \(error)")
        }
    }
}
