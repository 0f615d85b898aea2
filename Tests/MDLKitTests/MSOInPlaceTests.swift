import Foundation
import MDLCBOR
import MDLCOSE
import Testing

@testable import MDLVerifier

/// The MSO read in place from its `MobileSecurityObjectBytes` (digests kept as places in the received bytes) is the
/// MSO the general decoder reads, and an MSO the in-place reader does not handle gets the general decoder's answer:
/// the same MSO or the same error (issue 16).
struct MSOInPlaceTests {
    let key = COSEKey(keyType: .okp, curve: .ed25519, x: [UInt8](repeating: 7, count: 32), y: nil)

    /// An MSO map with `valueDigests` written as `digestsHex` (raw CBOR), `validityInfo` as `validity` (raw CBOR)
    /// when given, and `extra` entries after the others.
    func mso(digestsHex: String?, validity: [UInt8]? = nil, extra: [(String, CBOR)] = []) throws -> EmbeddedCBOR {
        let start = try #require(TDate(rfc3339: "2026-01-01T00:00:00Z"))
        let end = try #require(TDate(rfc3339: "2027-01-01T00:00:00Z"))
        var entries: [(String, [UInt8])] = [
            ("version", CBOREncoder.encode("1.0")), ("digestAlgorithm", CBOREncoder.encode("SHA-256")),
            ("deviceKeyInfo", CBOREncoder.encode(.map(["deviceKey": key.cbor]))),
            ("docType", CBOREncoder.encode("org.iso.18013.5.1.mDL")),
            ("validityInfo", CBOREncoder.encode(.map([
                "signed": .tagged(0, .text(start.description)), "validFrom": .tagged(0, .text(start.description)),
                "validUntil": .tagged(0, .text(end.description)),
            ]))),
        ]
        if let digestsHex { entries.insert(("valueDigests", hex(digestsHex)), at: 2) }
        if let validity, let index = entries.firstIndex(where: { $0.0 == "validityInfo" }) { entries[index].1 = validity }
        for (name, value) in extra { entries.append((name, CBOREncoder.encode(value))) }
        var content: [UInt8] = [0xa0 + UInt8(entries.count)]
        for (name, value) in entries { content += CBOREncoder.encode(.text(name)) + value }
        return EmbeddedCBOR(content: content)
    }

    func hex(_ text: String) -> [UInt8] {
        var result: [UInt8] = []
        var index = text.startIndex
        while index < text.endIndex {
            let next = text.index(index, offsetBy: 2)
            result.append(UInt8(text[index..<next], radix: 16)!)
            index = next
        }
        return result
    }

    /// Both readings: in place, and through the general decoder.
    func bothReadings(_ embedded: EmbeddedCBOR, _ decoder: CBORDecoder = CBORDecoder()) -> (Result<MobileSecurityObject, MDLError>, Result<MobileSecurityObject, MDLError>) {
        let inPlace = Result<MobileSecurityObject, MDLError> { () throws(MDLError) in try MobileSecurityObject(embedded: embedded, decoder: decoder) }
        let general = Result<MobileSecurityObject, MDLError> { () throws(MDLError) in
            try MobileSecurityObject(try embedded.decodedStructure(decoder, what: "MobileSecurityObject"))
        }
        return (inPlace, general)
    }

    func expectSame(_ embedded: EmbeddedCBOR, _ decoder: CBORDecoder = CBORDecoder(), sourceLocation: SourceLocation = #_sourceLocation) {
        let (inPlace, general) = bothReadings(embedded, decoder)
        switch (inPlace, general) {
        case (.success(let a), .success(let b)):
            #expect(a == b, sourceLocation: sourceLocation)
            #expect(a.valueDigests == b.valueDigests, sourceLocation: sourceLocation)
        case (.failure(let a), .failure(let b)):
            #expect(a.code == b.code, sourceLocation: sourceLocation)
            #expect(a.message == b.message, sourceLocation: sourceLocation)
        default:
            Issue.record("in place \(inPlace), general \(general)", sourceLocation: sourceLocation)
        }
    }

    @Test func namespacesEqualAsStringsButNotAsBytesAreRefused() throws {
        // {"é" (NFC): {1: h'aa'}, "é" (NFD, e + U+0301): {2: h'bb'}}: distinct CBOR keys that would overwrite each
        // other's digests in a dictionary keyed by String.
        let embedded = try mso(digestsHex: "a2" + "62c3a9" + "a1" + "0141aa" + "6365cc81" + "a1" + "0241bb")
        #expect(throws: MDLError(code: .structureInvalid)) { _ = try MobileSecurityObject(embedded: embedded, decoder: CBORDecoder()) }
        expectSame(embedded)
    }

    @Test func aRegularMSOReadsTheSameInPlace() throws {
        // {"org.iso.18013.5.1": {2: h'bb', 5: h'aa'}}
        let embedded = try mso(digestsHex: "a1" + "716f72672e69736f2e31383031332e352e31" + "a2" + "0241bb" + "0541aa")
        let inPlace = try MobileSecurityObject(embedded: embedded, decoder: CBORDecoder())
        #expect(inPlace.valueDigests == ["org.iso.18013.5.1": [2: [0xbb], 5: [0xaa]]])
        expectSame(embedded)
        // The sandbox's own MSO, deterministic as issuers write it.
        let made = MobileSecurityObject(
            valueDigests: ["org.iso.18013.5.1": [0: [1, 2, 3], 1: [4]], "cn.gov.mps.edl.1": [2: [5]]], deviceKey: key,
            docType: "org.iso.18013.5.1.mDL",
            validity: .init(signed: TDate(.init(timeIntervalSince1970: 0)), validFrom: TDate(.init(timeIntervalSince1970: 0)), validUntil: TDate(.init(timeIntervalSince1970: 1e9))),
            status: .init(index: 7, uri: "https://status.example/list"))
        let madeBytes = EmbeddedCBOR(made.cbor)
        #expect(try MobileSecurityObject(embedded: madeBytes, decoder: CBORDecoder()) == made)
        expectSame(madeBytes)
    }

