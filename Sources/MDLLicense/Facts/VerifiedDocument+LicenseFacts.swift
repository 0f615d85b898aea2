import MDLVerifier

extension VerifiedDocument {
    /// The typed licence facts of an mDL (`nil` for another docType), read from the verified issuer-signed elements,
    /// with the status the verification established (``LicenseFacts/status``); dates given as instants count in
    /// ``LicenseCalendar/standard``.
    public var licenseFacts: LicenseFacts? { licenseFacts(calendar: .standard) }

    /// The typed licence facts of an mDL (`nil` for another docType), with dates given as instants counted on the
    /// licence's days in `calendar`, and the status the verification established.
    public func licenseFacts(calendar: LicenseCalendar) -> LicenseFacts? {
        guard docType == MDLProfile.docType else { return nil }
        var facts = LicenseFacts(elements: issuerSigned, calendar: calendar)
        facts.status = status
        return facts
    }
}

extension VerifiedPresentation {
    /// The first mDL's licence facts, the usual case of one licence per presentation.
    public var license: LicenseFacts? { documents.first { $0.docType == MDLProfile.docType }?.licenseFacts }
}
