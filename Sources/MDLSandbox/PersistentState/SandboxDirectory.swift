import Foundation
import MDLCBOR
import MDLCOSE
import MDLKit
import X509

/// Loads and saves ``SandboxState`` and the authority's keys in a directory.
public struct SandboxDirectory: Sendable {
    /// The directory.
    public let path: String

    /// A directory; nothing is read or created until asked.
    public init(path: String) { self.path = path }

    /// `sandbox.json`.
    public var stateURL: URL { url(SandboxState.fileName) }
    /// The IACA certificate (PEM) relying parties trust.
    public var iacaPEMPath: String { url("iaca.pem").path }

    /// A file of the directory.
    public func url(_ name: String) -> URL { URL(fileURLWithPath: path).appendingPathComponent(name) }
    /// The folder of `persona`'s sandbox wallet.
    public func walletURL(_ persona: String) -> URL { url("wallets").appendingPathComponent(persona) }

    /// Whether the directory holds a state.
    public var exists: Bool { FileManager.default.fileExists(atPath: stateURL.path) }

    /// The state as saved.
    public func loadState() throws -> SandboxState {
        guard let data = FileManager.default.contents(atPath: stateURL.path) else {
            throw SandboxStateError(
                "no sandbox state in \(path) (run `mdl-rp sandbox issue` or `sandbox serve` to create one)")
        }
        do { return try JSONDecoder().decode(SandboxState.self, from: data) } catch {
            throw SandboxStateError("\(stateURL.path) is not a sandbox state file")
        }
    }

    /// Saves `state` (atomically).
    public func save(_ state: SandboxState) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try write(Array(try encoder.encode(state)), to: stateURL)
    }

    /// Writes `bytes` to `url` atomically, mode 0600 when `secret`.
    public func write(_ bytes: [UInt8], to url: URL, secret: Bool = false) throws {
        do {
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes).write(to: url, options: .atomic)
            if secret { try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: url.path) }
        } catch {
            throw SandboxStateError("cannot write \(url.path)")
        }
    }

    /// A private key stored as the hex of its raw representation.
    public func readKey(_ name: String, algorithm: SigningKey.Algorithm) throws -> SigningKey {
        guard let data = FileManager.default.contents(atPath: url(name).path),
            let raw = Hex.decode(String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
        else { throw SandboxStateError("cannot read the key \(url(name).path)") }
        do { return try SigningKey(algorithm: algorithm, rawRepresentation: raw) } catch {
            throw SandboxStateError("\(url(name).path) is not a raw \(algorithm.rawValue) private key")
        }
    }

    /// The state and authority in the directory, created (Shanghai, Ed25519) when there is none yet.
    public func openAuthority(port: Int? = nil, now: Date = Date()) throws -> (SandboxState, IssuingAuthority) {
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
    public func authority(for state: SandboxState) throws -> IssuingAuthority {
        guard let algorithm = SigningKey.Algorithm(rawValue: state.keyAlgorithm) else {
            throw SandboxStateError("unknown key algorithm \(state.keyAlgorithm) in \(stateURL.path)")
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
    /// A field as a date.
    public func date(_ field: KeyPath<Self, Int64>) -> Date { Date(timeIntervalSince1970: TimeInterval(self[keyPath: field])) }

    /// The serial number.
    public func serialNumber() throws -> Certificate.SerialNumber {
        guard let bytes = Hex.decode(serial), !bytes.isEmpty else {
            throw SandboxStateError("bad certificate serial in the sandbox state")
        }
        return Certificate.SerialNumber(bytes: bytes)
    }
}
