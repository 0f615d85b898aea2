import MDLCBOR
import Testing

/// One example of RFC 8949 Appendix A.
struct AppendixAExample: Sendable, CustomTestStringConvertible {
    /// The encoding from the RFC.
    let hex: String
    /// The RFC's diagnostic notation when it is the only sensible rendering of the decoded value (nil where the RFC
    /// shows an alternative spelling: `\u00fc` escapes, `0.00006103515625`, indefinite-length decorations, tag 24).
    let diagnostic: String?
    /// The deterministic re-encoding when it differs from `hex` (non-preferred floats, indefinite lengths).
    let preferredHex: String?
    /// Whether the example uses an indefinite length somewhere.
    let indefinite: Bool

    init(_ hex: String, _ diagnostic: String?, preferred: String? = nil, indefinite: Bool = false) {
        self.hex = hex
        self.diagnostic = diagnostic
        self.preferredHex = preferred
        self.indefinite = indefinite
    }

    var testDescription: String { hex }
}

let oneToTwentyFive = "0102030405060708090a0b0c0d0e0f101112131415161718181819"
let oneToTwentyFiveDiagnostic = "[" + (1...25).map(String.init).joined(separator: ", ") + "]"

/// RFC 8949 Appendix A, Table 6, typed in from the RFC.
let appendixA: [AppendixAExample] = [
    // Integers.
    .init("00", "0"), .init("01", "1"), .init("0a", "10"), .init("17", "23"), .init("1818", "24"),
    .init("1819", "25"), .init("1864", "100"), .init("1903e8", "1000"), .init("1a000f4240", "1000000"),
    .init("1b000000e8d4a51000", "1000000000000"), .init("1bffffffffffffffff", "18446744073709551615"),
    .init("c249010000000000000000", "2(h'010000000000000000')"),
    .init("3bffffffffffffffff", "-18446744073709551616"),
    .init("c349010000000000000000", "3(h'010000000000000000')"),
    .init("20", "-1"), .init("29", "-10"), .init("3863", "-100"), .init("3903e7", "-1000"),
    // Floats: half, single, double.
    .init("f90000", "0.0"), .init("f98000", "-0.0"), .init("f93c00", "1.0"), .init("fb3ff199999999999a", "1.1"),
    .init("f93e00", "1.5"), .init("f97bff", "65504.0"), .init("fa47c35000", "100000.0"),
    .init("fa7f7fffff", "3.4028234663852886e+38"), .init("fb7e37e43c8800759c", "1.0e+300"),
    .init("f90001", "5.960464477539063e-8"), .init("f90400", nil), .init("f9c400", "-4.0"),
    .init("fbc010666666666666", "-4.1"), .init("f97c00", "Infinity"), .init("f97e00", "NaN"),
    .init("f9fc00", "-Infinity"),
    .init("fa7f800000", "Infinity", preferred: "f97c00"), .init("fa7fc00000", "NaN", preferred: "f97e00"),
    .init("faff800000", "-Infinity", preferred: "f9fc00"),
    .init("fb7ff0000000000000", "Infinity", preferred: "f97c00"),
    .init("fb7ff8000000000000", "NaN", preferred: "f97e00"),
    .init("fbfff0000000000000", "-Infinity", preferred: "f9fc00"),
    // Simple values.
    .init("f4", "false"), .init("f5", "true"), .init("f6", "null"), .init("f7", "undefined"),
    .init("f0", "simple(16)"), .init("f8ff", "simple(255)"),
    // Tags.
    .init("c074323031332d30332d32315432303a30343a30305a", "0(\"2013-03-21T20:04:00Z\")"),
    .init("c11a514b67b0", "1(1363896240)"), .init("c1fb41d452d9ec200000", "1(1363896240.5)"),
    .init("d74401020304", "23(h'01020304')"), .init("d818456449455446", nil),
    .init("d82076687474703a2f2f7777772e6578616d706c652e636f6d", "32(\"http://www.example.com\")"),
    // Byte and text strings.
    .init("40", "h''"), .init("4401020304", "h'01020304'"), .init("60", "\"\""), .init("6161", "\"a\""),
    .init("6449455446", "\"IETF\""), .init("62225c", "\"\\\"\\\\\""), .init("62c3bc", nil), .init("63e6b0b4", nil),
    .init("64f0908591", nil),
    // Arrays and maps.
    .init("80", "[]"), .init("83010203", "[1, 2, 3]"), .init("8301820203820405", "[1, [2, 3], [4, 5]]"),
    .init("98190102030405060708090a0b0c0d0e0f101112131415161718181819", oneToTwentyFiveDiagnostic),
    .init("a0", "{}"), .init("a201020304", "{1: 2, 3: 4}"),
    .init("a26161016162820203", "{\"a\": 1, \"b\": [2, 3]}"), .init("826161a161626163", "[\"a\", {\"b\": \"c\"}]"),
    .init(
        "a56161614161626142616361436164614461656145",
        "{\"a\": \"A\", \"b\": \"B\", \"c\": \"C\", \"d\": \"D\", \"e\": \"E\"}"),
    // Indefinite lengths.
    .init("5f42010243030405ff", nil, preferred: "450102030405", indefinite: true),
    .init("7f657374726561646d696e67ff", nil, preferred: "6973747265616d696e67", indefinite: true),
    .init("9fff", nil, preferred: "80", indefinite: true),
    .init("9f018202039f0405ffff", nil, preferred: "8301820203820405", indefinite: true),
    .init("9f01820203820405ff", nil, preferred: "8301820203820405", indefinite: true),
    .init("83018202039f0405ff", nil, preferred: "8301820203820405", indefinite: true),
    .init("83019f0203ff820405", nil, preferred: "8301820203820405", indefinite: true),
    .init("9f" + oneToTwentyFive + "ff", nil, preferred: "9819" + oneToTwentyFive, indefinite: true),
    .init("bf61610161629f0203ffff", nil, preferred: "a26161016162820203", indefinite: true),
    .init("826161bf61626163ff", nil, preferred: "826161a161626163", indefinite: true),
    .init("bf6346756ef563416d7421ff", nil, preferred: "a263416d74216346756ef5", indefinite: true),
]

