import MDLCBOR
import Testing

/// `decode(_: EmbeddedCBOR)` reads the content in place and answers exactly as decoding a copy of it does.
struct EmbeddedDecodeTests {
    @Test(arguments: [
        "a26161016162820203",  // {"a": 1, "b": [2, 3]}
        "d818450102030405",  // an embedded item inside
        "a201010102",  // duplicate key
        "0100",  // trailing byte
        "a3616101",  // truncated
        "62ff00",  // invalid UTF-8
        "1801",  // non-preferred (refused only when strict)
        "9f01ff",  // indefinite length (refused only when strict)
    ])
    func answersAsDecodingACopy(_ hex: String) {
        let embedded = EmbeddedCBOR(content: bytes(hex))
        for options in [CBORDecoder.Options(), strictOptions, CBORDecoder.Options(maxInputBytes: 3)] {
            let decoder = CBORDecoder(options: options)
            let inPlace = Result { () throws(CBORError) in try decoder.decode(embedded) }
            let copied = Result { () throws(CBORError) in try decoder.decode(embedded.content) }
            switch (inPlace, copied) {
            case (.success(let a), .success(let b)):
                #expect(a == b, "\(hex)")
            case (.failure(let a), .failure(let b)):
                #expect(a.code == b.code && a.offset == b.offset && a.message == b.message, "\(hex): \(a) vs \(b)")
            default:
                Issue.record("\(hex): in place \(inPlace), copied \(copied)")
            }
        }
    }

    @Test func aChunkedContentIsDecodedToo() throws {
        // #6.24 over an indefinite-length byte string of two chunks holding the item [1, 2].
        let item = try CBORDecoder().decode(bytes("d8185f4182420102ff"))
        let embedded = try #require(item.embedded)
        #expect(try CBORDecoder().decode(embedded) == .array([1, 2]))
    }
}
