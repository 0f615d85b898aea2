import Foundation
import MDLCBOR
import MDLCOSE
import MDLKit
import MDLSandbox
import X509

/// The sandbox issuing authority's state in a directory (`--state DIR`), so `sandbox serve`, `sandbox issue` and
/// the status changes work on the same authority across runs.
///
/// Layout: `sandbox.json` (this value), `iaca.pem` + `iaca.key`, `ds.pem` + `ds.key` (keys as hex of the raw
/// private key, mode 0600), `wallets/<persona>/credential.cbor` (the IssuerSigned the wallet holds) and
/// `wallets/<persona>/device.key`. Sandbox keys only: nothing here protects a real credential.
struct SandboxState: Codable, Sendable {
    /// The certificate parameters a reload needs to re-create the same certificate for the same key.
    struct CertificateRecord: Codable, Sendable {
        var serial: String
        var notBefore: Int64
        var notAfter: Int64
    }

    /// One issued licence and what happened to it since.
    struct Licence: Codable, Sendable {
        var persona: String
        var statusIndex: UInt64
        /// `valid`, `invalid` (revoked), `suspended` or `superseded`: the value the status list should publish.
        var status: String
        var points: Int
        var issuedAt: String
        var changes: [Change]
        /// Status-list indexes of this licence's earlier credentials (the most recent ``SandboxState/retainedIndexes``).
        var retiredIndexes: [UInt64]?
        /// How many of the oldest changes were dropped to keep the history at ``SandboxState/retainedChanges``.
        var droppedChanges: Int?

        /// Appends `change`, dropping the oldest past ``SandboxState/retainedChanges``.
        mutating func record(_ change: Change) {
            changes.append(change)
            let excess = changes.count - SandboxState.retainedChanges
            if excess > 0 {
                changes.removeFirst(excess)
                droppedChanges = (droppedChanges ?? 0) + excess
            }
        }
    }

    /// A change to a licence, recorded whether or not a status service published it.
    struct Change: Codable, Sendable {
        var at: String
        var action: String
        var detail: String
        /// Whether a status service published it (always false until the status service is served).
        var published: Bool
    }

    var version = 1
    var region: String
    var keyAlgorithm: String
    var port: Int
    var iaca: CertificateRecord
    var documentSigner: CertificateRecord
    var licences: [Licence] = []

    /// The URI the MSOs' status references name: the status list `sandbox serve` is to publish.
    var statusListURI: String { "http://127.0.0.1:\(port)/status-lists/1" }

    static let fileName = "sandbox.json"
    /// The changes kept per licence; older ones are counted in `droppedChanges`, so the file stays bounded.
    static let retainedChanges = 64
    /// The retired status-list indexes kept per licence.
    static let retainedIndexes = 16

    /// An index no credential of this state has used: every issuance takes a new one.
    var nextStatusIndex: UInt64 {
        let used = licences.flatMap { [$0.statusIndex] + ($0.retiredIndexes ?? []) }
        return used.max().map { $0 + 1 } ?? 0
    }
}

/// Loads and saves ``SandboxState`` and the authority's keys in a directory.
struct SandboxDirectory: Sendable {
    let path: String

    var stateURL: URL { url(SandboxState.fileName) }
    var iacaPEMPath: String { url("iaca.pem").path }

    func url(_ name: String) -> URL { URL(fileURLWithPath: path).appendingPathComponent(name) }
    func walletURL(_ persona: String) -> URL { url("wallets").appendingPathComponent(persona) }

    var exists: Bool { FileManager.default.fileExists(atPath: stateURL.path) }

    func loadState() throws -> SandboxState {
        guard let data = FileManager.default.contents(atPath: stateURL.path) else {
            throw InputError(
                "no sandbox state in \(path) (run `mdl-rp sandbox issue` or `sandbox serve` to create one)")
        }
        do { return try JSONDecoder().decode(SandboxState.self, from: data) } catch {
            throw InputError("\(stateURL.path) is not a sandbox state file")
        }
    }

