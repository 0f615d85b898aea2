import MDLCBOR

/// Writes CBOR the way lenient decoding must still accept: random non-preferred heads, indefinite lengths with
/// random chunking, floats in wider forms. Used to check that form never changes meaning.
struct LooseWriter {
    var random: SplitMix64
    var bytes: [UInt8] = []
    /// Whether anything was written in a non-preferred form (strict decoding must then refuse it).
    var loosened = false

    init(seed: UInt64) { random = SplitMix64(seed: seed) }

    mutating func chance(_ percent: UInt64) -> Bool { random.next() % 100 < percent }

    mutating func head(_ major: UInt8, _ argument: UInt64) {
        let needed: UInt8 = argument < 24 ? 0 : argument <= 0xff ? 24 : argument <= 0xffff ? 25 : argument <= 0xffff_ffff ? 26 : 27
        var info = needed
        if needed < 27, chance(30) {
            info = UInt8(max(Int(needed), 24)) + UInt8(random.next() % UInt64(28 - max(Int(needed), 24)))
            loosened = loosened || info != needed
        }
        if info < 24 {
            bytes.append(major << 5 | UInt8(argument))
            return
        }
        bytes.append(major << 5 | info)
        let width = 1 << Int(info - 24)
        for shift in stride(from: (width - 1) * 8, through: 0, by: -8) {
            bytes.append(UInt8(truncatingIfNeeded: argument >> UInt64(shift)))
        }
    }

    mutating func string(_ major: UInt8, _ content: [UInt8], boundaries: [Int]) {
        guard chance(25) else {
            head(major, UInt64(content.count))
            bytes.append(contentsOf: content)
            return
        }
        loosened = true
        bytes.append(major << 5 | 31)
        var start = 0
        for cut in boundaries where cut > start && chance(50) {
            head(major, UInt64(cut - start))
            bytes.append(contentsOf: content[start..<cut])
            start = cut
        }
        if start < content.count || chance(50) {
            head(major, UInt64(content.count - start))
            bytes.append(contentsOf: content[start...])
        }
        bytes.append(0xff)
    }

    mutating func write(_ item: CBOR) {
        switch item {
        case .unsigned(let n): head(0, n)
        case .negative(let n): head(1, n)
        case .bytes(let value): string(2, value, boundaries: Array(0...value.count))
        case .text(let value):
            var boundaries: [Int] = [0]
            for scalar in value.unicodeScalars { boundaries.append((boundaries.last ?? 0) + UTF8.width(scalar)) }
            string(3, Array(value.utf8), boundaries: boundaries)
        case .array(let items):
            let indefinite = chance(25)
            if indefinite { loosened = true; bytes.append(0x9f) } else { head(4, UInt64(items.count)) }
            for element in items { write(element) }
            if indefinite { bytes.append(0xff) }
        case .map(let map):
            let indefinite = chance(25)
            if indefinite { loosened = true; bytes.append(0xbf) } else { head(5, UInt64(map.count)) }
            for entry in map.entries.shuffled(using: &random) {
                write(entry.key)
                write(entry.value)
            }
            if indefinite { bytes.append(0xff) }
        case .tagged(let tag, let content):
            head(6, tag)
            write(content)
        case .embedded(let embedded):
            head(6, 24)
            string(2, embedded.content, boundaries: Array(0...embedded.content.count))
        case .float(let value):
            // A wider float than needed is not a non-preferred *head* (strict mode reads floats as written).
            let single = Float(value)
            if !value.isNaN, Double(single) == value, chance(50) {
                bytes.append(0xfa)
                head32(single.bitPattern)
            } else if chance(30) || value.isNaN {
                bytes.append(0xfb)
                let bits = value.isNaN ? Double.nan.bitPattern : value.bitPattern
                for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: bits >> UInt64(shift))) }
            } else {
                bytes.append(contentsOf: CBOREncoder.encode(item))
            }
        default: bytes.append(contentsOf: CBOREncoder.encode(item))
        }
    }

    private mutating func head32(_ bits: UInt32) {
        for shift in stride(from: 24, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: bits >> UInt32(shift))) }
    }
}
