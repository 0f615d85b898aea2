import CMDLSodium

/// Cryptographically secure random bytes from libsodium (`randombytes_buf`, the operating system's generator).
package enum SecureRandom {
    /// `count` random bytes; an empty array when `count` is zero or negative.
    ///
    /// ```swift
    /// let nonce = SecureRandom.bytes(count: 16)
    /// ```
    package static func bytes(count: Int) -> [UInt8] {
        guard count > 0 else { return [] }
        _ = Sodium.isReady
        var bytes = [UInt8](repeating: 0, count: count)
        randombytes_buf(&bytes, count)
        return bytes
    }
}
