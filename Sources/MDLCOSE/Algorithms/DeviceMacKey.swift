import Crypto

/// The DeviceMac key of ISO/IEC 18013-5 §9.1.3.5: `EMacKey = HKDF-SHA-256(Z_AB, salt, "EMacKey", 32)`, with
/// Z_AB the ECDH shared secret of the device key (from the MSO's DeviceKeyInfo) and the reader's ephemeral key, and
/// salt = SHA-256(SessionTranscriptBytes).
///
/// `sessionTranscriptBytes` is **SessionTranscriptBytes**, the tag-24-wrapped CBOR of the SessionTranscript
/// (`#6.24(bstr .cbor SessionTranscript)`), exactly as received or rebuilt, not the bare SessionTranscript.
///
/// ```swift
/// let key = try DeviceMacKey.derive(devicePublicKey: deviceKey, readerPrivateKey: readerKey,
///                                   sessionTranscriptBytes: transcriptBytes)
/// try MessageAuthentication.verifyHMACSHA256(tag: tag, key: key, message: macStructureBytes)
/// ```
package enum DeviceMacKey {
    /// The HKDF info string.
    package static let info: [UInt8] = Array("EMacKey".utf8)
    /// The key length in bytes (L = 32).
    package static let byteCount = 32

    /// The reader's side: the device's public key and the reader's ephemeral private key.
    ///
    /// - Throws: ``COSEError/Code/invalidKey`` when the key agreement fails.
    package static func derive(
        devicePublicKey: P256.KeyAgreement.PublicKey, readerPrivateKey: P256.KeyAgreement.PrivateKey,
        sessionTranscriptBytes: [UInt8]
    ) throws -> SymmetricKey {
        let sharedSecret = try ECDHP256.sharedSecret(privateKey: readerPrivateKey, publicKey: devicePublicKey)
        return try derive(sharedSecret: sharedSecret, sessionTranscriptBytes: sessionTranscriptBytes)
    }

    /// The device's side (the sandbox wallet): the reader's ephemeral public key and the device's private key.
    /// Gives the same key as the reader's side.
    ///
    /// - Throws: ``COSEError/Code/invalidKey`` when the key agreement fails.
    package static func derive(
        readerPublicKey: P256.KeyAgreement.PublicKey, devicePrivateKey: P256.KeyAgreement.PrivateKey,
        sessionTranscriptBytes: [UInt8]
    ) throws -> SymmetricKey {
        let sharedSecret = try ECDHP256.sharedSecret(privateKey: devicePrivateKey, publicKey: readerPublicKey)
        return try derive(sharedSecret: sharedSecret, sessionTranscriptBytes: sessionTranscriptBytes)
    }

    /// EMacKey from an already computed Z_AB.
    static func derive(sharedSecret: [UInt8], sessionTranscriptBytes: [UInt8]) throws -> SymmetricKey {
        let salt = Array(SHA256.hash(data: sessionTranscriptBytes))
        let key = try KeyDerivation.hkdfSHA256(
            inputKeyMaterial: sharedSecret, salt: salt, info: info, outputByteCount: byteCount)
        return SymmetricKey(data: key)
    }
}
