import CMDLSodium

/// libsodium is initialised once, on first use, by Swift's thread-safe global initialisation.
private let sodiumIsReady: Bool = sodium_init() >= 0

/// Checks Ed25519 public keys as libsodium does before it verifies: canonical encoding, on the curve, in the
/// prime-order subgroup, not of small order.
///
/// swift-certificates verifies Ed25519 certificate signatures with swift-crypto, which accepts small-order keys
/// (with the identity point as key, a crafted signature verifies for *any* message), so chains carrying such keys
/// are refused before they are used.
enum Ed25519PointCheck {
    /// Whether the 32 bytes are a usable Ed25519 public key.
    static func isAcceptable(_ key: [UInt8]) -> Bool {
        guard sodiumIsReady, key.count == Int(crypto_core_ed25519_BYTES) else { return false }
        return key.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return false }
            return crypto_core_ed25519_is_valid_point(base) == 1
        }
    }
}
