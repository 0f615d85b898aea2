import MDLVerifier

/// A Token Status List (draft-ietf-oauth-status-list): the status of every credential an issuer tracks, `bits` bits
/// per credential, packed least-significant bit first.
///
/// ```swift
/// let list = try StatusList(bits: 2, compressed: lst)     // lst: the ZLIB-compressed byte string
/// switch try list.status(at: mso.statusIndex) {
/// case .valid: break
/// case .invalid: throw MDLError(code: .statusRevoked)
/// case .suspended: throw MDLError(code: .statusSuspended)
/// case .applicationSpecific(let value): print("application status \(value)")
/// }
/// ```
///
/// Lookups are O(1); the list keeps the decompressed bytes.
public struct StatusList: Sendable, Hashable {
    /// Bits per entry: 1, 2, 4 or 8.
    public let bits: Int
    /// The decompressed list: entry `i` sits in byte `i·bits / 8`, starting at bit `i·bits mod 8` from the least
    /// significant bit.
    public let packed: [UInt8]

    /// The number of entries the list holds (`packed.count · 8 / bits`).
    public var count: Int { packed.count * (8 / bits) }

    /// Limits on what a list may decompress to, so a hostile list cannot exhaust memory.
    public struct Limits: Sendable, Hashable {
        /// The largest decompressed list accepted, in bytes. The default, 16 MiB, holds 134 million 1-bit entries.
        public var maxDecompressedBytes: Int
        /// Creates limits.
        public init(maxDecompressedBytes: Int = 16 * 1024 * 1024) { self.maxDecompressedBytes = maxDecompressedBytes }
    }

    /// A list from its packed (decompressed) bytes.
    /// - Throws: `MDLError.Code.statusListInvalid` when `bits` is not 1, 2, 4 or 8.
    public init(bits: Int, packed: [UInt8]) throws(MDLError) {
        guard [1, 2, 4, 8].contains(bits) else {
            throw MDLError(code: .statusListInvalid, message: "status list bits must be 1, 2, 4 or 8, not \(bits)")
        }
        self.bits = bits
        self.packed = packed
    }

    /// A list from its ZLIB-compressed (RFC 1950) form, the `lst` of the draft.
    /// - Throws: `MDLError.Code.statusListInvalid` for a bad `bits` or a damaged stream;
    ///   `MDLError.Code.limitExceeded` when the list decompresses past `limits`.
    public init(bits: Int, compressed: [UInt8], limits: Limits = Limits()) throws(MDLError) {
        let packed = try StatusListZlib.inflate(compressed, maxOutputBytes: limits.maxDecompressedBytes)
        try self.init(bits: bits, packed: packed)
    }

    /// A list holding `values` in order, for issuers and the sandbox.
    /// - Throws: `MDLError.Code.statusListInvalid` for a bad `bits` or a value that does not fit in `bits` bits.
    public init(bits: Int, values: [UInt8]) throws(MDLError) {
        try self.init(bits: bits, packed: [])
        let perByte = 8 / bits
        let mask = UInt8(truncatingIfNeeded: (1 << bits) - 1)
        var packed = [UInt8](repeating: 0, count: (values.count + perByte - 1) / perByte)
        for (index, value) in values.enumerated() {
            guard value & ~mask == 0 else {
                throw MDLError(code: .statusListInvalid, message: "status value \(value) does not fit in \(bits) bits")
            }
            packed[index / perByte] |= value << UInt8((index % perByte) * bits)
        }
        self = try StatusList(bits: bits, packed: packed)
    }

    /// The raw status value of entry `index`.
    /// - Throws: `MDLError.Code.statusIndexOutOfRange` when the list has no entry `index`.
    public func value(at index: Int) throws(MDLError) -> UInt8 {
        guard index >= 0, index < count else {
            throw MDLError(
                code: .statusIndexOutOfRange,
                message: "status index \(index) is outside the list of \(count) entries"
            )
        }
        let bitOffset = index * bits
        let mask = UInt8(truncatingIfNeeded: (1 << bits) - 1)
        return (packed[bitOffset >> 3] >> UInt8(bitOffset & 7)) & mask
    }

    /// The status of entry `index`.
    /// - Throws: `MDLError.Code.statusIndexOutOfRange` when the list has no entry `index`.
    public func status(at index: Int) throws(MDLError) -> Value {
        Value(rawValue: try value(at: index))
    }

    /// The ZLIB-compressed (RFC 1950) form of the list, the `lst` to publish.
    /// - Parameter level: the zlib level, 0 (none) to 9 (smallest).
    public func compressed(level: Int = 9) throws(MDLError) -> [UInt8] {
        try StatusListZlib.deflate(packed, level: level)
    }
}

extension StatusList {
    /// A status value, named as the draft's registry names them (`StatusListValue`).
    public typealias Value = StatusListValue
}
