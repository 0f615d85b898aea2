import MDLCBOR
import Testing

/// Each way the decoder refuses input, with its own error code, in lenient and strict mode.
struct StrictnessTests {
    @Test(arguments: [
        "a201010102",  // {1: 1, 1: 2}
        "a20100180102",  // 1 as 0x01 and as 0x18 0x01
        "a2190001001b000000000000000102",  // 1 in two- and eight-byte heads
        "a2616101616102",  // {"a": 1, "a": 2}
        "a2427a7a01427a7a02",  // byte-string keys
        "a2820102018201020a",  // array keys
        "a2f97e0001fb7ff800000000000002",  // NaN twice, half and double
        "a2d818410001d8185900010002",  // embedded keys, same content, different heads
        "bf01010102ff",  // indefinite-length map
        "a101a201000101",  // duplicate inside a nested map value
        "a2a20101020200a20202010100",  // map keys {1: 1, 2: 2} and {2: 2, 1: 1}: the same map
    ])
    func duplicateKeysAreRefused(_ hex: String) {
        #expect(decodeError(bytes(hex)) == .duplicateKey)
    }

    @Test func distinctKeysThatLookAlikeAreAccepted() throws {
        // 0.0 and -0.0, "é" precomposed and decomposed, 1 and 1.0, 1 and "1": different CBOR data items.
        for hex in ["a2f9000001f9800002", "a262c3a9016365cc8102", "a20101f93c0002", "a2010161310a"] {
            let map = try CBORDecoder().decode(bytes(hex)).map
            #expect(map?.count == 2, "\(hex)")
        }
    }

    @Test func duplicateKeyErrorPointsAtTheSecondKey() {
        do {
            _ = try CBORDecoder().decode(bytes("a20100180102"))
            Issue.record("accepted a duplicate key")
        } catch {
            #expect(error.code == .duplicateKey)
            #expect(error.offset == 3)
        }
    }

    @Test func trailingBytesAreRefused() throws {
        #expect(decodeError(bytes("0100")) == .trailingBytes)
        #expect(decodeError(bytes("80ff")) == .trailingBytes)
        #expect(decodeError(bytes("f6f6"), strictOptions) == .trailingBytes)
        do {
            _ = try CBORDecoder().decode(bytes("820102030405"))
            Issue.record("accepted trailing bytes")
        } catch {
            #expect(error.offset == 3)
        }
        // decodePrefix reads one item of a stream and says where it ends.
        let prefix = try CBORDecoder().decodePrefix(bytes("8201020304"))
        #expect(prefix.item == [1, 2])
        #expect(prefix.length == 3)
    }

    /// A structure with every kind of item: each proper prefix must fail with `.truncated`.
    static let truncationSamples = [
        // {"a": [1, -500, h'0102', "üx", 1.5, 100000.0, 1.1], 1004("2024-03-01"), 24(<<null>>), 70000: {true: null}}
        CBOREncoder.encode(
            .map([
                "a": [1, -500, .bytes([1, 2]), "üx", .float(1.5), .float(100_000), .float(1.1)],
                .tagged(1004, "2024-03-01"): .embedded(EmbeddedCBOR(.null)),
                70_000: .map([true: nil]),
                .unsigned(.max): .simple(200),
            ])),
        // The same kinds with indefinite lengths and non-preferred heads.
        bytes("bf61619f0139" + "01f3" + "5f41014102ff" + "7f62c3bc6178ff" + "ff" + "d9" + "03ec7a0000000a323032342d30332d3031"
            + "d818590001f6" + "1b0000000000011170" + "b9" + "0001f5f6" + "ff"),
    ]

    @Test(arguments: truncationSamples)
    func everyPrefixIsTruncated(_ sample: [UInt8]) throws {
        _ = try CBORDecoder().decode(sample)
        for length in 0..<sample.count {
            let prefix = Array(sample.prefix(length))
            #expect(decodeError(prefix) == .truncated, "prefix of \(length) bytes")
        }
    }

