extension CBORDecoder {
    /// Decodes a map whose keys are all among the ASCII text `keys`, returning each key's value in the order of
    /// `keys` (`nil` for a key the map lacks), without building the map or its keys' strings.
    ///
    /// It answers only for the regular case: one definite-length map, every key a definite-length text string equal
    /// to one of `keys`, none repeated, nothing after the map, everything within the limits and, under
    /// ``Options/strict``, in preferred form. For anything else (an unknown or repeated key, an indefinite length,
    /// a malformation) it returns `nil`, and the caller decodes with ``decode(_:)``, which accepts or refuses the
    /// input exactly as always. Whenever it answers, ``decode(_:)`` would have decoded the same map.
    ///
    /// Made for the item every disclosed element arrives in (`IssuerSignedItem`, four text keys), which was the
    /// largest part of a presentation's verification besides the signatures (issue 7).
    ///
    /// ```swift
    /// if let values = decoder.decodeMap(bytes, knownTextKeys: ["digestID", "random"]) { … }
    /// ```
    public func decodeMap(_ bytes: [UInt8], knownTextKeys keys: [StaticString]) -> [CBOR?]? {
        decodeMap(bytes, from: 0, knownTextKeys: keys)
    }

    /// ``decodeMap(_:knownTextKeys:)`` over the item an ``EmbeddedCBOR`` holds, read in place (no copy of it).
    public func decodeMap(_ embedded: EmbeddedCBOR, knownTextKeys keys: [StaticString]) -> [CBOR?]? {
        var values: [CBOR?] = []
        return decodeMap(embedded, knownTextKeys: keys, into: &values) ? values : nil
    }

    /// ``decodeMap(_:knownTextKeys:)`` over an ``EmbeddedCBOR``, writing the values into `values` (made
    /// `keys.count` long, every slot reset) so that a caller reading many such maps reuses one array instead of
    /// allocating one per map. Returns `false`, leaving `values` unspecified, whenever the array form returns `nil`.
    ///
    /// - Parameters:
    ///   - embedded: the tag-24 item whose content is the map.
    ///   - keys: the ASCII text keys the map may have.
    ///   - values: receives each key's value in the order of `keys` (`nil` for a key the map lacks).
    public func decodeMap(
        _ embedded: EmbeddedCBOR, knownTextKeys keys: [StaticString], into values: inout [CBOR?]
    ) -> Bool {
        guard let place = embedded.inPlaceContent else {
            return decodeMap(embedded.content, from: 0, knownTextKeys: keys, into: &values)
        }
        var unused: Range<Int>?
        return decodeMap(place.buffer, from: place.start, end: place.end, knownTextKeys: keys, into: &values, rangeKey: -1, range: &unused)
    }

    /// ``decodeMap(_:knownTextKeys:into:)``, except that the value of `keys[rangeKey]`, when it is a definite-length
    /// byte string, is not copied: `range` receives where its content lies in ``EmbeddedCBOR/encoded`` and its slot
    /// in `values` holds an empty byte string. For any other value, or an item whose content is not the tail of
    /// `encoded` (a chunked byte string), the slot holds the value as usual and `range` is `nil`. The same input is
    /// accepted or refused as by ``decodeMap(_:knownTextKeys:into:)``.
    ///
    /// Made for `IssuerSignedItem.random`, a salt that is hashed only as part of the item's bytes (issue 7).
    ///
    /// - Parameters:
    ///   - embedded: the tag-24 item whose content is the map.
    ///   - keys: the ASCII text keys the map may have.
    ///   - values: receives each key's value in the order of `keys` (`nil` for a key the map lacks).
    ///   - rangeKey: the index in `keys` of the byte string to locate rather than copy.
    ///   - range: receives the byte string's content range in `embedded.encoded`, or `nil`.
    public func decodeMap(
        _ embedded: EmbeddedCBOR, knownTextKeys keys: [StaticString], into values: inout [CBOR?],
        locatingBytesAt rangeKey: Int, range: inout Range<Int>?
    ) -> Bool {
        range = nil
        guard let place = embedded.inPlaceContent else {
            return decodeMap(embedded.content, from: 0, knownTextKeys: keys, into: &values)
        }
        let regular = decodeMap(
            place.buffer, from: place.start, end: place.end, knownTextKeys: keys, into: &values, rangeKey: rangeKey,
            range: &range)
        // The reader works in the item's buffer; the range is given in `encoded`.
        if let located = range { range = (located.lowerBound - embedded.itemStart)..<(located.upperBound - embedded.itemStart) }
        return regular
    }

    /// ``decodeMap(_:knownTextKeys:into:)`` over an ``EmbeddedCBOR``, except that each key's value is first offered
    /// to `readValue(index, &reader)`: `nil` leaves it to the usual reading; otherwise `readValue` has read exactly one
    /// data item at depth 1 with the reader's checks, and `false` means it does not handle that item (the whole call
    /// then returns `false`, and the caller decodes with the general decoder). Those keys' slots in `values` hold `null`.
    ///
    /// Made for the MSO's `valueDigests` (digests kept as places in the received bytes) and `validityInfo` (issue 16).
    package func decodeMap(
        _ embedded: EmbeddedCBOR, knownTextKeys keys: [StaticString], into values: inout [CBOR?],
        readValue: (Int, inout CBORReader) throws(CBORError) -> Bool?
    ) -> Bool {
        guard let place = embedded.inPlaceContent, place.end - place.start <= options.maxInputBytes, options.maxDepth >= 1
        else { return false }
        var reader = CBORReader(bytes: place.buffer, end: place.end, options: options)
        reader.position = place.start
        do {
            let head = try reader.readHead()
            guard head.major == 5, head.argument != nil else { return false }
            let count = try reader.checkedCount(head, minimumBytesEach: 2)
            values = [CBOR?](repeating: nil, count: keys.count)
            for _ in 0..<count {
                guard let index = try reader.readKnownTextKey(keys), values[index] == nil else { return false }
                switch try readValue(index, &reader) {
                case nil: values[index] = try reader.readItem(depth: 1)
                case true?: values[index] = .null
                case false?: return false
                }
            }
            return reader.position == place.end
        } catch {
            return false
        }
    }

