import Testing

@testable import MDLCBOR

/// An embedded item beyond the reach of 32-bit offsets (an input over 4 GiB, which only raised limits admit) is kept
/// as arrays of its own instead of trapping on the offset's conversion (found by an attack run, issue 16). The limit is
/// lowered here so the fallback runs on a few bytes.
struct EmbeddedBeyondOffsetsTests {
    @Test func anItemBeyondTheOffsetLimitIsCopiedAndReadsTheSame() throws {
        // [24(<<[1, 2]>>), 0]: the item is bytes 1..<7, its content 4..<7.
        let buffer = bytes("82" + "d818" + "43" + "820102" + "00")
        let kept = EmbeddedCBOR(buffer: buffer, item: 1..<7, contentStart: 4, chunkedContent: [], maximumOffset: 4)
        let inPlace = EmbeddedCBOR(buffer: buffer, item: 1..<7, contentStart: 4, chunkedContent: [])
        #expect(kept.encoded == bytes("d818" + "43" + "820102"))
        #expect(Array(kept.encodedBytes) == kept.encoded)
        #expect(kept.content == bytes("820102"))
        #expect(try kept.decoded() == .array([1, 2]))
        #expect(kept == inPlace)
        #expect(kept.hashValue == inPlace.hashValue)
        #expect(CBORDecoder().decodeMap(kept, knownTextKeys: ["a"]) == nil)
    }
}
