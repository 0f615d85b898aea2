import CMDLSodium

/// Comparisons whose running time does not depend on where secret bytes differ.
package enum ConstantTime {
    /// Whether `lhs` and `rhs` are equal, compared with libsodium's `sodium_memcmp` (constant time for a given length).
    ///
    /// Use it for secrets such as MAC tags. Lengths are not secret: different lengths return `false` at once.
    package static func equals(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        lhs.withUnsafeBytes { left in rhs.withUnsafeBytes { right in equals(left, right) } }
    }

    /// Whether the bytes of `lhs` and `rhs` are equal, compared as the array form is, without copying
    /// them into arrays (e.g. a swift-crypto digest through its `withUnsafeBytes`).
    package static func equals(_ lhs: UnsafeRawBufferPointer, _ rhs: UnsafeRawBufferPointer) -> Bool {
        guard lhs.count == rhs.count else { return false }
        guard !lhs.isEmpty else { return true }
        _ = Sodium.isReady
        return sodium_memcmp(lhs.baseAddress, rhs.baseAddress, lhs.count) == 0
    }
}
