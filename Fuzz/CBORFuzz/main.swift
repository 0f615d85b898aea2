// libFuzzer entry point for the MDLCBOR decoder. Built by Fuzz/run.sh together with Sources/MDLCBOR as one module
// (`swiftc -parse-as-library -sanitize=fuzzer,address`), so no `import MDLCBOR` here.
//
// For every input it decodes leniently and strictly, and for whatever decodes it checks the invariants a verifier
// relies on; a broken invariant traps on purpose so libFuzzer records the input as a crash.

/// Checks one input; traps (for libFuzzer) only when an invariant of the decoder does not hold.
func checkDecoder(_ input: [UInt8]) {
    let lenient = CBORDecoder()
    let strict = CBORDecoder(options: .init(strict: true))
    let lenientResult = Result { () throws(CBORError) -> CBOR in try lenient.decode(input) }
    let strictResult = Result { () throws(CBORError) -> CBOR in try strict.decode(input) }

    // Strict accepts a subset of lenient, with the same meaning.
    if case .success(let strictItem) = strictResult {
        guard case .success(let lenientItem) = lenientResult, sameEncoding(strictItem, lenientItem) else {
            fatalError("strict accepted what lenient refused or read differently")
        }
    }
    guard case .success(let item) = lenientResult else { return }

    // The deterministic writer's output decodes strictly to the same item and is a fixed point.
    let encoded = CBOREncoder.encode(item)
    guard let again = try? strict.decode(encoded) else { fatalError("strict refused the writer's own output") }
    guard CBOREncoder.encode(again) == encoded else { fatalError("re-encoding is not a fixed point") }
    guard again == item, again.hashValue == item.hashValue else { fatalError("re-decoded item differs from the original") }

    // decodePrefix reads the same item and reports the whole input as its length.
    guard let prefix = try? lenient.decodePrefix(input), prefix.length == input.count else {
        fatalError("decodePrefix disagrees with decode")
    }

    // Every embedded (tag-24) item, read in place inside the input, decodes as a copy of its content does: the same
    // item, or the same error at the same offset (an in-place read never runs past the item's end).
    for embedded in embeddedItems(in: item, limit: 64) {
        for decoder in [lenient, strict] {
            let inPlace = Result { () throws(CBORError) -> CBOR in try decoder.decode(embedded) }
            let copied = Result { () throws(CBORError) -> CBOR in try decoder.decode(embedded.content) }
            switch (inPlace, copied) {
            case (.success(let a), .success(let b)): guard sameEncoding(a, b) else { fatalError("in-place decoding differs") }
            case (.failure(let a), .failure(let b)):
                guard a.code == b.code, a.offset == b.offset else { fatalError("in-place decoding fails differently") }
            default: fatalError("in-place decoding accepts or refuses what a copy does not")
            }
        }
        guard Array(embedded.encodedBytes) == embedded.encoded else { fatalError("an embedded item's bytes disagree") }
    }

    // Diagnostic notation of anything that decodes must not crash.
    _ = CBORDiagnostic.format(item, maxBytesShown: 16)
}

/// The tag-24 items in `item`, depth first, at most `limit`.
func embeddedItems(in item: CBOR, limit: Int) -> [EmbeddedCBOR] {
    var found: [EmbeddedCBOR] = []
    var pending = [item]
    while let next = pending.popLast(), found.count < limit {
        switch next {
        case .embedded(let embedded): found.append(embedded)
        case .array(let items): pending.append(contentsOf: items)
        case .map(let map): for entry in map { pending.append(entry.key); pending.append(entry.value) }
        case .tagged(_, let inner): pending.append(inner)
        default: break
        }
    }
    return found
}

/// Compares by deterministic encoding, which (unlike `==`) distinguishes -0.0 from 0.0 and equates NaNs.
func sameEncoding(_ lhs: CBOR, _ rhs: CBOR) -> Bool { CBOREncoder.encode(lhs) == CBOREncoder.encode(rhs) }

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    checkDecoder(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
