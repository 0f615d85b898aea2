import CMDLSodium

/// Ed25519 through libsodium only (`crypto_sign_*`), so every platform gives the same answer.
enum Ed25519 {
    /// Byte length of a signature (R ‖ S).
    static let signatureByteCount = 64
    /// Byte length of a private seed.
    static let seedByteCount = 32

    /// Verifies a detached signature; throws ``COSEError/Code/weakKey`` for small-order or non-canonical keys and
    /// ``COSEError/Code/signatureInvalid`` for anything else that fails.
    static func verify(signature: [UInt8], message: [UInt8], publicKey: [UInt8]) throws {
        try Sodium.ensureReady()
        try Ed25519PointEncoding.checkPublicKey(publicKey)
        guard signature.count == signatureByteCount else {
            throw COSEError(code: .signatureInvalid, message: "an Ed25519 signature is 64 bytes, got \(signature.count)")
        }
        guard libsodiumVerifies(signature: signature, message: message, publicKey: publicKey) else {
            throw COSEError(code: .signatureInvalid, message: "Ed25519 signature does not verify")
        }
    }

    /// libsodium's `crypto_sign_verify_detached` alone, without MDLKit's own key checks (tests show that each
    /// layer rejects weak keys on its own). Wrong lengths give `false`.
    static func libsodiumVerifies(signature: [UInt8], message: [UInt8], publicKey: [UInt8]) -> Bool {
        guard Sodium.isReady, signature.count == signatureByteCount,
            publicKey.count == Ed25519PointEncoding.byteCount
        else { return false }
        let result = Sodium.withNonNullPointer(to: message) { messagePointer, messageLength in
            crypto_sign_verify_detached(signature, messagePointer, messageLength, publicKey)
        }
        return result == 0
    }

    /// The public key and libsodium's 64-byte secret key for a 32-byte seed.
    static func keyPair(seed: [UInt8]) throws -> (publicKey: [UInt8], secretKey: [UInt8]) {
        try Sodium.ensureReady()
        guard seed.count == seedByteCount else {
            throw COSEError(code: .invalidKey, message: "an Ed25519 seed is 32 bytes, got \(seed.count)")
        }
        var publicKey = [UInt8](repeating: 0, count: Int(crypto_sign_publickeybytes()))
        var secretKey = [UInt8](repeating: 0, count: Int(crypto_sign_secretkeybytes()))
        let result = crypto_sign_seed_keypair(&publicKey, &secretKey, seed)
        guard result == 0 else { throw COSEError(code: .invalidKey, message: "Ed25519 key pair derivation failed") }
        return (publicKey, secretKey)
    }

    /// Signs `message` with the key derived from `seed`.
    static func sign(message: [UInt8], seed: [UInt8]) throws -> [UInt8] {
        var secretKey = try keyPair(seed: seed).secretKey
        let secretKeyLength = secretKey.count
        defer { sodium_memzero(&secretKey, secretKeyLength) }
        var signature = [UInt8](repeating: 0, count: signatureByteCount)
        var signatureLength: UInt64 = 0
        let result = Sodium.withNonNullPointer(to: message) { messagePointer, messageLength in
            crypto_sign_detached(&signature, &signatureLength, messagePointer, messageLength, secretKey)
        }
        guard result == 0, signatureLength == UInt64(signatureByteCount) else {
            throw COSEError(code: .invalidKey, message: "Ed25519 signing failed")
        }
        return signature
    }
}
