import ArgumentParser
import Foundation
import MDLCBOR
import MDLKit
import X509

/// `mdl-rp vical FILE --signer-anchor PEM`: verify a VICAL (ISO 18013-5 trust list) and show the IACAs it lists.
struct VICALCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vical",
        abstract: "Verify a VICAL trust list and print its issue and the IACAs it lists.",
        discussion: """
            FILE is the signed VICAL (COSE_Sign1; raw CBOR, hex or base64url). It must verify at --at (default now): \
            signature with the signer certificate of its x5chain, that chain to --signer-anchor, and not past its \
            nextUpdate. --held-issue-id N refuses an older list than issue N (trustListRollback). These are the \
            checks `verify --vical FILE --vical-signer-anchor PEM` makes before trusting the listed IACAs.
            Exit status: 0 verified, 1 refused (the JSON error code says why), 2 usage error or unreadable input.
            """)

    @Argument(help: "The VICAL file.") var file: String
    @Option(help: "The anchor (PEM) the VICAL signer must chain to; a file may hold several.") var signerAnchor: String
    @Option(help: "Verification time, RFC 3339 (default: now).") var at: String?
    @Option(help: "The issue ID of the list already held; an older list is refused.") var heldIssueID: UInt64?
    @Flag(help: "Print the result as JSON.") var json = false

    func run() async throws {
        let bytes = try InputBytes.read(file)
        let signers = try PEMFiles.anchors(signerAnchor).map(\.certificate)
        let time = try at.map { text -> Date in
            guard let parsed = TDate(rfc3339: text) else { throw InputError("--at must be RFC 3339, e.g. 2025-11-18T20:00:00Z") }
            return parsed.date
        } ?? Date()
        let verified: VerifiedVICAL
        do {
            verified = try await Self.verify(bytes, signers: signers, at: time, heldIssueID: heldIssueID)
        } catch {
            VerificationReport(json: json).failure(error)
            throw ExitCode(1)
        }
        show(verified)
    }

    /// The checks of `VICALVerifier.verify(_:at:holding:)`, with the held list known by its issue ID only.
    static func verify(_ bytes: [UInt8], signers: [Certificate], at time: Date, heldIssueID: UInt64?) async throws(MDLError)
        -> VerifiedVICAL
    {
        let verifier = VICALVerifier(signerAnchors: signers)
        let verified = try await verifier.verifySignature(bytes, chainValidationTime: time)
        if let heldIssueID, verified.vical.issueID < heldIssueID {
            throw MDLError(
                code: .trustListRollback,
                message: "VICAL #\(verified.vical.issueID) is older than the held #\(heldIssueID)")
        }
        try verifier.checkFreshness(verified.vical, at: time)
        return verified
    }

    private func show(_ verified: VerifiedVICAL) {
        let list = verified.vical
        let entries = zip(list.certificateInfos, verified.entryAnchors).map { info, anchor in Self.entry(info, anchor: anchor) }
        if json {
            JSONOutput.print(.object([
                "verified": .bool(true), "provider": .string(list.provider), "version": .string(list.version),
                "issueID": .integer(Int64(clamping: list.issueID)), "date": .string(TDate.format(list.date)),
                "nextUpdate": list.nextUpdate.map { .string(TDate.format($0)) } ?? .null,
                "signerChain": .array(verified.signerChain.map { .string($0.subject.description) }),
                "iacas": .array(entries),
            ]))
            return
        }
        print(Terminal.green("✔ verified") + " \(list.provider) VICAL #\(list.issueID) of \(TDate.format(list.date))"
            + (list.nextUpdate.map { ", next update \(TDate.format($0))" } ?? ""))
        print("  signer chain: \(verified.signerChain.map(\.subject.description).joined(separator: " → "))")
        print("  \(list.certificateInfos.count) IACAs:")
        var table = TextTable(header: ["country", "state", "issuing authority", "docTypes", "valid until"])
        for (info, anchor) in zip(list.certificateInfos, verified.entryAnchors) {
            table.add([
                info.issuingCountry ?? "-", info.stateOrProvinceName ?? "-", info.issuingAuthority ?? "-",
                info.docTypes.joined(separator: ", "), Self.validity(info, anchor: anchor).notAfter.map(TDate.format) ?? "-",
            ])
        }
        for line in table.lines() { print("  " + line) }
    }

    /// The validity of a listed IACA: its certificate's (what chains are checked against), else the list's copy
    /// (AAMVA's list writes some notAfter times on a 12-hour clock).
    static func validity(_ info: VICAL.CertificateInfo, anchor: TrustAnchor?) -> (notBefore: Date?, notAfter: Date?) {
        guard let certificate = anchor?.certificate else { return (info.notBefore, info.notAfter) }
        return (certificate.notValidBefore, certificate.notValidAfter)
    }

    /// One listed IACA; `usable` is false when its certificate does not parse as X.509 (it is then not trusted).
    static func entry(_ info: VICAL.CertificateInfo, anchor: TrustAnchor?) -> JSONValue {
        let validity = validity(info, anchor: anchor)
        return .object([
            "country": info.issuingCountry.map(JSONValue.string) ?? .null,
            "state": info.stateOrProvinceName.map(JSONValue.string) ?? .null,
            "issuingAuthority": info.issuingAuthority.map(JSONValue.string) ?? .null,
            "docTypes": .array(info.docTypes.map(JSONValue.string)),
            "subject": anchor.map { .string($0.certificate.subject.description) } ?? .null,
            "notBefore": validity.notBefore.map { .string(TDate.format($0)) } ?? .null,
            "notAfter": validity.notAfter.map { .string(TDate.format($0)) } ?? .null,
            "retiredAt": info.retiredAt.map { .string(TDate.format($0)) } ?? .null,
            "usable": .bool(anchor != nil),
        ])
    }
}