    func save(_ state: SandboxState) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try write(Array(try encoder.encode(state)), to: stateURL)
    }

    func write(_ bytes: [UInt8], to url: URL, secret: Bool = false) throws {
        do {
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes).write(to: url, options: .atomic)
            if secret { try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: url.path) }
        } catch {
            throw InputError("cannot write \(url.path)")
        }
    }

    func readKey(_ name: String, algorithm: SigningKey.Algorithm) throws -> SigningKey {
        guard let data = FileManager.default.contents(atPath: url(name).path),
            let raw = Hex.decode(String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
        else { throw InputError("cannot read the key \(url(name).path)") }
        do { return try SigningKey(algorithm: algorithm, rawRepresentation: raw) } catch {
            throw InputError("\(url(name).path) is not a raw \(algorithm.rawValue) private key")
        }
    }

    /// The state and authority in the directory, created (Shanghai, Ed25519) when there is none yet.
    func openAuthority(port: Int? = nil, now: Date = Date()) throws -> (SandboxState, IssuingAuthority) {
        if exists {
            var state = try loadState()
            if let port, port != state.port {
                state.port = port
                try save(state)
            }
            return (state, try authority(for: state))
        }
        return try create(port: port ?? 8470, now: now)
    }

    private func create(port: Int, now: Date) throws -> (SandboxState, IssuingAuthority) {
        let start = Int64(now.timeIntervalSince1970) - 365 * 86_400
        let year: Int64 = 365 * 86_400
        func serial() -> String { Hex.encode([0x01] + SecureRandom.bytes(count: 15)) }
        let state = SandboxState(
            region: IssuingAuthority.Region.shanghai.code, keyAlgorithm: SigningKey.Algorithm.ed25519.rawValue,
            port: port,
            iaca: .init(serial: serial(), notBefore: start, notAfter: start + 11 * year),
            documentSigner: .init(serial: serial(), notBefore: start + 335 * 86_400, notAfter: start + 3 * year))
        let iacaKey = SigningKey(generating: .ed25519)
        let dsKey = SigningKey(generating: .ed25519)
        try write(Array(Hex.encode(iacaKey.rawRepresentation).utf8), to: url("iaca.key"), secret: true)
        try write(Array(Hex.encode(dsKey.rawRepresentation).utf8), to: url("ds.key"), secret: true)
        let authority = try authority(for: state)
        try write(Array(try authority.iaca.pemEncoded().utf8), to: url("iaca.pem"))
        try write(Array(try authority.documentSigner.pemEncoded().utf8), to: url("ds.pem"))
        try save(state)
        return (state, authority)
    }

    /// Re-creates the authority from the stored keys and certificate parameters.
    func authority(for state: SandboxState) throws -> IssuingAuthority {
        guard let algorithm = SigningKey.Algorithm(rawValue: state.keyAlgorithm) else {
            throw InputError("unknown key algorithm \(state.keyAlgorithm) in \(stateURL.path)")
        }
        let region = IssuingAuthority.Region.shanghai
        let iacaKey = try readKey("iaca.key", algorithm: algorithm)
        let dsKey = try readKey("ds.key", algorithm: algorithm)
        var iacaTemplate = IACA.template(
            subject: CertificateSubject(
                country: "CN", stateOrProvince: region.code, organization: region.nameEN,
                commonName: "\(region.nameEN) IACA"),
            notBefore: state.iaca.date(\.notBefore), notAfter: state.iaca.date(\.notAfter))
        iacaTemplate.serialNumber = try state.iaca.serialNumber()
        let iaca = try IACA(template: iacaTemplate, key: iacaKey)
        var dsTemplate = iaca.documentSignerTemplate(
            commonName: "\(region.nameEN) DS 1", notBefore: state.documentSigner.date(\.notBefore),
            notAfter: state.documentSigner.date(\.notAfter))
        dsTemplate.serialNumber = try state.documentSigner.serialNumber()
        let signer = try iaca.issueDocumentSigner(dsTemplate, key: dsKey)
        return IssuingAuthority(region: region, iaca: iaca, documentSigner: signer)
    }
}

extension SandboxState.CertificateRecord {
    func date(_ field: KeyPath<Self, Int64>) -> Date { Date(timeIntervalSince1970: TimeInterval(self[keyPath: field])) }

    func serialNumber() throws -> Certificate.SerialNumber {
        guard let bytes = Hex.decode(serial), !bytes.isEmpty else {
            throw InputError("bad certificate serial in the sandbox state")
        }
        return Certificate.SerialNumber(bytes: bytes)
    }
}
