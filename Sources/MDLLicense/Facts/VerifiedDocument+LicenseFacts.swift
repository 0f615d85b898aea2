import MDLVerifier

extension VerifiedDocument {
    /// The typed licence facts of an mDL (`nil` for another docType), read from the verified issuer-signed elements;
    /// dates given as instants count in ``LicenseCalendar/standard``.
    public var licenseFacts: LicenseFacts? { licenseFacts(calendar: .standard) }

    /// The typed licence facts of an mDL (`nil` for another docType), with dates given as instants counted on the
    /// licence's days in `calendar`.
    public func licenseFacts(calendar: LicenseCalendar) -> LicenseFacts? {
        docType == MDLProfile.docType ? LicenseFacts(elements: issuerSigned, calendar: calendar) : nil
    }
}

extension VerifiedPresentation {
    /// The first mDL's licence facts, the usual case of one licence per presentation.
    public var license: LicenseFacts? { documents.first { $0.docType == MDLProfile.docType }?.licenseFacts }
}