    @Test(arguments: [
        "62c328",  // invalid continuation
        "62c080",  // overlong NUL
        "63eda080",  // UTF-16 surrogate
        "64f4908080",  // above U+10FFFF
        "61ff",
        "7f61c361bcff",  // "ü" split across two chunks (each chunk must be valid by itself)
        "a162c3286161",  // invalid key
    ])
    func invalidUTF8IsRefused(_ hex: String) {
        #expect(decodeError(bytes(hex)) == .invalidUTF8)
    }

    @Test func reservedAdditionalInformationIsRefusedForEveryMajorType() {
        for major: UInt8 in 0...7 {
            for info: UInt8 in 28...30 {
                let initial = major << 5 | info
                #expect(decodeError([initial, 0, 0, 0, 0, 0, 0, 0, 0]) == .reservedValue, "initial byte \(initial)")
            }
        }
        // Indefinite length is reserved for integers and tags.
        for initial: UInt8 in [0x1f, 0x3f, 0xdf] {
            #expect(decodeError([initial, 0x01, 0xff]) == .reservedValue)
        }
    }

    @Test(arguments: ["ff", "81ff", "a1ff00", "a101ff", "c1ff", "5f01ff", "5f5f4101ffff", "7f4161ff"])
    func breakOutsideAnIndefiniteItemIsRefused(_ hex: String) {
        #expect(decodeError(bytes(hex)) == .unexpectedBreak)
    }

    @Test func twoByteSimpleValuesBelow32AreRefused() throws {
        for value: UInt8 in 0..<32 {
            #expect(decodeError([0xf8, value]) == .invalidSimpleValue, "simple(\(value))")
        }
        #expect(try CBORDecoder().decode([0xf8, 32]) == .simple(32))
        #expect(try CBORDecoder().decode([0xf0]) == .simple(16))
    }

    @Test(arguments: ["d81801", "d81860", "d81880", "d818a0", "d818d81840", "d818f6", "d81820"])
    func tag24OverAnythingButBytesIsRefused(_ hex: String) {
        #expect(decodeError(bytes(hex)) == .invalidTagContent)
    }

    static let nonPreferred: [(String, CBOR)] = [
        ("1800", CBOR.unsigned(0)), ("1817", 23), ("190018", 24), ("1900ff", 255), ("1a0000ffff", 65_535),
        ("1b00000000ffffffff", 4_294_967_295), ("3800", -1), ("5800", .bytes([])), ("780161", "a"), ("9800", []),
        ("b900020102030a", .map([1: 2, 3: 10])), ("d80101", .tagged(1, 1)), ("d9000101", .tagged(1, 1)),
        ("d818590001f6", .embedded(EmbeddedCBOR(content: [0xf6]))), ("82011a00000002", [1, 2]),
    ]

    @Test(arguments: nonPreferred)
    func nonPreferredHeadsAreAcceptedLenientlyAndRefusedStrictly(_ hex: String, _ value: CBOR) throws {
        #expect(try CBORDecoder().decode(bytes(hex)) == value)
        #expect(decodeError(bytes(hex), strictOptions) == .nonPreferredEncoding)
    }

    @Test(arguments: ["5fff", "7fff", "9fff", "bfff", "5f4101ff", "7f6161ff", "819f01ff", "a1019fff", "d8185f4101ff"])
    func indefiniteLengthsAreAcceptedLenientlyAndRefusedStrictly(_ hex: String) throws {
        _ = try CBORDecoder().decode(bytes(hex))
        #expect(decodeError(bytes(hex), strictOptions) == .indefiniteLength)
    }

