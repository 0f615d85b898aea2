import MDLCBOR
import Testing

/// Properties over random trees (seeded, reproducible): encode → decode is the identity, form never changes meaning,
/// and mutated bytes never crash the decoder.
struct PropertyTests {
    static let seeds: [UInt64] = Array(0..<8).map { 0xC0DE_0000 + $0 }

    @Test(arguments: seeds)
    func encodeThenDecodeGivesTheOriginal(_ seed: UInt64) throws {
        var generator = RandomCBOR(seed: seed)
        for _ in 0..<250 {
            let item = generator.item()
            let encoded = CBOREncoder.encode(item)
            let strict = try CBORDecoder(options: strictOptions).decode(encoded)
            #expect(strict == item)
            #expect(CBOREncoder.encode(strict) == encoded)
            #expect(try CBORDecoder().decode(encoded) == item)
            #expect(!CBORDiagnostic.format(item, maxBytesShown: 4, indent: "  ").isEmpty)
        }
    }

    @Test(arguments: seeds)
    func anyWellFormedEncodingMeansTheSame(_ seed: UInt64) throws {
        var generator = RandomCBOR(seed: seed ^ 0x5EED)
        var loosenedCount = 0
        for index in 0..<250 {
            let item = generator.item()
            var writer = LooseWriter(seed: seed &* 31 &+ UInt64(index))
            writer.write(item)
            let decoded = try CBORDecoder().decode(writer.bytes)
            #expect(decoded == item, "\(Hex.encode(writer.bytes))")
            #expect(CBOREncoder.encode(decoded) == CBOREncoder.encode(item))
            if writer.loosened {
                loosenedCount += 1
                let code = decodeError(writer.bytes, strictOptions)
                #expect(code == .nonPreferredEncoding || code == .indefiniteLength, "\(Hex.encode(writer.bytes))")
            }
        }
        #expect(loosenedCount > 50)
    }

    @Test(arguments: seeds)
    func mutatedBytesNeverCrashTheDecoder(_ seed: UInt64) {
        var generator = RandomCBOR(seed: seed ^ 0xBAD)
        var random = SplitMix64(seed: seed)
        let interesting: [UInt8] = [0x00, 0x17, 0x18, 0x1b, 0x1f, 0x5b, 0x5f, 0x7f, 0x9b, 0x9f, 0xbb, 0xbf, 0xd8, 0xf8, 0xf9, 0xff]
        var refused = 0
        var accepted = 0
        for _ in 0..<400 {
            var input = CBOREncoder.encode(generator.item())
            for _ in 0..<(1 + random.next() % 4) {
                let position = input.isEmpty ? 0 : Int(random.next() % UInt64(input.count))
                switch random.next() % 6 {
                case 0 where !input.isEmpty: input[position] ^= UInt8(1 << (random.next() % 8))
                case 1 where !input.isEmpty: input[position] = interesting[Int(random.next() % UInt64(interesting.count))]
                case 2: input.insert(UInt8(truncatingIfNeeded: random.next()), at: position)
                case 3 where !input.isEmpty: input.remove(at: position)
                case 4: input = Array(input.prefix(position))
                default: input.append(contentsOf: input.prefix(Int(random.next() % 8)))
                }
            }
            for options in [CBORDecoder.Options(), strictOptions, CBORDecoder.Options(maxDepth: 3, maxStringBytes: 8, maxElements: 4)] {
                do {
                    let item = try CBORDecoder(options: options).decode(input)
                    accepted += 1
                    // Whatever decodes re-encodes to something strict decoding reads back the same.
                    let encoded = CBOREncoder.encode(item)
                    #expect(try CBORDecoder(options: strictOptions).decode(encoded) == item)
                    _ = CBORDiagnostic.format(item)
                } catch {
                    refused += 1
                    #expect(error.offset >= 0 && error.offset <= input.count)
                }
            }
        }
        #expect(refused > 0 && accepted > 0)
    }
}
