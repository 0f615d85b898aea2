import MDLCBOR
import Testing

/// `decodeMap(_:knownTextKeys:)` answers only when `decode` would give the same map, and `EmbeddedCBOR` keeps its
/// content exactly as received whether the byte string was definite or chunked.
struct KnownKeysTests {
    let keys: [StaticString] = ["digestID", "random", "elementIdentifier", "elementValue"]

    /// The four members in `decode`'s map, in `keys` order.
    func generic(_ input: [UInt8], _ options: CBORDecoder.Options = .init()) -> [CBOR?]? {
        guard let map = (try? CBORDecoder(options: options).decode(input))?.map else { return nil }
        return ["digestID", "random", "elementIdentifier", "elementValue"].map { map[$0] }
    }

    @Test func theUsualItemGivesTheSameValuesAsTheGeneralDecoder() throws {
        let item: CBOR = .map([
            "random": .bytes([1, 2, 3]), "digestID": 7, "elementValue": .tagged(1004, "2024-01-02"),
            "elementIdentifier": "issue_date",
        ])
        let encoded = CBOREncoder.encode(item)
        let fast = try #require(CBORDecoder().decodeMap(encoded, knownTextKeys: keys))
        #expect(fast == (try #require(generic(encoded))))
        #expect(fast[0] == 7)
        #expect(fast[3] == .tagged(1004, "2024-01-02"))
        // Read in place from an embedded item as well.
        let embedded = EmbeddedCBOR(item)
        #expect(CBORDecoder().decodeMap(embedded, knownTextKeys: keys) == fast)
    }

    @Test func aMissingMemberIsNilAndTheOthersAreRead() throws {
        let encoded = CBOREncoder.encode(.map(["digestID": 1, "random": .bytes([9])]))
        let fast = try #require(CBORDecoder().decodeMap(encoded, knownTextKeys: keys))
        #expect(fast == [1, .bytes([9]), nil, nil])
    }

    @Test(arguments: [
        // An unknown member.
        "a3686469676573744944016672616e646f6d4109657874726101",
        // The same member twice: the general decoder refuses it as a duplicate key.
        "a2686469676573744944016864696765737449440a",
        // An indefinite-length map, and an indefinite-length key.
        "bf686469676573744944" + "01ff",
        "a17f686469676573744944ff01",
        // Trailing bytes, truncation, not a map, an integer key.
        "a168646967657374494401" + "00",
        "a2686469676573744944",
        "8101",
        "a10101",
    ])
    func anythingIrregularIsLeftToTheGeneralDecoder(hex: String) {
        #expect(CBORDecoder().decodeMap(bytes(hex), knownTextKeys: keys) == nil)
    }

    @Test func strictModeLeavesNonPreferredHeadsToTheGeneralDecoder() {
        // {"digestID": 1} with the map count in a one-byte argument (b8 01): lenient accepts, strict refuses.
        let input = bytes("b80168646967657374494401")
        #expect(CBORDecoder().decodeMap(input, knownTextKeys: keys)?[0] == 1)
        #expect(CBORDecoder(options: strictOptions).decodeMap(input, knownTextKeys: keys) == nil)
        #expect(decodeError(input, strictOptions) == .nonPreferredEncoding)
    }

    @Test func limitsStillApply() {
        let input = CBOREncoder.encode(.map(["random": .bytes([UInt8](repeating: 7, count: 64))]))
        var options = CBORDecoder.Options()
        options.maxStringBytes = 32
        #expect(CBORDecoder(options: options).decodeMap(input, knownTextKeys: keys) == nil)
        #expect(decodeError(input, options) == .lengthExceeded)
        options = CBORDecoder.Options()
        options.maxDepth = 0
        #expect(CBORDecoder(options: options).decodeMap(input, knownTextKeys: keys) == nil)
    }

    @Test func embeddedContentIsKeptAsReceivedForDefiniteAndChunkedStrings() throws {
        // 24(h'a0'), with a definite byte string and with a chunked one (5f 41 a0 ff).
        let definite = try #require(try CBORDecoder().decode(bytes("d81841a0")).embedded)
        let chunked = try #require(try CBORDecoder().decode(bytes("d8185f41a0ff")).embedded)
        #expect(definite.encoded == bytes("d81841a0"))
        #expect(chunked.encoded == bytes("d8185f41a0ff"))
        #expect(definite.content == [0xa0])
        #expect(chunked.content == [0xa0])
        #expect(Array(chunked.contentBytes) == [0xa0])
        #expect(definite == chunked)
        #expect(definite.hashValue == chunked.hashValue)
        #expect(try chunked.decoded() == .map([:]))
        #expect(CBORDecoder().decodeMap(chunked, knownTextKeys: keys) == [nil, nil, nil, nil])
        #expect(EmbeddedCBOR(content: [0xa0]).encoded == bytes("d81841a0"))
    }
}
