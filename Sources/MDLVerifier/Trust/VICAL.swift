import Foundation
import MDLCBOR

/// The content of a VICAL, the ISO/IEC 18013-5 (Annex C) *verified issuer certificate authority list*: the IACAs a
/// trust-list operator (AAMVA in the US, the national operator in the sandbox) vouches for.
///
/// A VICAL travels as the payload of a COSE_Sign1; ``VICALVerifier`` checks that signature and the signer's chain
/// before anything here is trusted. This type is the unverified content, plus the writer the sandbox operator uses.
///
/// ```swift
/// let verified = try await VICALVerifier(signerAnchors: [operatorRoot]).verify(bytes, at: now)
/// for info in verified.vical.certificateInfos { print(info.issuingCountry ?? "?", info.stateOrProvinceName ?? "") }
/// ```
public struct VICAL: Sendable, Hashable {
    /// The structure's version, `"1.0"`.
    public var version: String
    /// Who publishes the list, e.g. `"AAMVA"`.
    public var provider: String
    /// When the list was issued.
    public var date: Date
    /// The issue number; each publication has a larger one.
    public var issueID: UInt64
    /// When the next list is expected, if the provider says.
    public var nextUpdate: Date?
    /// The IACAs on the list.
    public var certificateInfos: [CertificateInfo]
    /// Where the list is published, if the provider says (`vicalURL`).
    public var url: String?

    /// Creates a list.
    package init(
        version: String = "1.0", provider: String, date: Date, issueID: UInt64, nextUpdate: Date?,
        certificateInfos: [CertificateInfo], url: String? = nil
    ) {
        self.version = version
        self.provider = provider
        self.date = date
        self.issueID = issueID
        self.nextUpdate = nextUpdate
        self.certificateInfos = certificateInfos
        self.url = url
    }

    /// Reads a VICAL map. Unknown members are ignored (the CDDL is extensible); missing or mistyped required members
    /// throw ``MDLError`` `structureInvalid`.
    public init(_ item: CBOR) throws(MDLError) {
        let map = try item.requireMap("VICAL")
        version = try map.requiredText("version", in: "VICAL")
        provider = try map.requiredText("vicalProvider", in: "VICAL")
        date = try VICALField.date(map.required("date", in: "VICAL"), "VICAL.date")
        guard case .unsigned(let issueID) = try map.required("vicalIssueID", in: "VICAL") else {
            throw MDLError.structure("VICAL.vicalIssueID must be an unsigned integer")
        }
        self.issueID = issueID
        nextUpdate = try map["nextUpdate"].map { value throws(MDLError) in
            try VICALField.date(value, "VICAL.nextUpdate")
        }
        let infos = try map.required("certificateInfos", in: "VICAL").requireArray("VICAL.certificateInfos")
        var parsed: [CertificateInfo] = []
        for (index, info) in infos.enumerated() {
            parsed.append(try CertificateInfo(info, path: "VICAL.certificateInfos[\(index)]"))
        }
        certificateInfos = parsed
        url = try map["vicalURL"].map { value throws(MDLError) in try VICALField.text(value, "VICAL.vicalURL") }
    }

    /// The list as a CBOR map (text keys, ISO names), for signing.
    package var cbor: CBOR {
        var entries: [CBORMap.Entry] = [
            .init(key: "version", value: .text(version)),
            .init(key: "vicalProvider", value: .text(provider)),
            .init(key: "date", value: .tdate(date)),
            .init(key: "vicalIssueID", value: .unsigned(issueID)),
        ]
        if let nextUpdate { entries.append(.init(key: "nextUpdate", value: .tdate(nextUpdate))) }
        entries.append(.init(key: "certificateInfos", value: .array(certificateInfos.map(\.cbor))))
        if let url { entries.append(.init(key: "vicalURL", value: .text(url))) }
        return .map(CBORMap(entries))
    }

    /// Whether the list still counts at `time`: not past `nextUpdate` by more than `stalenessBound` seconds.
    /// A list without `nextUpdate` never goes stale by this rule.
    package func isFresh(at time: Date, stalenessBound: TimeInterval) -> Bool {
        guard let nextUpdate else { return true }
        return time <= nextUpdate.addingTimeInterval(stalenessBound)
    }
}

/// Readers for VICAL field types, with ``MDLError`` `structureInvalid` on a wrong type.
enum VICALField {
    /// A `tdate` (tag 0, RFC 3339); tag 1 (epoch seconds) is accepted too.
    static func date(_ item: CBOR, _ path: String) throws(MDLError) -> Date {
        switch item {
        case .tagged(0, .text(let text)):
            if let parsed = TDate(rfc3339: text) { return parsed.date }
        case .tagged(1, let seconds):
            if let value = seconds.int64, let date = EpochSeconds.date(value) { return date }
            if case .float(let value) = seconds, let date = EpochSeconds.date(value) { return date }
        default:
            break
        }
        throw MDLError.structure("\(path) must be a tdate (tag 0, RFC 3339) or epoch seconds (tag 1) within years 1–9999")
    }

    static func text(_ item: CBOR, _ path: String) throws(MDLError) -> String {
        guard let text = item.text else { throw MDLError.structure("\(path) must be a text string") }
        return text
    }

    static func bytes(_ item: CBOR, _ path: String) throws(MDLError) -> [UInt8] {
        guard let bytes = item.bytes else { throw MDLError.structure("\(path) must be a byte string") }
        return bytes
    }

    /// A `biguint` (tag 2 over big-endian bytes) or a plain unsigned integer, as big-endian bytes.
    static func unsignedBytes(_ item: CBOR, _ path: String) throws(MDLError) -> [UInt8] {
        switch item {
        case .tagged(2, .bytes(let bytes)): return bytes
        case .unsigned(var value):
            var bytes: [UInt8] = []
            repeat {
                bytes.insert(UInt8(value & 0xFF), at: 0)
                value >>= 8
            } while value > 0
            return bytes
        default:
            throw MDLError.structure("\(path) must be an unsigned integer or a biguint (tag 2)")
        }
    }

    /// One text string or an array of them.
    static func texts(_ item: CBOR, _ path: String) throws(MDLError) -> [String] {
        if let text = item.text { return [text] }
        var texts: [String] = []
        for (index, element) in try item.requireArray(path).enumerated() {
            texts.append(try text(element, "\(path)[\(index)]"))
        }
        return texts
    }
}