struct AppendixATests {
    @Test(arguments: appendixA)
    func decodesLeniently(_ example: AppendixAExample) throws {
        let item = try CBORDecoder().decode(bytes(example.hex))
        if let diagnostic = example.diagnostic {
            #expect(CBORDiagnostic.format(item) == diagnostic)
        }
    }

    @Test(arguments: appendixA)
    func reEncodesToThePreferredForm(_ example: AppendixAExample) throws {
        let item = try CBORDecoder().decode(bytes(example.hex))
        #expect(Hex.encode(CBOREncoder.encode(item)) == (example.preferredHex ?? example.hex))
    }

    /// Indefinite-length examples are refused in strict mode; examples in preferred form are accepted. (The wide
    /// Infinity/NaN floats are left out: whether strict mode should insist on the shortest float is a policy choice.)
    @Test(arguments: appendixA.filter { $0.indefinite || $0.preferredHex == nil })
    func strictModeRefusesIndefiniteLengthsAndAcceptsPreferredForms(_ example: AppendixAExample) throws {
        let input = bytes(example.hex)
        if example.indefinite {
            #expect(decodeError(input, strictOptions) == .indefiniteLength)
            #expect(throws: CBORError(.indefiniteLength, at: 0, "")) { try CBORDecoder(options: strictOptions).decode(input) }
        } else {
            let strictItem = try CBORDecoder(options: strictOptions).decode(input)
            #expect(strictItem == (try CBORDecoder().decode(input)))
        }
    }

    @Test func valuesWhereTheRFCUsesAnotherSpelling() throws {
        func decode(_ hex: String) throws -> CBOR { try CBORDecoder().decode(bytes(hex)) }
        #expect(try decode("62c3bc") == .text("\u{00fc}"))
        #expect(try decode("63e6b0b4") == .text("\u{6c34}"))
        #expect(try decode("64f0908591") == .text("\u{10151}"))
        #expect(try decode("f90400") == .float(0.00006103515625))
        #expect(try decode("5f42010243030405ff") == .bytes([1, 2, 3, 4, 5]))
        #expect(try decode("7f657374726561646d696e67ff") == .text("streaming"))
        #expect(try decode("bf6346756ef563416d7421ff") == .map(["Fun": true, "Amt": -2]))
        // Tag 24 is shown with its content decoded (the RFC shows the bytes: 24(h'6449455446')).
        let embedded = try decode("d818456449455446")
        #expect(embedded.embedded?.content == Array("dIETF".utf8))
        #expect(CBORDiagnostic.format(embedded) == "24(<<\"IETF\">>)")
    }

    @Test func integerExtremesKeepTheirValues() throws {
        #expect(try CBORDecoder().decode(bytes("1bffffffffffffffff")) == .unsigned(.max))
        #expect(try CBORDecoder().decode(bytes("3bffffffffffffffff")) == .negative(.max))
        #expect(try CBORDecoder().decode(bytes("3903e7")).int == -1000)
        #expect(try CBORDecoder().decode(bytes("3bffffffffffffffff")).int64 == nil)
        #expect(CBOR.int(.min) == .negative(UInt64(Int64.max)))
    }

    @Test func floatSpecialsKeepSignAndNaN() throws {
        let negativeZero = try CBORDecoder().decode(bytes("f98000"))
        guard case .float(let value) = negativeZero else {
            Issue.record("not a float: \(negativeZero)")
            return
        }
        #expect(value == 0 && value.sign == .minus)
        #expect(negativeZero != .float(0.0))
        for hex in ["f97e00", "fa7fc00000", "fb7ff8000000000000"] {
            guard case .float(let nan) = try CBORDecoder().decode(bytes(hex)) else {
                Issue.record("\(hex) is not a float")
                continue
            }
            #expect(nan.isNaN)
        }
        #expect(try CBORDecoder().decode(bytes("f90001")) == .float(0x1p-24))
    }
}
