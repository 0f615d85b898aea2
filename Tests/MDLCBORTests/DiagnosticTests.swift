import MDLCBOR
import Testing

struct DiagnosticTests {
    @Test func escapesTextAndShortensLongBytes() {
        #expect(CBORDiagnostic.format(.text("a\"b\\c\nd\u{1}")) == "\"a\\\"b\\\\c\\nd\\u0001\"")
        #expect(CBORDiagnostic.format(.bytes([1, 2, 3, 4, 5]), maxBytesShown: 2) == "h'0102…' /5 bytes/")
        #expect(CBORDiagnostic.format(.bytes([1, 2]), maxBytesShown: 2) == "h'0102'")
        #expect(CBORDiagnostic.format(.simple(7)) == "simple(7)")
        #expect(CBORDiagnostic.format(.tagged(1004, "2024-03-01")) == "1004(\"2024-03-01\")")
    }

    @Test func indentsNestedContainers() {
        let item: CBOR = .map(["a": [1, 2], "b": .map([:])])
        #expect(CBORDiagnostic.format(item, indent: "  ") == "{\n  \"a\": [\n    1,\n    2\n  ],\n  \"b\": {}\n}")
        #expect(CBORDiagnostic.format(item) == "{\"a\": [1, 2], \"b\": {}}")
    }

    @Test func showsEmbeddedItemsDecoded() {
        let item: CBOR = [.embedded(EmbeddedCBOR(["x", .embedded(EmbeddedCBOR(1))]))]
        #expect(CBORDiagnostic.format(item) == "[24(<<[\"x\", 24(<<1>>)]>>)]")
    }

    @Test func aHostileChainOfEmbeddedItemsIsShownWithoutExhaustingTheStack() throws {
        // 24(<<24(<<24(<< … null … >>)>>)>>) nested 100,000 times: about 500 KB, well under the input limit.
        // Sizes from the inside out, then heads from the outside in (linear, no re-copying).
        var sizes = [1]
        for _ in 0..<100_000 {
            var head = CBORWriter()
            head.writeHead(major: 6, argument: 24)
            head.writeHead(major: 2, argument: UInt64(sizes[sizes.count - 1]))
            sizes.append(head.bytes.count + sizes[sizes.count - 1])
        }
        var writer = CBORWriter()
        for size in sizes.dropLast().reversed() {
            writer.writeHead(major: 6, argument: 24)
            writer.writeHead(major: 2, argument: UInt64(size))
        }
        writer.writeRaw([0xf6])
        let encoded = writer.bytes
        #expect(encoded.count == sizes[sizes.count - 1])
        let item = try CBORDecoder().decode(encoded)
        let text = CBORDiagnostic.format(item, maxBytesShown: 8)
        #expect(text.hasPrefix(String(repeating: "24(<<", count: 10)))
        #expect(text.count < 2_000)
    }

    @Test(arguments: [
        (1.0, "1.0"), (-0.0, "-0.0"), (1.5, "1.5"), (100_000, "100000.0"), (1.0e300, "1.0e+300"), (1.0e-300, "1.0e-300"),
        (0x1p-24, "5.960464477539063e-8"), (3.4028234663852886e+38, "3.4028234663852886e+38"), (1e16, "1.0e+16"),
        (-2.5e-10, "-2.5e-10"), (.infinity, "Infinity"), (-.infinity, "-Infinity"), (.nan, "NaN"),
    ])
    func floatsAreWrittenLikeTheRFC(_ value: Double, _ expected: String) {
        #expect(CBORDiagnostic.format(.float(value)) == expected)
    }
}

struct CBORValueTests {
    @Test func mapsKeepOrderReplaceAndRemove() {
        var map: CBORMap = ["b": 1, "a": 2]
        map["b"] = 3
        map[.int(7)] = "seven"
        #expect(map.keys == ["b", "a", 7])
        #expect(map["b"] == 3)
        map["a"] = nil
        #expect(map.count == 2)
        #expect(CBORMap([.init(key: 1, value: 1), .init(key: 1, value: 2)]).entries == [.init(key: 1, value: 2)])
        #expect(Array(map).map(\.key) == ["b", 7])
    }

    @Test func accessorsReadTheirCases() throws {
        let item = try CBORDecoder().decode(
            CBOREncoder.encode(.map(["n": -5, "t": "x", "b": .bytes([1]), "a": [true], "z": nil, 1: 2, -1: 3])))
        #expect(item["n"]?.int == -5)
        #expect(item["n"]?.int64 == -5)
        #expect(item["t"]?.text == "x")
        #expect(item["b"]?.bytes == [1])
        #expect(item["a"]?.array?.first?.bool == true)
        #expect(item["z"]?.isNull == true)
        #expect(item[Int64(1)] == 2)
        #expect(item[Int64(-1)] == 3)
        #expect(item["missing"] == nil)
        #expect(item["t"]?.int == nil && item["n"]?.text == nil && item.array == nil)
        #expect(CBOR.unsigned(.max).int64 == nil)
    }

    @Test func equalityFollowsTheCBORDataModel() {
        #expect(CBOR.float(.nan) == .float(.nan))
        #expect(Set<CBOR>([.float(.nan), .float(-.nan), .float(.nan)]).count == 1)
        #expect(CBOR.float(0.0) != .float(-0.0))
        #expect(CBOR.text("\u{e9}") != .text("e\u{301}"))
        #expect(Set<CBOR>([.text("\u{e9}"), .text("e\u{301}")]).count == 2)
        #expect(CBOR.unsigned(1) != .float(1))
        #expect(CBOR.embedded(EmbeddedCBOR(content: [1])) != .tagged(24, .bytes([1])))
        let forward: CBORMap = [1: 1, 2: [3]]
        let backward: CBORMap = [2: [3], 1: 1]
        #expect(forward == backward && forward.hashValue == backward.hashValue)
        #expect(forward != [1: 1, 2: [4]] && forward != [1: 1] && forward != [1: 1, 3: [3]])
        #expect(Set<CBOR>([.map(forward), .map(backward)]).count == 1)
    }

    @Test func errorsCompareByCodeAndDescribeThemselves() {
        let error = CBORError(.truncated, at: 7, "input ends inside an item")
        #expect(error == CBORError(.truncated, at: 0, "other"))
        #expect(error != CBORError(.trailingBytes, at: 7, "input ends inside an item"))
        #expect(error.description == "CBOR truncated at byte 7: input ends inside an item")
    }
}
