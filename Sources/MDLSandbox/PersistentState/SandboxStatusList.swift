import Foundation
import MDLCOSE
import MDLKit

/// The status service of `sandbox serve`: the Token Status List its licences' MSOs reference
/// (`/status-lists/1`), built from the state directory at every fetch, so `suspend`, `revoke`, `supersede` and
/// `deduct` (12 points suspend) are what a relying party sees on its next check. Signed by a status signer under the
/// state's IACA, made when `serve` starts.
public struct SandboxStatusList: Sendable {
    /// Seconds a relying party may cache the list: short, so a change shows on the next check.
    public static let cacheSeconds = 0
    /// How long a signed list stays valid.
    public static let lifetime: TimeInterval = 3600
    /// Lists are padded with valid entries to at least this many.
    public static let minimumEntries = 1024

    /// The status signer: a certificate under the state's IACA without the document-signer EKU.
    public let signer: DocumentSignerCertificate

    /// A new status signer under `authority`'s IACA, valid from a day before `now` for a year.
    public init(authority: IssuingAuthority, now: Date) throws {
        var template = authority.iaca.documentSignerTemplate(
            commonName: "\(authority.region.nameEN) Sandbox Status Signer", notBefore: now.addingTimeInterval(-86_400),
            notAfter: now.addingTimeInterval(365 * 86_400))
        template.extendedKeyUsages = []  // a status signer, not a document signer
        signer = try authority.iaca.issueDocumentSigner(
            template, key: SigningKey(generating: authority.documentSigner.signingKey.algorithm))
    }

    /// The status-list value of each index: a licence's current index carries its status, retired indexes
    /// (credentials replaced by a re-issue) read superseded, unused indexes valid.
    public static func values(of licences: [SandboxState.Licence]) throws -> [UInt8] {
        let highest = licences.flatMap { [$0.statusIndex] + ($0.retiredIndexes ?? []) }.max() ?? 0
        // A state file edited by hand could name any index: refuse rather than allocate for it.
        guard highest < 1 << 20 else { throw SandboxStateError("a status index in sandbox.json is beyond 2^20") }
        var values = [UInt8](repeating: 0, count: max(minimumEntries, Int(highest) + 1))
        for licence in licences {
            for retired in licence.retiredIndexes ?? [] { values[Int(retired)] = 3 }
            values[Int(licence.statusIndex)] = value(of: licence.status)
        }
        return values
    }

    /// `valid` 0, `invalid` 1, `suspended` 2, `superseded` 3 (Token Status List values).
    public static func value(of status: String) -> UInt8 {
        switch status {
        case "valid": return 0
        case "suspended": return 2
        case "superseded": return 3
        default: return 1  // invalid, or anything unknown: fail closed
        }
    }

    /// The signed token for `licences`, naming `subject` (the list's URI).
    public func token(_ licences: [SandboxState.Licence], subject: String, now: Date) throws -> [UInt8] {
        let list = try StatusList(bits: 2, values: try Self.values(of: licences))
        let algorithm: COSEAlgorithm = signer.signingKey.algorithm == .ed25519 ? .edDSA : .es256
        return try StatusListToken.sign(
            list: list, subject: subject, issuedAt: now, expiresAt: now.addingTimeInterval(Self.lifetime),
            timeToLive: TimeInterval(Self.cacheSeconds), algorithm: algorithm, x5chain: signer.x5chain
        ) { try signer.signingKey.signature(for: $0) }
    }
}
