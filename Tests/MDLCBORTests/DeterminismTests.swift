import MDLCBOR
import Testing

/// The writer is deterministic (RFC 8949 §4.2.1) and tag 24 keeps received bytes.
struct DeterminismTests {
    @Test func mapKeysAreSortedBytewiseOnTheirEncodings() throws {
        // RFC 8949 §4.2.1's example order: 10, 100, -1, "z", "aa", [100], [-1], false.
        let ordered: [CBOR] = [10, 100, -1, "z", "aa", [100], [-1], false]
        var map = CBORMap()
        for (index, key) in ordered.enumerated().reversed() { map[key] = .unsigned(UInt64(index)) }
        #expect(map.keys == ordered.reversed())
        let encoded = CBOREncoder.encode(.map(map))
        #expect(Hex.encode(encoded) == "a8" + "0a00" + "186401" + "2002" + "617a03" + "62616104" + "81186405" + "812006" + "f407")
        let decoded = try CBORDecoder(options: strictOptions).decode(encoded)
        #expect(decoded.map?.keys == ordered)
        #expect(decoded == .map(map))
    }

    @Test func insertionOrderDoesNotChangeTheEncoding() {
        let keys: [CBOR] = ["b", "a", 1, -1, .bytes([0]), [1, 2], .tagged(1, 0), .float(1.5), nil, true, "aa"]
        var forward = CBORMap()
        var backward = CBORMap()
        for key in keys { forward[key] = key }
        for key in keys.reversed() { backward[key] = key }
        #expect(CBOREncoder.encode(.map(forward)) == CBOREncoder.encode(.map(backward)))
    }

    static let integers: [(CBOR, String)] = [
        (0, "00"), (23, "17"), (24, "1818"), (255, "18ff"), (256, "190100"), (65_535, "19ffff"),
        (65_536, "1a00010000"), (4_294_967_295, "1affffffff"), (4_294_967_296, "1b0000000100000000"),
        (-1, "20"), (-24, "37"), (-25, "3818"), (-256, "38ff"), (-257, "390100"), (.negative(.max), "3bffffffffffffffff"),
    ]

    @Test(arguments: integers)
    func integersUseTheShortestHead(_ item: CBOR, _ hex: String) throws {
        #expect(Hex.encode(CBOREncoder.encode(item)) == hex)
        #expect(try CBORDecoder(options: strictOptions).decode(bytes(hex)) == item)
    }

    static let floats: [(Double, String)] = [
        (0.0, "f90000"), (-0.0, "f98000"), (1.0, "f93c00"), (-4.0, "f9c400"), (65_504, "f97bff"),
        (65_520, "fa477ff000"), (100_000, "fa47c35000"), (1.1, "fb3ff199999999999a"), (1.0 / 3, "fb3fd5555555555555"),
        (0x1p-24, "f90001"), (3 * 0x1p-24, "f90003"), (0x1p-14, "f90400"), (0x1.8p-14, "f90600"),
        (0x1p-25, "fa33000000"), (0.5 + 0x1p-11, "f93801"), (0.5 + 0x1p-12, "fa3f001000"),
        (Double(Float.greatestFiniteMagnitude), "fa7f7fffff"), (Double(Float.leastNonzeroMagnitude), "fa00000001"),
        (Double.leastNonzeroMagnitude, "fb0000000000000001"), (1.0e300, "fb7e37e43c8800759c"),
        (.infinity, "f97c00"), (-.infinity, "f9fc00"), (.nan, "f97e00"), (-Double.nan, "f97e00"),
    ]

    @Test(arguments: floats)
    func floatsUseTheShortestFormThatKeepsTheirValue(_ value: Double, _ hex: String) throws {
        #expect(Hex.encode(CBOREncoder.encode(.float(value))) == hex)
        guard case .float(let decoded) = try CBORDecoder().decode(bytes(hex)) else {
            Issue.record("\(hex) did not decode to a float")
            return
        }
        if value.isNaN {
            #expect(decoded.isNaN)
        } else {
            #expect(decoded.bitPattern == value.bitPattern)
        }
    }

    @Test func embeddedItemsKeepTheReceivedBytesAndReEncodePreferred() throws {
        let received = bytes("d818590001f6")
        let item = try CBORDecoder().decode(received)
        let embedded = try #require(item.embedded)
        #expect(embedded.encoded == received)
        #expect(embedded.content == [0xf6])
        #expect(try embedded.decoded() == .null)
        #expect(Hex.encode(CBOREncoder.encode(item)) == "d81841f6")
        #expect(embedded == EmbeddedCBOR(.null))
        #expect(EmbeddedCBOR(.null).encoded == bytes("d81841f6"))
    }

    @Test func embeddedItemsInsideContainersKeepTheirBytes() throws {
        // [24(<<{1: 2}>>), "x"] with a 2-byte length head and a non-preferred inner map head
        let received = bytes("82" + "d818590005" + "b900010102" + "6178")
        let item = try CBORDecoder().decode(received)
        let embedded = try #require(item.array?.first?.embedded)
        #expect(Hex.encode(embedded.encoded) == "d818590005b900010102")
        #expect(try embedded.decoded() == .map([1: 2]))
        #expect(decodeError(embedded.content, strictOptions) == .nonPreferredEncoding)
        // The outer heads become preferred; the embedded content is kept as received.
        #expect(Hex.encode(CBOREncoder.encode(item)) == "82d81845b9000101026178")
    }

    @Test func embeddedContentIsKeptEvenWhenItIsNotCBOR() throws {
        let item = try CBORDecoder().decode(bytes("d81842ffff"))
        let embedded = try #require(item.embedded)
        #expect(embedded.content == [0xff, 0xff])
        #expect(throws: CBORError.self) { try embedded.decoded() }
        #expect(CBORDiagnostic.format(item) == "24(h'ffff')")
    }

    @Test func theWriterCopiesReceivedBytesVerbatim() throws {
        let received = try #require(try CBORDecoder().decode(bytes("d818590001f6")).embedded)
        var writer = CBORWriter()
        writer.writeHead(major: 4, argument: 2)
        writer.writeRaw(received.encoded)
        writer.write(.text("x"))
        #expect(Hex.encode(writer.bytes) == "82d818590001f66178")
        #expect(try CBORDecoder().decode(writer.bytes).array?.first?.embedded?.encoded == received.encoded)
    }

    @Test func writeHeadUsesTheShortestArgument() {
        var writer = CBORWriter()
        for argument: UInt64 in [0, 23, 24, 255, 256, 65_535, 65_536, 0xffff_ffff, 0x1_0000_0000] {
            writer.writeHead(major: 6, argument: argument)
        }
        #expect(Hex.encode(writer.bytes) == "c0d7d818d8ffd90100d9ffffda00010000daffffffffdb0000000100000000")
    }
}
