extension MDLError.Code {
    // MARK: Status lists (step 7)
    /// A status list is malformed: `bits` not 1, 2, 4 or 8, `lst` not a complete ZLIB stream, a wrong CBOR shape.
    public static let statusListInvalid = Self("statusListInvalid")
    /// The credential's status index is outside the status list.
    public static let statusIndexOutOfRange = Self("statusIndexOutOfRange")
}
