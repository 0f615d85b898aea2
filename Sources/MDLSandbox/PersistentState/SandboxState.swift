import Foundation
import MDLCBOR
import MDLCOSE
import MDLKit
import X509

/// The sandbox issuing authority's state in a directory (`--state DIR`), so `sandbox serve`, `sandbox issue` and
/// the status changes work on the same authority across runs.
///
/// Layout: `sandbox.json` (this value), `iaca.pem` + `iaca.key`, `ds.pem` + `ds.key` (keys as hex of the raw
/// private key, mode 0600), `wallets/<persona>/credential.cbor` (the IssuerSigned the wallet holds) and
/// `wallets/<persona>/device.key`. Sandbox keys only: nothing here protects a real credential.
public struct SandboxState: Codable, Sendable {
    /// The certificate parameters a reload needs to re-create the same certificate for the same key.
    public struct CertificateRecord: Codable, Sendable {
        /// The serial number, hex.
        public var serial: String
        /// The start of the validity, seconds since 1970.
        public var notBefore: Int64
        /// The end of the validity, seconds since 1970.
        public var notAfter: Int64

        /// Creates a record.
        public init(serial: String, notBefore: Int64, notAfter: Int64) {
            self.serial = serial
            self.notBefore = notBefore
            self.notAfter = notAfter
        }
    }

    /// One issued licence and what happened to it since.
    public struct Licence: Codable, Sendable {
        /// The persona's id (`clean-c1`, …).
        public var persona: String
        /// The status-list index of its current credential.
        public var statusIndex: UInt64
        /// `valid`, `invalid` (revoked), `suspended` or `superseded`: the value the status list should publish.
        public var status: String
        /// Points deducted in the current cycle.
        public var points: Int
        /// When its current credential was issued (RFC 3339).
        public var issuedAt: String
        /// What happened to it, oldest first (the last ``SandboxState/retainedChanges``).
        public var changes: [Change]
        /// Status-list indexes of this licence's earlier credentials (the most recent ``SandboxState/retainedIndexes``).
        public var retiredIndexes: [UInt64]?
        /// How many of the oldest changes were dropped to keep the history at ``SandboxState/retainedChanges``.
        public var droppedChanges: Int?

        /// Appends `change`, dropping the oldest past ``SandboxState/retainedChanges``.
        public mutating func record(_ change: Change) {
            changes.append(change)
            let excess = changes.count - SandboxState.retainedChanges
            if excess > 0 {
                changes.removeFirst(excess)
                droppedChanges = (droppedChanges ?? 0) + excess
            }
        }
    }

    /// A change to a licence, recorded whether or not a status service published it.
    public struct Change: Codable, Sendable {
        /// When (RFC 3339).
        public var at: String
        /// `issue`, `reissue`, `suspend`, `revoke`, `supersede` or `deduct`.
        public var action: String
        /// What changed, for people.
        public var detail: String
        /// Whether a status service published it (always false until the status service is served).
        public var published: Bool

        /// Creates a change.
        public init(at: String, action: String, detail: String, published: Bool) {
            self.at = at
            self.action = action
            self.detail = detail
            self.published = published
        }
    }

    /// The file format's version.
    public var version = 1
    /// The issuing authority's region code (`SH`).
    public var region: String
    /// The IACA's and document signer's key algorithm (`ed25519`, `p256`).
    public var keyAlgorithm: String
    /// The port `sandbox serve` listens on, which the status references name.
    public var port: Int
    /// The IACA certificate's parameters.
    public var iaca: CertificateRecord
    /// The document signer certificate's parameters.
    public var documentSigner: CertificateRecord
    /// The licences issued, one per persona.
    public var licences: [Licence] = []

    /// The URI the MSOs' status references name: the status list `sandbox serve` is to publish.
    public var statusListURI: String { "http://127.0.0.1:\(port)/status-lists/1" }

    public static let fileName = "sandbox.json"
    /// The changes kept per licence; older ones are counted in `droppedChanges`, so the file stays bounded.
    public static let retainedChanges = 64
    /// The retired status-list indexes kept per licence.
    public static let retainedIndexes = 16

    /// An index no credential of this state has used: every issuance takes a new one.
    public var nextStatusIndex: UInt64 {
        let used = licences.flatMap { [$0.statusIndex] + ($0.retiredIndexes ?? []) }
        return used.max().map { $0 + 1 } ?? 0
    }
}