    /// The map that runs from `start` to the end of `bytes`.
    private func decodeMap(_ bytes: [UInt8], from start: Int, knownTextKeys keys: [StaticString]) -> [CBOR?]? {
        var values: [CBOR?] = []
        return decodeMap(bytes, from: start, knownTextKeys: keys, into: &values) ? values : nil
    }

    /// The map that runs from `start` to the end of `bytes`, its values written into `values`.
    private func decodeMap(
        _ bytes: [UInt8], from start: Int, knownTextKeys keys: [StaticString], into values: inout [CBOR?]
    ) -> Bool {
        var unused: Range<Int>?
        return decodeMap(bytes, from: start, end: bytes.count, knownTextKeys: keys, into: &values, rangeKey: -1, range: &unused)
    }

    /// The map that runs from `start` to `end` in `bytes`, its values written into `values`, the definite-length
    /// byte string under `keys[rangeKey]` (if any) located in `range` (a range in `bytes`) instead of copied.
    private func decodeMap(
        _ bytes: [UInt8], from start: Int, end: Int, knownTextKeys keys: [StaticString], into values: inout [CBOR?],
        rangeKey: Int, range: inout Range<Int>?
    ) -> Bool {
        guard end - start <= options.maxInputBytes, options.maxDepth >= 1 else { return false }
        var reader = CBORReader(bytes: bytes, end: end, options: options)
        reader.position = start
        do {
            let head = try reader.readHead()
            guard head.major == 5, head.argument != nil else { return false }
            let count = try reader.checkedCount(head, minimumBytesEach: 2)
            if values.count == keys.count {
                for index in values.indices { values[index] = nil }
            } else {
                values = [CBOR?](repeating: nil, count: keys.count)
            }
            for _ in 0..<count {
                guard let index = try reader.readKnownTextKey(keys), values[index] == nil else { return false }
                if index == rangeKey, let located = try reader.readDefiniteByteStringRange() {
                    range = located
                    values[index] = .bytes([])
                } else {
                    values[index] = try reader.readItem(depth: 1)
                }
            }
            return reader.position == end
        } catch {
            return false
        }
    }
}

extension CBORReader {
    /// Reads a definite-length byte string and returns its content's range in `bytes`, with the checks
    /// `readItem` makes of one; anything else is left unread (`nil`), for `readItem`.
    package mutating func readDefiniteByteStringRange() throws(CBORError) -> Range<Int>? {
        let start = position
        let head = try readHead()
        guard head.major == 2, head.argument != nil else {
            position = start
            return nil
        }
        let length = try readLength(head)
        defer { position += length }
        return position..<position + length
    }

    /// Reads a definite-length text key and returns its index in `keys`, or `nil` when it is none of them (or not
    /// a definite-length text string). The bytes equal to an ASCII key are valid UTF-8 as they stand.
    package mutating func readKnownTextKey(_ keys: [StaticString]) throws(CBORError) -> Int? {
        let head = try readHead()
        guard head.major == 3, head.argument != nil else { return nil }
        let length = try readLength(head)
        defer { position += length }
        return bytes.withUnsafeBufferPointer { buffer in
            for (index, key) in keys.enumerated() where key.utf8CodeUnitCount == length {
                let matches = key.withUTF8Buffer { name in
                    for offset in 0..<length where name[offset] != buffer[position + offset] { return false }
                    return true
                }
                if matches { return index }
            }
            return nil
        }
    }
}

extension CBORDecoder {
    /// Decodes the item an ``EmbeddedCBOR`` holds, read in place from its ``EmbeddedCBOR/encoded`` bytes rather
    /// than from a copy of its content: the same item, or the same error with the same offset (counted from the
    /// start of the content), as `decode(embedded.content)`.
    ///
    /// The MSO is a kilobyte or two; decoding it through ``EmbeddedCBOR/content`` copied it once more (issue 7).
    ///
    /// - Parameter embedded: the tag-24 item whose content is decoded.
    public func decode(_ embedded: EmbeddedCBOR) throws(CBORError) -> CBOR {
        guard let place = embedded.inPlaceContent else { return try decode(embedded.content) }
        let start = place.start
        guard place.end - start <= options.maxInputBytes else {
            throw CBORError(.inputTooLarge, at: 0, "input of \(place.end - start) bytes exceeds \(options.maxInputBytes)")
        }
        var reader = CBORReader(bytes: place.buffer, end: place.end, options: options)
        reader.position = start
        do throws(CBORError) {
            let item = try reader.readItem(depth: 0)
            guard reader.position == place.end else {
                let trailing = place.end - reader.position
                throw CBORError(.trailingBytes, at: reader.position, "\(trailing) bytes after the item")
            }
            return item
        } catch {
            // The reader counts from the start of the buffer; errors count from the start of the content.
            throw CBORError(error.code, at: error.offset - start, error.message)
        }
    }
}
