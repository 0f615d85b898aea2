import Testing

@testable import MDLCOSE

/// Small-order and non-canonical Ed25519 keys are refused twice over: by MDLKit's own encoding checks
/// (``COSEError/Code/weakKey``) and by libsodium's verifier on its own.
struct AlgorithmEd25519WeakKeyTests {
    static let identity: [UInt8] = [0x01] + [UInt8](repeating: 0, count: 31)
    /// The forgery that works against verifiers without small-order checks: A = identity, R = identity, S = 0.
    static let forgedSignature: [UInt8] = identity + [UInt8](repeating: 0, count: 32)

    /// The eight points of order 1, 2, 4 and 8 (both signs of x where x ≠ 0), as encoded points.
    static let smallOrderPoints: [[UInt8]] = [
        "0100000000000000000000000000000000000000000000000000000000000000",
        "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "0000000000000000000000000000000000000000000000000000000000000000",
        "0000000000000000000000000000000000000000000000000000000000000080",
        "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a",
        "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa",
        "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",
        "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85",
    ].compactMap { [UInt8](hex: $0) }

    /// Encodings with y ≥ p = 2^255 - 19 (y = p + i for i in 0…18), with either sign bit.
    static let nonCanonicalEncodings: [[UInt8]] = (0...18).flatMap { offset -> [[UInt8]] in
        let low = UInt8(0xED + offset)  // 0xED…0xFF: p + offset never carries out of the first byte
        let positive = [low] + [UInt8](repeating: 0xFF, count: 30) + [0x7F]
        var negative = positive
        negative[31] = 0xFF
        return [positive, negative]
    }

    static func messages() -> [[UInt8]] {
        [[], Array("hello".utf8), Array("any message at all".utf8)] + (0..<8).map { SecureRandom.bytes(count: $0 * 13 + 1) }
    }

    @Test func theTablesHaveTheExpectedSizes() {
        #expect(Self.smallOrderPoints.count == 8)
        #expect(Self.nonCanonicalEncodings.count == 38)
    }

    @Test func identityForgeryIsRejectedForAnyMessage() throws {
        #expect(throws: COSEError(code: .weakKey)) { try SignaturePublicKey(ed25519RawRepresentation: Self.identity) }
        // A key built without the checking constructor is checked again when it verifies.
        let unchecked = SignaturePublicKey.ed25519(Self.identity)
        for message in Self.messages() {
            #expect(throws: COSEError(code: .weakKey)) {
                try unchecked.verify(signature: Self.forgedSignature, message: message, algorithm: .edDSA)
            }
            #expect(!Ed25519.libsodiumVerifies(signature: Self.forgedSignature, message: message, publicKey: Self.identity))
        }
    }

    @Test(arguments: smallOrderPoints)
    func smallOrderKeysAreWeak(point: [UInt8]) {
        #expect(Ed25519PointEncoding.hasSmallOrder(point))
        #expect(throws: COSEError(code: .weakKey)) { try SignaturePublicKey(ed25519RawRepresentation: point) }
        #expect(throws: COSEError(code: .weakKey)) {
            try SignaturePublicKey.ed25519(point).verify(signature: Self.forgedSignature, message: [], algorithm: .edDSA)
        }
        // libsodium alone: R = identity or R = A, S = 0, for several messages (k·A covers every small-order multiple).
        for message in Self.messages() {
            for r in [Self.identity, point] {
                let signature = r + [UInt8](repeating: 0, count: 32)
                #expect(!Ed25519.libsodiumVerifies(signature: signature, message: message, publicKey: point))
            }
        }
    }

    @Test(arguments: nonCanonicalEncodings)
    func nonCanonicalKeysAreWeak(encoding: [UInt8]) {
        #expect(!Ed25519PointEncoding.isCanonical(encoding))
        #expect(throws: COSEError(code: .weakKey)) { try SignaturePublicKey(ed25519RawRepresentation: encoding) }
        #expect(!Ed25519.libsodiumVerifies(signature: Self.forgedSignature, message: [], publicKey: encoding))
    }

    @Test func canonicalBoundary() throws {
        // p - 1 is canonical (and the point of order 2); p - 2 is canonical and not small-order.
        let pMinus1 = [UInt8](hex: "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f") ?? []
        let pMinus2 = [UInt8](hex: "ebffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f") ?? []
        #expect(Ed25519PointEncoding.isCanonical(pMinus1))
        #expect(Ed25519PointEncoding.isCanonical(pMinus2))
        #expect(!Ed25519PointEncoding.hasSmallOrder(pMinus2))
        // Canonical but not known to be weak: the constructor accepts it, verification then fails in libsodium.
        let key = try SignaturePublicKey(ed25519RawRepresentation: pMinus2)
        #expect(throws: COSEError(code: .signatureInvalid)) {
            try key.verify(signature: Self.forgedSignature, message: [], algorithm: .edDSA)
        }
    }

    @Test func generatedKeysAreNotWeak() throws {
        for _ in 0..<64 {
            let key = try SigningPrivateKey.generate(for: .edDSA)
            guard case .ed25519(let encoding) = try key.publicKey else {
                Issue.record("EdDSA generated another key type")
                return
            }
            #expect(Ed25519PointEncoding.isCanonical(encoding))
            #expect(!Ed25519PointEncoding.hasSmallOrder(encoding))
            _ = try SignaturePublicKey(ed25519RawRepresentation: encoding)
        }
    }

    @Test func wrongLengthsAreInvalidNotWeak() {
        for count in [0, 31, 33, 64] {
            #expect(throws: COSEError(code: .invalidKey)) {
                try SignaturePublicKey(ed25519RawRepresentation: [UInt8](repeating: 7, count: count))
            }
        }
    }
}
