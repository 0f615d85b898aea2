import Crypto

/// HKDF (RFC 5869) with SHA-256, with its output length checked instead of trapping.
package enum KeyDerivation {
    /// The largest HKDF-SHA-256 output: 255 blocks of 32 bytes (RFC 5869 §2.3).
    package static let maximumHKDFSHA256ByteCount = 255 * 32

    /// HKDF-SHA-256 of `inputKeyMaterial` with `salt` and `info`, `outputByteCount` bytes long.
    /// An empty salt means a salt of 32 zero bytes (RFC 5869 §2.2).
    ///
    /// ```swift
    /// let okm = try KeyDerivation.hkdfSHA256(inputKeyMaterial: z, salt: salt, info: Array("EMacKey".utf8), outputByteCount: 32)
    /// ```
    ///
    /// - Throws: ``COSEError/Code/parameterInvalid`` when `outputByteCount` is not in 1…8160.
    package static func hkdfSHA256(
        inputKeyMaterial: [UInt8], salt: [UInt8], info: [UInt8], outputByteCount: Int
    ) throws -> [UInt8] {
        guard (1...maximumHKDFSHA256ByteCount).contains(outputByteCount) else {
            throw COSEError(
                code: .parameterInvalid,
                message: "HKDF-SHA-256 output must be 1...\(maximumHKDFSHA256ByteCount) bytes, got \(outputByteCount)")
        }
        let key = HKDF<SHA256>.deriveKey(
            inputKeyMaterial: SymmetricKey(data: inputKeyMaterial), salt: salt, info: info,
            outputByteCount: outputByteCount)
        return key.withUnsafeBytes { Array($0) }
    }
}
