import MDLCBOR
import Testing

/// Maps larger than the decoder's linear duplicate check (16 entries), where unsigned keys and other keys are
/// tracked in separate sets, and the reusable value array of `decodeMap(_:knownTextKeys:into:)`.
struct LargeMapTests {
    /// A definite-length map of `keys`, each with the value 0 (keys are encoded items).
    private func map(_ keys: [[UInt8]]) -> [UInt8] {
        var out: [UInt8] = [0xb8, UInt8(keys.count)]
        for key in keys { out += key + [0x00] }
        return out
    }

    private func unsigned(_ n: UInt8) -> [UInt8] { n < 24 ? [n] : [0x18, n] }

    @Test(arguments: [(3, 20), (18, 20), (0, 25), (17, 17)])
    func aRepeatedUnsignedKeyIsRefusedAnywhereInALargeMap(first: Int, second: Int) {
        var keys = (0..<30).map { unsigned(UInt8($0)) }
        keys[second] = keys[first]
        #expect(decodeError(map(keys)) == (first == second ? nil : .duplicateKey))
    }

    @Test func aRepeatedTextKeyAmongUnsignedKeysIsRefused() {
        var keys = (0..<20).map { unsigned(UInt8($0)) }
        keys[5] = [0x61, 0x61]  // "a"
        keys[19] = [0x61, 0x61]
        #expect(decodeError(map(keys)) == .duplicateKey)
    }

    @Test func keysEqualOnlyInValueAcrossKindsAreDistinct() throws {
        // 1, 1.0, "1" and the byte string 0x01 are four different keys, also past the linear check.
        var keys = (0..<20).map { unsigned(UInt8($0 + 2)) }
        keys[16] = [0x01]
        keys[17] = [0xf9, 0x3c, 0x00]
        keys[18] = [0x61, 0x31]
        keys[19] = [0x41, 0x01]
        let decoded = try CBORDecoder().decode(map(keys)).map
        #expect(decoded?.count == 20)
        // A non-minimal head for an unsigned key already seen is the same key.
        keys[19] = [0x18, 0x01]
        #expect(decodeError(map(keys)) == .duplicateKey)
    }

    @Test func theReusedValueArrayGivesWhatTheArrayFormGives() throws {
        let keys: [StaticString] = ["digestID", "random", "elementIdentifier", "elementValue"]
        let first = EmbeddedCBOR(
            .map(["digestID": 1, "random": .bytes([1]), "elementIdentifier": "a", "elementValue": 5]))
        let second = EmbeddedCBOR(.map(["digestID": 2, "random": .bytes([2])]))
        let refused = EmbeddedCBOR(.map(["digestID": 3, "other": 1]))
        var values: [CBOR?] = []
        #expect(CBORDecoder().decodeMap(first, knownTextKeys: keys, into: &values))
        #expect(values == (try #require(CBORDecoder().decodeMap(first, knownTextKeys: keys))))
        // Slots the second map lacks are reset, not left from the first.
        #expect(CBORDecoder().decodeMap(second, knownTextKeys: keys, into: &values))
        #expect(values == [2, .bytes([2]), nil, nil])
        #expect(!CBORDecoder().decodeMap(refused, knownTextKeys: keys, into: &values))
        #expect(CBORDecoder().decodeMap(refused, knownTextKeys: keys) == nil)
    }
}