    @Test func irregularMSOsGetTheGeneralDecodersAnswer() throws {
        let nameSpace = "716f72672e69736f2e31383031332e352e31"
        let cases: [EmbeddedCBOR] = [
            // digestIDs out of order, and repeated (the general decoder refuses the repeat).
            try mso(digestsHex: "a1" + nameSpace + "a2" + "0541aa" + "0241bb"),
            try mso(digestsHex: "a1" + nameSpace + "a2" + "0241aa" + "0241bb"),
            // A namespace twice, an indefinite-length map, a text digest, a negative digestID, a tagged digest.
            try mso(digestsHex: "a2" + nameSpace + "a10041aa" + nameSpace + "a10141bb"),
            try mso(digestsHex: "bf" + nameSpace + "a10041aa" + "ff"),
            try mso(digestsHex: "a1" + nameSpace + "a100" + "6161"),
            try mso(digestsHex: "a1" + nameSpace + "a120" + "41aa"),
            try mso(digestsHex: "a1" + nameSpace + "a100" + "c241aa"),
            // Not a map, a namespace that is not text, valueDigests missing, an extra member, a non-preferred head.
            try mso(digestsHex: "80"),
            try mso(digestsHex: "a1" + "01" + "a10041aa"),
            try mso(digestsHex: nil),
            try mso(digestsHex: "a1" + nameSpace + "a10041aa", extra: [("vendor", 1)]),
            try mso(digestsHex: "a1" + nameSpace + "a1" + "1800" + "41aa"),
        ]
        var strict = CBORDecoder.Options()
        strict.strict = true
        var shallow = CBORDecoder.Options()
        shallow.maxDepth = 2
        for embedded in cases {
            expectSame(embedded)
            expectSame(embedded, CBORDecoder(options: strict))
            expectSame(embedded, CBORDecoder(options: shallow))
        }
    }

    /// A validityInfo map of raw `entries` (key, raw value bytes), `count` as its declared size (definite) or
    /// indefinite when `nil`.
    func validity(_ entries: [(String, [UInt8])], count: Int? = -1) -> [UInt8] {
        var bytes: [UInt8] = count == nil ? [0xbf] : [0xa0 + UInt8(count == -1 ? entries.count : count!)]
        for (key, value) in entries { bytes += CBOREncoder.encode(.text(key)) + value }
        if count == nil { bytes.append(0xff) }
        return bytes
    }

    func tdate(_ text: String, tagHead: [UInt8] = [0xc0]) -> [UInt8] { tagHead + CBOREncoder.encode(.text(text)) }

    @Test func validityInfoReadsTheSameInPlaceOrThroughTheGeneralDecoder() throws {
        let nameSpace = "a1" + "716f72672e69736f2e31383031332e352e31" + "a10041aa"
        let start = tdate("2026-01-01T00:00:00Z")
        let end = tdate("2027-01-01T00:00:00Z")
        let regular = validity([("signed", start), ("validFrom", start), ("validUntil", end)])
        let read = try MobileSecurityObject(embedded: try mso(digestsHex: nameSpace, validity: regular), decoder: CBORDecoder())
        #expect(read.validity.validUntil == TDate(rfc3339: "2027-01-01T00:00:00Z"))
        let cases: [[UInt8]] = [
            regular,
            validity([("signed", start), ("validFrom", start), ("validUntil", end), ("expectedUpdate", end)]),
            validity([("validUntil", end), ("signed", tdate("2026-01-01T00:00:00.5Z")), ("validFrom", tdate("2026-01-01T08:00:00+08:00"))]),
            // An unknown member, a missing one, a repeated one, an indefinite-length map.
            validity([("signed", start), ("validFrom", start), ("validUntil", end), ("note", CBOREncoder.encode(1))]),
            validity([("signed", start), ("validFrom", start)]),
            validity([("signed", start), ("signed", start), ("validFrom", start), ("validUntil", end)]),
            validity([("signed", start), ("validFrom", start), ("validUntil", end)], count: nil),
            // Not tag 0, untagged, not a tdate, a non-preferred tag head, a text that is not UTF-8, not a map.
            validity([("signed", tdate("2026-01-01T00:00:00Z", tagHead: [0xc1])), ("validFrom", start), ("validUntil", end)]),
            validity([("signed", CBOREncoder.encode("2026-01-01T00:00:00Z")), ("validFrom", start), ("validUntil", end)]),
            validity([("signed", tdate("yesterday")), ("validFrom", start), ("validUntil", end)]),
            validity([("signed", tdate("2026-01-01T00:00:00Z", tagHead: [0xd8, 0x00])), ("validFrom", start), ("validUntil", end)]),
            validity([("signed", [0xc0, 0x62, 0xff, 0xfe]), ("validFrom", start), ("validUntil", end)]),
            CBOREncoder.encode(.array([])),
        ]
        var strict = CBORDecoder.Options()
        strict.strict = true
        var shallow = CBORDecoder.Options()
        shallow.maxDepth = 2
        for validityBytes in cases {
            let embedded = try mso(digestsHex: nameSpace, validity: validityBytes)
            expectSame(embedded)
            expectSame(embedded, CBORDecoder(options: strict))
            expectSame(embedded, CBORDecoder(options: shallow))
        }
    }
}
