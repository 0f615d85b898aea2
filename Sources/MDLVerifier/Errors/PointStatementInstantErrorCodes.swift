extension MDLError.Code {
    // MARK: Point statements as of a past instant (step 7)
    /// A point statement was asked for, or answers for, an instant the relying party may not ask about: one in the
    /// future, or one further back than the look-back bound (the record-keeping period, three years by default).
    public static let pointStatementInstantOutOfRange = Self("pointStatementInstantOutOfRange")
}
