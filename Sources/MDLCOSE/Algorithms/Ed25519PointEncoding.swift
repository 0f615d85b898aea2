import CMDLSodium
import MDLCBOR

/// The one Ed25519 public-key check of MDLKit: checks on the 32-byte encoding of an edwards25519 point (RFC 8032
/// §5.1.2: y little-endian, x's sign in bit 255).
///
/// These reject the keys that make Ed25519 verification meaningless, independently of the library that verifies:
/// swift-crypto accepts the identity key with signature R = identity, S = 0 for every message, libsodium does not.
/// COSE keys go through ``checkPublicKey(_:)``; keys that swift-crypto verifies with (certificate chains) go through
/// ``isAcceptableForCertificates(_:)``, which adds libsodium's full point validation.
package enum Ed25519PointEncoding {
    /// The byte length of an encoded point.
    package static let byteCount = 32

    /// The y coordinates (sign bit cleared, little-endian) of the eight points of order 1, 2, 4 and 8.
    /// Each y belongs to both signs of x (for y = 0, 1 and p-1 the sign-1 form is itself invalid or non-canonical).
    /// Checked by decoding each point and computing its order.
    private static let smallOrderYs: [[UInt8]] = [
        // y = 0: the two points of order 4, (±√-1, 0).
        [UInt8](repeating: 0, count: 32),
        // y = 1: the identity (0, 1).
        [0x01] + [UInt8](repeating: 0, count: 31),
        // y = p - 1: the point of order 2, (0, -1).
        [0xEC] + [UInt8](repeating: 0xFF, count: 30) + [0x7F],
        // The two y values of the four points of order 8.
        Hex.decode("c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a") ?? [],
        Hex.decode("26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05") ?? [],
    ]

    /// Whether y (the encoding with the sign bit cleared) is below p = 2^255 - 19.
    /// p is `ed ff … ff 7f` little-endian, so y ≥ p exactly when bytes 1…30 are 0xff, byte 31 is 0x7f and byte 0 ≥ 0xed.
    package static func isCanonical(_ encoding: [UInt8]) -> Bool {
        guard encoding.count == byteCount else { return false }
        let top = encoding[31] & 0x7F
        guard top == 0x7F else { return true }
        for index in 1...30 where encoding[index] != 0xFF { return true }
        return encoding[0] < 0xED
    }

    /// Whether the encoding is one of the small-order points (either sign bit).
    package static func hasSmallOrder(_ encoding: [UInt8]) -> Bool {
        guard encoding.count == byteCount else { return false }
        var y = encoding
        y[31] &= 0x7F
        return smallOrderYs.contains(y)
    }

    /// Throws ``COSEError/Code/invalidKey`` for a wrong length, ``COSEError/Code/weakKey`` for a non-canonical or
    /// small-order encoding.
    package static func checkPublicKey(_ encoding: [UInt8]) throws {
        guard encoding.count == byteCount else {
            throw COSEError(code: .invalidKey, message: "an Ed25519 public key is 32 bytes, got \(encoding.count)")
        }
        guard isCanonical(encoding) else {
            throw COSEError(code: .weakKey, message: "Ed25519 public key is not canonically encoded (y ≥ p)")
        }
        guard !hasSmallOrder(encoding) else {
            throw COSEError(code: .weakKey, message: "Ed25519 public key is a small-order point")
        }
    }

    /// Whether the 32 bytes are a usable Ed25519 public key for swift-crypto, which accepts small-order keys (with
    /// the identity point as key, a crafted signature verifies for *any* message): canonical, not of small order, and
    /// on the curve in the prime-order subgroup as libsodium checks before it verifies.
    package static func isAcceptableForCertificates(_ key: [UInt8]) -> Bool {
        guard Sodium.isReady, key.count == byteCount, isCanonical(key), !hasSmallOrder(key) else { return false }
        return key.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return false }
            return crypto_core_ed25519_is_valid_point(base) == 1
        }
    }
}
