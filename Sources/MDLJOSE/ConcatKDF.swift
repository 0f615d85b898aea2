import Crypto

/// The Concat KDF of NIST SP 800-56A §5.8.1 with SHA-256, as JWA (RFC 7518 §4.6.2) uses it for ECDH-ES.
enum ConcatKDF {
    /// Derives `keyBitLength` bits from the shared secret `z` for the algorithm `algorithmID` (for direct
    /// key agreement: the `enc` value).
    static func derive(z: [UInt8], keyBitLength: Int, algorithmID: String, partyUInfo: [UInt8], partyVInfo: [UInt8]) -> [UInt8] {
        var otherInfo = lengthPrefixed(Array(algorithmID.utf8))
        otherInfo += lengthPrefixed(partyUInfo)
        otherInfo += lengthPrefixed(partyVInfo)
        otherInfo += bigEndian32(UInt32(keyBitLength))
        var output: [UInt8] = []
        var counter: UInt32 = 1
        while output.count * 8 < keyBitLength {
            var hash = SHA256()
            hash.update(data: bigEndian32(counter))
            hash.update(data: z)
            hash.update(data: otherInfo)
            output += Array(hash.finalize())
            counter += 1
        }
        return Array(output.prefix(keyBitLength / 8))
    }

    private static func lengthPrefixed(_ bytes: [UInt8]) -> [UInt8] { bigEndian32(UInt32(bytes.count)) + bytes }

    private static func bigEndian32(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8((value >> 16) & 0xff), UInt8((value >> 8) & 0xff), UInt8(value & 0xff)]
    }
}