    @Test func inputLargerThanTheLimitIsRefused() throws {
        let options = CBORDecoder.Options(maxInputBytes: 10)
        let text = CBOREncoder.encode(.text("123456789"))
        #expect(text.count == 10)
        _ = try CBORDecoder(options: options).decode(text)
        #expect(decodeError(CBOREncoder.encode(.text("1234567890")), options) == .inputTooLarge)
        #expect(decodeError([UInt8](repeating: 0, count: (16 << 20) + 1)) == .inputTooLarge)
    }

    @Test func deepNestingFailsWithDepthExceededNotAStackOverflow() {
        let depth = 100_000
        let definite = [UInt8](repeating: 0x81, count: depth) + [0x00]
        let indefinite = [UInt8](repeating: 0x9f, count: depth) + [0x00] + [UInt8](repeating: 0xff, count: depth)
        let maps = Array([[UInt8]](repeating: [0xa1, 0x00], count: depth).joined()) + [0x00]
        let tags = [UInt8](repeating: 0xc1, count: depth) + [0x00]
        for input in [definite, maps, tags] {
            #expect(decodeError(input) == .depthExceeded)
            #expect(decodeError(input, strictOptions) == .depthExceeded)
        }
        #expect(decodeError(indefinite) == .depthExceeded)
        #expect(decodeError(indefinite, strictOptions) == .indefiniteLength)
    }

    @Test func theDepthLimitIsExact() throws {
        let options = CBORDecoder.Options(maxDepth: 5)
        func nested(_ levels: Int) -> [UInt8] { [UInt8](repeating: 0x81, count: levels) + [0xf6] }
        _ = try CBORDecoder(options: options).decode(nested(5))
        #expect(decodeError(nested(6), options) == .depthExceeded)
        #expect(decodeError(nested(33)) == .depthExceeded)
        _ = try CBORDecoder().decode(nested(32))
    }

    @Test(arguments: ["5bffffffffffffffff", "7bffffffffffffffff", "5a00800001", "5f5bffffffffffffffffff"])
    func hugeDeclaredLengthsAreRefused(_ hex: String) {
        #expect(decodeError(bytes(hex)) == .lengthExceeded)
    }

    @Test func stringLengthLimitCountsIndefiniteChunksTogether() {
        let options = CBORDecoder.Options(maxStringBytes: 4)
        #expect(decodeError(bytes("5f43010203430405 06ff"), options) == .lengthExceeded)
        #expect(decodeError(bytes("4501020304 05"), options) == .lengthExceeded)
        #expect(decodeError(bytes("4401020304"), options) == nil)
        // Within the limit but longer than the input: truncated.
        #expect(decodeError(bytes("44010203")) == .truncated)
    }

    @Test(arguments: ["9bffffffffffffffff", "bbffffffffffffffff", "9a00010001", "ba00010001"])
    func hugeElementCountsAreRefused(_ hex: String) {
        #expect(decodeError(bytes(hex)) == .elementCountExceeded)
    }

    @Test func elementCountLimitAppliesToIndefiniteContainers() {
        let options = CBORDecoder.Options(maxElements: 3)
        #expect(decodeError(bytes("9f01020304ff"), options) == .elementCountExceeded)
        #expect(decodeError(bytes("bf0101020203030404ff"), options) == .elementCountExceeded)
        #expect(decodeError(bytes("9f010203ff"), options) == nil)
        #expect(decodeError(bytes("8401020304"), options) == .elementCountExceeded)
        // Within the limit but more than the input can hold: truncated.
        #expect(decodeError(bytes("83010203")) == nil)
        #expect(decodeError(bytes("830102")) == .truncated)
    }

    @Test func limitCodesAreMarkedAsLimits() {
        #expect(CBORError.Code.depthExceeded.isLimit && CBORError.Code.inputTooLarge.isLimit)
        #expect(CBORError.Code.lengthExceeded.isLimit && CBORError.Code.elementCountExceeded.isLimit)
        #expect(!CBORError.Code.duplicateKey.isLimit && !CBORError.Code.truncated.isLimit)
    }
}
