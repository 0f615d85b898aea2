import Crypto

/// HMAC with SHA-256 (COSE "HMAC 256/256", algorithm 5), as DeviceMac's COSE_Mac0 uses it.
package enum MessageAuthentication {
    /// Byte length of an HMAC 256/256 tag.
    package static let hmacSHA256TagByteCount = 32

    /// The full 32-byte HMAC-SHA-256 tag of `message` under `key`.
    package static func hmacSHA256(key: SymmetricKey, message: [UInt8]) -> [UInt8] {
        Array(HMAC<SHA256>.authenticationCode(for: message, using: key))
    }

    /// Checks a received HMAC 256/256 tag in constant time (``ConstantTime/equals(_:_:)``).
    ///
    /// - Throws: ``COSEError/Code/macInvalid`` when the tag is not the 32-byte tag of `message` under `key`.
    package static func verifyHMACSHA256(tag: [UInt8], key: SymmetricKey, message: [UInt8]) throws {
        let expected = hmacSHA256(key: key, message: message)
        guard ConstantTime.equals(expected, tag) else {
            throw COSEError(code: .macInvalid, message: "HMAC 256/256 tag does not match")
        }
    }
}
