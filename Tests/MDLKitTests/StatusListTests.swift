import MDLCBOR
import MDLKit
import Testing

/// StatusList packing, lookup, compression and hostile input, on lists built in the test.
struct StatusListTests {
    /// A reproducible pseudo-random sequence of status values (SplitMix64).
    private func values(count: Int, bits: Int, seed: UInt64) -> [UInt8] {
        var state = seed
        return (0..<count).map { _ in
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return UInt8(truncatingIfNeeded: z ^ (z >> 31)) & UInt8((1 << bits) - 1)
        }
    }

    @Test func packsLeastSignificantBitFirstAsTheDraftShows() throws {
        // The draft's examples: 16 one-bit statuses and 12 two-bit statuses.
        let oneBit = try StatusList(bits: 1, values: [1, 0, 0, 1, 1, 1, 0, 1, 1, 1, 0, 0, 0, 1, 0, 1])
        #expect(oneBit.packed == [0xB9, 0xA3])
        let twoBit = try StatusList(bits: 2, values: [1, 2, 0, 3, 0, 1, 0, 1, 1, 2, 3, 3])
        #expect(twoBit.packed == [0xC9, 0x44, 0xF9])
        #expect(try twoBit.value(at: 3) == 3)
        #expect(try twoBit.status(at: 1) == .suspended)
    }

    @Test(arguments: [1, 2, 4, 8])
    func roundTripsThroughZlib(bits: Int) throws {
        let original = values(count: 10_000, bits: bits, seed: UInt64(bits))
        let published = try StatusList(bits: bits, values: original)
        let compressed = try published.compressed()
        #expect(compressed.first == 0x78)  // a zlib header (RFC 1950), not raw deflate or gzip
        let received = try StatusList(bits: bits, compressed: compressed)
        #expect(received.count == published.count)
        #expect(received.count >= original.count)
        for (index, value) in original.enumerated() {
            #expect(try received.value(at: index) == value)
        }
    }

    @Test func outOfRangeIndexesAreTypedErrors() throws {
        let list = try StatusList(bits: 4, values: [1, 2, 3])
        #expect(list.count == 4)  // two bytes hold four 4-bit entries
        #expect(throws: MDLError(code: .statusIndexOutOfRange)) { try list.value(at: 4) }
        #expect(throws: MDLError(code: .statusIndexOutOfRange)) { try list.value(at: -1) }
        #expect(throws: MDLError(code: .statusIndexOutOfRange)) { try list.status(at: Int.max) }
    }

    @Test func refusesBadBitsAndValues() {
        for bits in [0, 3, 5, 16, -1] {
            #expect(throws: MDLError(code: .statusListInvalid)) { try StatusList(bits: bits, packed: [0]) }
        }
        #expect(throws: MDLError(code: .statusListInvalid)) { try StatusList(bits: 2, values: [0, 4]) }
    }

    @Test func namesValuesAsTheRegistryDoes() {
        #expect(StatusList.Value(rawValue: 0) == .valid)
        #expect(StatusList.Value(rawValue: 1) == .invalid)
        #expect(StatusList.Value(rawValue: 2) == .suspended)
        #expect(StatusList.Value(rawValue: 3) == .applicationSpecific(3))
        #expect(StatusList.Value(rawValue: 0x0F).description == "application-15")
        #expect(StatusList.Value.applicationSpecific(12).rawValue == 12)
        #expect(StatusList.Value.suspended.description == "suspended")
    }

    @Test func boundsWhatAHostileListMayInflateTo() throws {
        let bomb = try StatusList(bits: 8, packed: [UInt8](repeating: 0, count: 4 * 1024 * 1024)).compressed()
        #expect(bomb.count < 8 * 1024)
        #expect(throws: MDLError(code: .limitExceeded)) {
            try StatusList(bits: 1, compressed: bomb, limits: .init(maxDecompressedBytes: 1024 * 1024))
        }
        let fits = try StatusList(bits: 1, compressed: bomb, limits: .init(maxDecompressedBytes: 4 * 1024 * 1024))
        #expect(fits.count == 32 * 1024 * 1024)
    }

    @Test func refusesDamagedStreams() throws {
        let good = try StatusList(bits: 2, values: values(count: 4000, bits: 2, seed: 9)).compressed()
        var badChecksum = good
        badChecksum[badChecksum.count - 1] ^= 0x01
        let damaged: [[UInt8]] = [
            [], Array(good.prefix(good.count / 2)), Array(good.dropLast()), good + [0x00], badChecksum,
            Array(good.dropFirst(2)),  // raw deflate without the zlib header
            [0x1F, 0x8B, 0x08, 0x00],  // a gzip header
        ]
        for bytes in damaged {
            #expect(throws: MDLError(code: .statusListInvalid)) { try StatusList(bits: 2, compressed: bytes) }
        }
        #expect(try StatusList(bits: 2, compressed: good).count == 4000)
    }

    @Test func readsAndWritesTheCBORStatusListMap() throws {
        let original = values(count: 300, bits: 4, seed: 4)
        let list = try StatusList(bits: 4, values: original)
        let encoded = CBOREncoder.encode(try list.cbor(aggregationURI: "https://status.example/lists"))
        let decoded = try StatusList(encodedCBOR: encoded)
        #expect(decoded.packed == list.packed)
        #expect(try decoded.value(at: 299) == original[299])

        let noList: CBOR = .map(["bits": 1])
        #expect(throws: MDLError(code: .statusListInvalid)) { try StatusList(cbor: noList) }
        let textList: CBOR = .map(["bits": 1, "lst": "eNo"])
        #expect(throws: MDLError(code: .statusListInvalid)) { try StatusList(cbor: textList) }
        #expect(throws: MDLError(code: .cborMalformed)) { try StatusList(encodedCBOR: [0xA2, 0x64]) }
    }

    /// Correctness only; the cost is measured in Benchmarks/ (package-benchmark), not with a timed test.
    @Test func tenMillionEntriesDecodeAndAnswer() throws {
        var packed = [UInt8](repeating: 0, count: 10_000_000 / 4)
        packed[2_499_999] = 0b1000_0000  // entry 9,999,999 (2 bits) is 2: suspended
        let compressed = try StatusList(bits: 2, packed: packed).compressed()
        let list = try StatusList(bits: 2, compressed: compressed)
        #expect(try list.status(at: 9_999_999) == .suspended)
        #expect(try list.status(at: 9_999_998) == .valid)
        #expect(try list.status(at: 0) == .valid)
    }
}
