import MDLKit

/// Token Status Lists of a given size (2 bits per entry, a few non-zero entries), compressed as an issuer would.
public enum StatusListFixture {
    /// A compressed 2-bit list of `count` entries where every 997th entry is suspended (2).
    public static func compressed(count: Int) throws -> [UInt8] {
        var values = [UInt8](repeating: 0, count: count)
        for index in stride(from: 0, to: count, by: 997) { values[index] = 2 }
        return try StatusList(bits: 2, values: values).compressed()
    }
}
