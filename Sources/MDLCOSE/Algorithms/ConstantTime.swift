/// Comparisons whose running time does not depend on where secret bytes differ.
public enum ConstantTime {
    /// Whether `lhs` and `rhs` are equal, compared in constant time for a given length (no branch on the bytes).
    ///
    /// Use it for MAC tags and digests. Lengths are not secret: different lengths return `false` at once.
    public static func equals(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        lhs.withUnsafeBytes { left in rhs.withUnsafeBytes { right in equals(left, right) } }
    }

    /// Whether the bytes of `lhs` and `rhs` are equal, compared as the array form is, without copying
    /// them into arrays (e.g. a swift-crypto digest through its `withUnsafeBytes`).
    public static func equals(_ lhs: UnsafeRawBufferPointer, _ rhs: UnsafeRawBufferPointer) -> Bool {
        guard lhs.count == rhs.count else { return false }
        // Every byte pair is visited and folded into one accumulator with XOR and OR, without a branch on the data
        // (the construction of libsodium's `sodium_memcmp` and BoringSSL's `CRYPTO_memcmp`). Calling `sodium_memcmp`
        // for every 32-byte digest of a presentation cost about 80 ns each, its volatile byte loop included (issue 7).
        var difference: UInt8 = 0
        for index in 0..<lhs.count { difference |= lhs[index] ^ rhs[index] }
        return difference == 0
    }
}
