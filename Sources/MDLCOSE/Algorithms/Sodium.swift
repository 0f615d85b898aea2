import CMDLSodium

/// libsodium's one-time initialisation and pointer plumbing shared by the libsodium-backed algorithms.
enum Sodium {
    /// `sodium_init()` runs once, on first use; Swift initialises a static `let` exactly once, thread-safely.
    /// It returns 0 (initialised now) or 1 (already initialised); -1 means the library cannot be used.
    static let isReady: Bool = sodium_init() >= 0

    /// Throws ``COSEError/Code/cryptoUnavailable`` when libsodium could not be initialised.
    static func ensureReady() throws {
        guard isReady else { throw COSEError(code: .cryptoUnavailable, message: "libsodium could not be initialised") }
    }

    /// Calls `body` with a pointer that is never nil, even for an empty array (libsodium takes pointer + length and
    /// should never see NULL, even when the length is zero).
    static func withNonNullPointer<R>(
        to bytes: [UInt8], _ body: (UnsafePointer<UInt8>, UInt64) throws -> R
    ) rethrows -> R {
        if bytes.isEmpty {
            var placeholder: UInt8 = 0
            return try body(&placeholder, 0)
        }
        return try bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else {
                var placeholder: UInt8 = 0
                return try body(&placeholder, 0)
            }
            return try body(base, UInt64(buffer.count))
        }
    }
}
