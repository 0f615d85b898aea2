import MDLCBOR

/// A small seeded pseudo-random generator (SplitMix64), so property tests are reproducible.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Random CBOR trees for property tests.
struct RandomCBOR {
    var random: SplitMix64

    init(seed: UInt64) { random = SplitMix64(seed: seed) }

    mutating func below(_ bound: Int) -> Int { Int(random.next() % UInt64(bound)) }

    /// An integer biased towards the head-size boundaries.
    mutating func argument() -> UInt64 {
        let edges: [UInt64] = [0, 1, 23, 24, 255, 256, 65_535, 65_536, 0xffff_ffff, 0x1_0000_0000, .max]
        switch below(3) {
        case 0: return edges[below(edges.count)]
        case 1: return random.next() >> UInt64(below(64))
        default: return UInt64(below(100))
        }
    }

    mutating func double() -> Double {
        let specials: [Double] = [0, -0.0, 1, -1, 1.5, 65_504, 65_520, 0x1p-24, 0x1p-25, .infinity, -.infinity, .nan, 1.1]
        switch below(4) {
        case 0: return specials[below(specials.count)]
        case 1: return Double(Float(bitPattern: UInt32(truncatingIfNeeded: random.next())))
        case 2: return Double(Double(halfBitsForTests: UInt16(truncatingIfNeeded: random.next())))
        default: return Double(bitPattern: random.next())
        }
    }

    mutating func text() -> String {
        let alphabet: [Unicode.Scalar] = ["a", "z", "\"", "\\", "\n", "\u{0}", "\u{1f}", "é", "e", "\u{301}", "水", "\u{10151}", "\u{feff}"]
        var result = String.UnicodeScalarView()
        for _ in 0..<below(8) { result.append(alphabet[below(alphabet.count)]) }
        return String(result)
    }

    mutating func bytes() -> [UInt8] { (0..<below(12)).map { _ in UInt8(truncatingIfNeeded: random.next()) } }

    /// A random item nested at most `depth` levels.
    mutating func item(depth: Int = 5) -> CBOR {
        let kinds = depth > 0 ? 14 : 9
        switch below(kinds) {
        case 0: return .unsigned(argument())
        case 1: return .negative(argument())
        case 2: return .bytes(bytes())
        case 3: return .text(text())
        case 4: return .float(double())
        case 5: return [.bool(true), .bool(false), .null, .undefined][below(4)]
        case 6: return .simple(UInt8([0, 5, 16, 19, 32, 100, 255][below(7)]))
        case 7: return .int(Int64(below(2000)) - 1000)
        case 8: return .text(["docType", "nameSpaces", "org.iso.18013.5.1", "family_name"][below(4)])
        case 9, 10: return .array((0..<below(6)).map { _ in item(depth: depth - 1) })
        case 11, 12:
            var map = CBORMap()
            for _ in 0..<below(6) { map[item(depth: depth - 1)] = item(depth: depth - 1) }
            return .map(map)
        default:
            if below(2) == 0 { return .embedded(EmbeddedCBOR(item(depth: depth - 1))) }
            return .tagged([0, 1, 2, 21, 1004, 55_799, 0xffff_ffff_ffff][below(7)], item(depth: depth - 1))
        }
    }
}

extension Double {
    /// Half-precision bits to a value, written independently of the module's converter (RFC 8949 Appendix D).
    init(halfBitsForTests half: UInt16) {
        let exponent = Int((half >> 10) & 0x1f)
        let mantissa = Double(half & 0x3ff)
        var value: Double
        if exponent == 0 {
            value = mantissa * pow2(-24)
        } else if exponent != 31 {
            value = (mantissa + 1024) * pow2(exponent - 25)
        } else {
            value = mantissa == 0 ? .infinity : .nan
        }
        if half & 0x8000 != 0 { value = -value }
        self = value
    }
}

/// 2 to the power `exponent`, by repeated doubling or halving.
func pow2(_ exponent: Int) -> Double {
    var result = 1.0
    for _ in 0..<abs(exponent) { result = exponent > 0 ? result * 2 : result / 2 }
    return result
}
