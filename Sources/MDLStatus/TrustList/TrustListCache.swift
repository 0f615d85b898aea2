import Foundation
import MDLCBOR
import MDLVerifier

/// The on-disk copy of the last verified VICAL: the signed bytes as received (`vical.cose`) and a small JSON record
/// (`vical.json`) of when it was fetched and when the next list is due.
///
/// The bytes are verified again when loaded, so a damaged file is ignored rather than trusted.
struct TrustListCache: Sendable {
    let directory: URL

    struct Record: Codable, Sendable {
        /// When the list was fetched and verified (RFC 3339).
        var fetchedAt: String
        /// The list's issue number.
        var issueID: UInt64
        /// The list's `nextUpdate` (RFC 3339), if any.
        var nextUpdate: String?
    }

    private var listFile: URL { directory.appendingPathComponent("vical.cose") }
    private var recordFile: URL { directory.appendingPathComponent("vical.json") }

    /// The cached bytes and the time they were verified, if a cache exists.
    func load() -> (bytes: [UInt8], fetchedAt: Date)? {
        guard let data = try? Data(contentsOf: listFile) else { return nil }
        let record = (try? Data(contentsOf: recordFile)).flatMap { try? JSONDecoder().decode(Record.self, from: $0) }
        guard let fetchedAt = record.flatMap({ TDate(rfc3339: $0.fetchedAt)?.date }) else { return nil }
        return (Array(data), fetchedAt)
    }

    /// Stores a verified list atomically.
    func store(_ verified: VerifiedVICAL, fetchedAt: Date) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Data(verified.signedBytes).write(to: listFile, options: .atomic)
        let record = Record(
            fetchedAt: TDate.format(fetchedAt), issueID: verified.vical.issueID,
            nextUpdate: verified.vical.nextUpdate.map(TDate.format))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(record).write(to: recordFile, options: .atomic)
    }
}
