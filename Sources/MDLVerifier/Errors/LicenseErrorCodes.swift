extension MDLError.Code {
    // MARK: Licence domain (step 8)
    /// A licence class or vehicle category code that does not exist in the scheme on the date asked about
    /// (e.g. Chinese `C6` before 2022-04-01, or `XX` in any scheme).
    public static let classUnknown = Self("classUnknown")
    /// A licence status text (驾驶证状态, `ZT`) holds a letter that is not in the driver-status table.
    public static let statusLetterUnknown = Self("statusLetterUnknown")
    /// The licence scheme cannot be chosen because the facts carry no issuing country.
    public static let licenseSchemeUnknown = Self("licenseSchemeUnknown")
}
