import Crypto
import Testing

@testable import MDLCOSE

/// ConstantTime, SecureRandom, HKDF bounds, HMAC tags and ECDH P-256 key handling.
struct AlgorithmPrimitiveTests {
    @Test func constantTimeEquals() {
        let bytes = SecureRandom.bytes(count: 32)
        #expect(ConstantTime.equals(bytes, bytes))
        #expect(ConstantTime.equals([], []))
        for index in [0, 15, 31] {
            var other = bytes
            other[index] ^= 0x01
            #expect(!ConstantTime.equals(bytes, other), "byte \(index)")
        }
        #expect(!ConstantTime.equals(bytes, Array(bytes.dropLast())))
        #expect(!ConstantTime.equals([], [0]))
    }

    @Test func secureRandomBytes() {
        #expect(SecureRandom.bytes(count: 0).isEmpty)
        #expect(SecureRandom.bytes(count: -5).isEmpty)
        #expect(SecureRandom.bytes(count: 1000).count == 1000)
        // Two 32-byte draws collide with probability 2^-256.
        #expect(SecureRandom.bytes(count: 32) != SecureRandom.bytes(count: 32))
        // 4096 random bytes are never all one value.
        #expect(Set(SecureRandom.bytes(count: 4096)).count > 1)
    }

    @Test func hkdfOutputLengthIsBounded() throws {
        for count in [0, -1, 8161, Int.max] {
            #expect(throws: COSEError(code: .parameterInvalid), "\(count)") {
                try KeyDerivation.hkdfSHA256(inputKeyMaterial: [1], salt: [], info: [], outputByteCount: count)
            }
        }
        #expect(try KeyDerivation.hkdfSHA256(inputKeyMaterial: [1], salt: [], info: [], outputByteCount: 8160).count == 8160)
        #expect(try KeyDerivation.hkdfSHA256(inputKeyMaterial: [1], salt: [], info: [], outputByteCount: 1).count == 1)
    }

    @Test func hmacTagsOfOtherLengthsAreRejected() throws {
        let key = SymmetricKey(size: .bits256)
        let message = Array("MAC0 structure stand-in".utf8)
        let tag = MessageAuthentication.hmacSHA256(key: key, message: message)
        #expect(tag.count == 32)
        try MessageAuthentication.verifyHMACSHA256(tag: tag, key: key, message: message)
        for bad in [Array(tag.prefix(16)), Array(tag.dropLast()), tag + [0], []] {
            #expect(throws: COSEError(code: .macInvalid)) {
                try MessageAuthentication.verifyHMACSHA256(tag: bad, key: key, message: message)
            }
        }
        #expect(throws: COSEError(code: .macInvalid)) {
            try MessageAuthentication.verifyHMACSHA256(tag: tag, key: SymmetricKey(size: .bits256), message: message)
        }
    }

    @Test func ecdhPublicKeyConstructors() throws {
        let privateKey = P256.KeyAgreement.PrivateKey()
        let x963 = Array(privateKey.publicKey.x963Representation)
        let x = Array(x963[1...32])
        var y = Array(x963[33...64])
        let fromCoordinates = try ECDHP256.publicKey(x: x, y: y)
        let fromCompressed = try ECDHP256.publicKey(x: x, yIsOdd: (y[31] & 1) == 1)
        #expect(Array(fromCoordinates.x963Representation) == x963)
        #expect(Array(fromCompressed.x963Representation) == x963)
        #expect(throws: COSEError(code: .invalidKey)) { try ECDHP256.publicKey(x: [0] + x, y: y) }
        #expect(throws: COSEError(code: .invalidKey)) { try ECDHP256.publicKey(x: Array(x.dropFirst()), yIsOdd: true) }
        y[0] ^= 0x80
        #expect(throws: COSEError(code: .invalidKey)) { try ECDHP256.publicKey(x: x, y: y) }

        let peer = P256.KeyAgreement.PrivateKey()
        let ours = try ECDHP256.sharedSecret(privateKey: privateKey, publicKey: peer.publicKey)
        let theirs = try ECDHP256.sharedSecret(privateKey: peer, publicKey: fromCoordinates)
        #expect(ours.count == 32)
        #expect(ours == theirs)
    }
}
