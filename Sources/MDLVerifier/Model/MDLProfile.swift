/// The names of the mDL profile MDLKit reads: ISO 18013-5's docType and namespace, and the namespace of the
/// Chinese profile for what ISO lacks (archive number, first-licence date, probation, points, status letters).
/// Documented in `Documentation/Profile.md`.
public enum MDLProfile {
    /// The mDL document type.
    public static let docType = "org.iso.18013.5.1.mDL"
    /// The ISO 18013-5 mDL namespace.
    public static let isoNameSpace = "org.iso.18013.5.1"
    /// The Chinese profile namespace (electronic driving licence of the traffic police).
    public static let chinaNameSpace = "cn.gov.mps.edl.1"

    /// Element identifiers of the ISO namespace that MDLKit types.
    public enum ISOElement {
        /// `family_name`.
        public static let familyName = "family_name"
        /// `given_name`.
        public static let givenName = "given_name"
        /// `family_name_national_character`.
        public static let familyNameNational = "family_name_national_character"
        /// `given_name_national_character`.
        public static let givenNameNational = "given_name_national_character"
        /// `birth_date`.
        public static let birthDate = "birth_date"
        /// `issue_date`.
        public static let issueDate = "issue_date"
        /// `expiry_date`.
        public static let expiryDate = "expiry_date"
        /// `issuing_country`.
        public static let issuingCountry = "issuing_country"
        /// `issuing_jurisdiction`.
        public static let issuingJurisdiction = "issuing_jurisdiction"
        /// `issuing_authority`.
        public static let issuingAuthority = "issuing_authority"
        /// `document_number`.
        public static let documentNumber = "document_number"
        /// `portrait`.
        public static let portrait = "portrait"
        /// `driving_privileges`.
        public static let drivingPrivileges = "driving_privileges"
        /// `sex`.
        public static let sex = "sex"
        /// `nationality`.
        public static let nationality = "nationality"
        /// `resident_address`.
        public static let residentAddress = "resident_address"
        /// `age_over_18`.
        public static let ageOver18 = "age_over_18"
    }

    /// Element identifiers of the Chinese profile namespace.
    public enum ChinaElement {
        /// 档案编号: 12 digits, text.
        public static let archiveNumber = "archive_number"
        /// 初次领证日期: full-date.
        public static let firstLicenseDate = "first_license_date"
        /// End of the probation period (实习期): full-date.
        public static let probationEnd = "probation_end"
        /// Points in the current cycle: map `{in_cycle, cycle_start, cycle_end, full_cycles_last_three, as_of}`.
        public static let points = "points"
        /// 驾驶证状态: the set of status letters as text, e.g. `"A"` or `"BDJ"`.
        public static let statusLetters = "status_letters"
        /// Issuing office (车管所) code, text.
        public static let issuingOffice = "issuing_office"
    }
}
