import MDLCBOR
import MDLCOSE
import Testing

/// RFC 9052 §3.1 `crit` (label 2), checked once in `COSEHeaders` so every message type gets it (issue 14).
struct COSECriticalHeaderTests {
    static let alg: CBOR = .int(COSEHeaders.Label.algorithm)
    static let crit: CBOR = .int(COSEHeaders.Label.critical)

    static func headers(protected: CBORMap, unprotected: CBORMap = CBORMap()) throws -> COSEHeaders {
        try COSEHeaders(protectedItem: .bytes(CBOREncoder.encode(.map(protected))), unprotectedItem: .map(unprotected))
    }

    @Test(arguments: [
        CBOR.array([.unsigned(99)]), .array([.negative(64)]), .array([.text("x-extension")]), .array([.int(1), .int(99)]),
        .array([]), .unsigned(1), .text("alg"), .array([.bytes([1])]), .array([.unsigned(UInt64.max)]),
    ])
    func aProtectedCritNamingAnythingNotUnderstoodOrMalformedIsRefused(value: CBOR) {
        #expect(throws: COSEFormatError.self) {
            _ = try Self.headers(protected: [Self.alg: .int(-8), Self.crit: value, .int(99): .unsigned(1)])
        }
    }

    @Test func critInTheUnprotectedBucketIsRefused() {
        #expect(throws: COSEFormatError.self) {
            _ = try Self.headers(protected: [Self.alg: .int(-8)], unprotected: [Self.crit: .array([.int(1)])])
        }
    }

    @Test func critNamingUnderstoodLabelsIsAccepted() throws {
        let headers = try Self.headers(protected: [
            Self.alg: .int(-8), Self.crit: .array([.int(COSEHeaders.Label.algorithm), .int(COSEHeaders.Label.type)]),
            .int(COSEHeaders.Label.type): .text("application/statuslist+cwt"),
        ])
        #expect(headers.algorithm == .edDSA)
    }

    @Test func everyMessageTypeGetsTheCheck() {
        let protected = CBOR.bytes(CBOREncoder.encode(.map([Self.alg: .int(-8), Self.crit: .array([.unsigned(99)])])))
        #expect(throws: COSEFormatError.self) { _ = try COSESign1(.array([protected, .map([:]), .bytes([1]), .bytes([2])])) }
        #expect(throws: COSEFormatError.self) { _ = try COSEMac0(.array([protected, .map([:]), .null, .bytes([2])])) }
    }
}
