import MDLCBOR

extension MobileSecurityObject.ValidityInfo {
    /// The members of `validityInfo`, in the order ``read(_:)`` fills them.
    private static let memberKeys: [StaticString] = ["signed", "validFrom", "validUntil", "expectedUpdate"]

    /// Reads `validityInfo` in place from `reader`: each tdate parsed from the received bytes, without a tagged item or
    /// a string for it (issue 16).
    ///
    /// Only the regular form: a definite-length map of the four known members, each at most once, each a tag 0 over a
    /// definite-length text that is a tdate, `signed`, `validFrom` and `validUntil` present. For anything else it
    /// returns `nil` and the MSO is read by the general decoder, which accepts or refuses it exactly as before;
    /// whenever this answers, the general path would have read the same validity.
    static func read(_ reader: inout CBORReader) throws(CBORError) -> Self? {
        // The map is at depth 1, its members at 2, the tagged texts at 3: a shallower limit is the general path's.
        guard reader.options.maxDepth >= 3 else { return nil }
        let head = try reader.readHead()
        guard head.major == 5, head.argument != nil else { return nil }
        let count = try reader.checkedCount(head, minimumBytesEach: 2)
        var signed: TDate?
        var validFrom: TDate?
        var validUntil: TDate?
        var expectedUpdate: TDate?
        for _ in 0..<count {
            guard let index = try reader.readKnownTextKey(memberKeys) else { return nil }
            let tag = try reader.readHead()
            guard tag.major == 6, tag.argument == 0 else { return nil }
            let text = try reader.readHead()
            guard text.major == 3, text.argument != nil else { return nil }
            let length = try reader.readLength(text)
            let start = reader.position
            reader.position += length
            // A tdate is ASCII by its grammar, so whatever parses is valid UTF-8 as the general decoder requires.
            guard let date = reader.bytes.withUnsafeBufferPointer({ TDate.parse(UnsafeBufferPointer(rebasing: $0[start..<start + length])) })
            else { return nil }
            switch index {
            case 0 where signed == nil: signed = date
            case 1 where validFrom == nil: validFrom = date
            case 2 where validUntil == nil: validUntil = date
            case 3 where expectedUpdate == nil: expectedUpdate = date
            default: return nil
            }
        }
        guard let signed, let validFrom, let validUntil else { return nil }
        return Self(signed: signed, validFrom: validFrom, validUntil: validUntil, expectedUpdate: expectedUpdate)
    }
}
