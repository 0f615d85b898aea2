extension MDLError.Code {
    // MARK: Status lists (step 7)
    /// A status list is malformed: `bits` not 1, 2, 4 or 8, `lst` not a complete ZLIB stream, a wrong CBOR shape.
    public static let statusListInvalid = Self("statusListInvalid")
    /// The credential's status index is outside the status list.
    public static let statusIndexOutOfRange = Self("statusIndexOutOfRange")
}

extension MDLError {
    /// The status-layer error for a failed fetch: the status could not be established, so verification fails
    /// closed with ``MDLError/Code/statusUnavailable``. The message keeps the transport's code for diagnosis.
    public static func statusUnavailable(
        _ error: HTTPClientError,
        file: String = #fileID,
        line: Int = #line
    ) -> MDLError {
        MDLError(
            code: .statusUnavailable,
            message: "status list unavailable (\(error.code)): \(error.message)",
            file: file,
            line: line
        )
    }
}
