import MDLCBOR
import Testing

/// Tag-24 items decoded from a larger input keep their place in it instead of a copy (issue 16): the same bytes, the
/// same decoding, the same errors, and never a byte read past the item's end.
struct EmbeddedInPlaceTests {
    /// `[24(<<[1, 2]>>), "tail"]`: an embedded item followed by more input.
    let framed = bytes("82" + "d818" + "43" + "820102" + "647461696c")

    func firstEmbedded(_ input: [UInt8], _ decoder: CBORDecoder = CBORDecoder()) throws -> EmbeddedCBOR {
        let item = try decoder.decode(input)
        return try #require(item.array?.first?.embedded)
    }

    @Test func anEmbeddedItemIsItsExactBytesInTheInput() throws {
        let embedded = try firstEmbedded(framed)
        #expect(Array(embedded.encodedBytes) == bytes("d818" + "43" + "820102"))
        #expect(embedded.encoded == bytes("d818" + "43" + "820102"))
        #expect(embedded.content == bytes("820102"))
        #expect(try CBORDecoder().decode(embedded) == .array([1, 2]))
        #expect(try embedded.decoded() == .array([1, 2]))
        #expect(embedded == EmbeddedCBOR(content: bytes("820102")))
    }

    @Test func readingInPlaceStopsAtTheItemsEnd() throws {
        // 24(<<[1, …>>) declares a two-element array but holds one element; the bytes after the item ("tail") must
        // not complete it.
        let truncated = bytes("82" + "d818" + "42" + "8201" + "647461696c")
        let embedded = try firstEmbedded(truncated)
        #expect(throws: CBORError.self) { try CBORDecoder().decode(embedded) }
        do {
            _ = try CBORDecoder().decode(embedded)
        } catch {
            #expect(error.code == .truncated)
            // Offsets count from the start of the content, as when the content is decoded as a copy.
            var copyError: CBORError?
            do { _ = try CBORDecoder().decode(embedded.content) } catch { copyError = error }
            #expect(error.offset == copyError?.offset)
        }
        #expect(CBORDecoder().decodeMap(embedded, knownTextKeys: ["a"]) == nil)
    }

    @Test func trailingBytesInsideTheItemAreRefused() throws {
        // 24(<<1, 2>>): two items where one is embedded.
        let embedded = try firstEmbedded(bytes("82" + "d818" + "420102" + "00"))
        #expect(throws: CBORError.self) { try CBORDecoder().decode(embedded) }
    }

    @Test func nestedItemsShareTheOuterInput() throws {
        // [24(<<{"a": 24(<<"x">>)}>>)]: the inner item is found in the outer input.
        let inner = bytes("d818" + "42" + "6178")
        let outer = bytes("81" + "d818" + "48" + "a1" + "6161") + inner
        let embedded = try firstEmbedded(outer)
        let map = try #require(try CBORDecoder().decode(embedded).map)
        let nested = try #require(map["a"]?.embedded)
        #expect(nested.encoded == inner)
        #expect(try nested.decoded() == .text("x"))
        #expect(CBORDecoder().decodeMap(embedded, knownTextKeys: ["a"])?.first??.embedded?.encoded == inner)
    }

    @Test func aChunkedItemStillDecodes() throws {
        // 24(5f 41 81 41 01 ff): the content [1] in two chunks, outside strict mode.
        let input = bytes("82" + "d818" + "5f418141" + "01ff" + "00")
        let embedded = try firstEmbedded(input)
        #expect(embedded.content == bytes("8101"))
        #expect(Array(embedded.encodedBytes) == bytes("d818" + "5f41814101ff"))
        #expect(try embedded.decoded() == .array([1]))
    }
}

/// Decoding a tag-24 item in place answers exactly as decoding a copy of its content: the same item, or the same
/// error code at the same offset, for random and mutated contents with more input after the item.
struct EmbeddedInPlaceDifferentialTests {
    static let seeds: [UInt64] = [1, 7, 42, 2026]

    /// The item decoded, or the error's code and offset (items compare by value: an embedded item's place in its
    /// buffer is not part of its value).
    enum Answer: Equatable {
        case item(CBOR)
        case error(CBORError.Code, Int)
    }

    func answer(_ decode: () throws(CBORError) -> CBOR) -> Answer {
        do { return .item(try decode()) } catch { return .error(error.code, error.offset) }
    }

    @Test(arguments: seeds)
    func inPlaceDecodingAnswersAsACopy(_ seed: UInt64) throws {
        var generator = RandomCBOR(seed: seed ^ 0xE3B)
        var random = SplitMix64(seed: seed)
        for round in 0..<300 {
            var content = CBOREncoder.encode(generator.item())
            // Every other round, damage the content: a byte changed, or the content cut short.
            if round % 2 == 1, !content.isEmpty {
                let index = Int(random.next() % UInt64(content.count))
                if round % 4 == 1 { content[index] = UInt8(truncatingIfNeeded: random.next()) } else { content.removeLast(content.count - index) }
            }
            // [24(<<content>>), <more input>]: the more input would complete a truncated content if read.
            var writer = CBORWriter()
            writer.writeHead(major: 4, argument: 2)
            writer.writeHead(major: 6, argument: 24)
            writer.writeByteString(content)
            writer.write(.bytes((0..<8).map { _ in UInt8(truncatingIfNeeded: random.next()) }))
            for options in [CBORDecoder.Options(), strictOptions] {
                let decoder = CBORDecoder(options: options)
                guard let embedded = (try? CBORDecoder().decode(writer.bytes))?.array?.first?.embedded else {
                    Issue.record("the frame did not decode")
                    return
                }
                #expect(embedded.content == content)
                #expect(answer { () throws(CBORError) in try decoder.decode(embedded) } == answer { () throws(CBORError) in try decoder.decode(content) })
            }
        }
    }
}
