import MDLVerifier

extension VerifiedDocument {
    /// The typed licence facts of an mDL (`nil` for another docType), read from the verified issuer-signed elements,
    /// with the status the verification established (``LicenseFacts/status``).
    public var licenseFacts: LicenseFacts? {
        guard docType == MDLProfile.docType else { return nil }
        var facts = LicenseFacts(elements: issuerSigned)
        facts.status = status
        return facts
    }
}

extension VerifiedPresentation {
    /// The first mDL's licence facts, the usual case of one licence per presentation.
    public var license: LicenseFacts? { documents.first { $0.docType == MDLProfile.docType }?.licenseFacts }
}
