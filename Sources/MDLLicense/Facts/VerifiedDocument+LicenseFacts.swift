import MDLVerifier

extension VerifiedDocument {
    /// The typed licence facts of an mDL (`nil` for another docType), read from the verified issuer-signed elements.
    public var licenseFacts: LicenseFacts? {
        docType == MDLProfile.docType ? LicenseFacts(elements: issuerSigned) : nil
    }
}

extension VerifiedPresentation {
    /// The first mDL's licence facts, the usual case of one licence per presentation.
    public var license: LicenseFacts? { documents.first { $0.docType == MDLProfile.docType }?.licenseFacts }
}
