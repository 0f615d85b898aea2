import MDLCBOR
import Testing

/// `decodeMap(_:knownTextKeys:into:locatingBytesAt:range:)` answers as the copying form does, with the located byte
/// string's content range in the embedded item's bytes instead of a copy.
struct LocatedBytesTests {
    let keys: [StaticString] = ["digestID", "random", "elementIdentifier", "elementValue"]

    func located(
        _ embedded: EmbeddedCBOR, _ decoder: CBORDecoder = CBORDecoder()
    ) -> (values: [CBOR?], range: Range<Int>?)? {
        var values: [CBOR?] = []
        var range: Range<Int>?
        guard decoder.decodeMap(embedded, knownTextKeys: keys, into: &values, locatingBytesAt: 1, range: &range)
        else { return nil }
        return (values, range)
    }

    @Test func aDefiniteByteStringIsLocatedInTheReceivedBytes() throws {
        let salt: [UInt8] = (0..<24).map { UInt8($0 * 7 & 0xff) }
        let embedded = EmbeddedCBOR(.map(["digestID": 3, "random": .bytes(salt), "elementIdentifier": "age_over_18"]))
        let answer = try #require(located(embedded))
        let range = try #require(answer.range)
        #expect(Array(embedded.encoded[range]) == salt)
        #expect(answer.values[1] == .bytes([]))
        let copied = try #require(CBORDecoder().decodeMap(embedded, knownTextKeys: keys))
        #expect(answer.values[0] == copied[0])
        #expect(answer.values[2] == copied[2])
        #expect(copied[1] == .bytes(salt))
    }

    @Test func anyOtherValueIsReadAsUsual() throws {
        let embedded = EmbeddedCBOR(.map(["digestID": 3, "random": "not bytes"]))
        let answer = try #require(located(embedded))
        #expect(answer.range == nil)
        #expect(answer.values[1] == "not bytes")
        // A chunked salt (5f 41 01 41 02 ff) is copied, as the general decoder would.
        let chunked = EmbeddedCBOR(content: bytes("a1" + "6672616e646f6d" + "5f41014102ff"))
        let chunkedAnswer = try #require(located(chunked))
        #expect(chunkedAnswer.range == nil)
        #expect(chunkedAnswer.values[1] == .bytes([1, 2]))
    }

    @Test func refusalsAndLimitsAreThoseOfTheCopyingForm() {
        // A repeated "random", a truncated salt, and a salt over the string limit.
        let repeated = EmbeddedCBOR(content: bytes("a2" + "6672616e646f6d4101" + "6672616e646f6d4102"))
        let truncated = EmbeddedCBOR(content: bytes("a1" + "6672616e646f6d4301"))
        let long = EmbeddedCBOR(.map(["random": .bytes([UInt8](repeating: 9, count: 64))]))
        var options = CBORDecoder.Options()
        options.maxStringBytes = 32
        #expect(located(repeated) == nil)
        #expect(located(truncated) == nil)
        #expect(located(long, CBORDecoder(options: options)) == nil)
        #expect(located(long) != nil)
        // Strict: a non-preferred salt head (58 01 instead of 41) is refused by the fast path, as by decode.
        let nonPreferred = EmbeddedCBOR(content: bytes("a1" + "6672616e646f6d" + "580101"))
        let last = nonPreferred.encoded.count - 1
        #expect(located(nonPreferred)?.range == last..<last + 1)
        #expect(located(nonPreferred, CBORDecoder(options: strictOptions)) == nil)
    }
}
