import MDLCBOR
import MDLStatus
import MDLVerifier

/// The typed facts of one verified driving licence: what the verifier read from the mdoc's ISO namespace and the
/// Chinese profile namespace.
///
/// Every property is optional or may be empty: a relying party sees only what it asked for and the holder agreed
/// to disclose. Printing the value (`description`, `debugDescription`, `dump`) never shows personal data.
///
/// ```swift
/// let answer = try facts.permits(vehicleClass: "C1", on: today)
/// if answer.permitted { /* hand over the keys */ }
/// ```
public struct LicenseFacts: Sendable, Hashable {
    /// `family_name` (Latin characters).
    public var familyName: String?
    /// `given_name` (Latin characters).
    public var givenName: String?
    /// `family_name_national_character` (Chinese characters).
    public var familyNameNational: String?
    /// `given_name_national_character` (Chinese characters).
    public var givenNameNational: String?
    /// `birth_date`.
    public var birthDate: FullDate?
    /// `issue_date` of the licence document.
    public var issueDate: FullDate?
    /// `expiry_date` of the licence document (有效期止, `YXQZ`): the last day it is valid.
    public var expiryDate: FullDate?
    /// `issuing_country`, ISO 3166-1 alpha-2 (`"CN"`). Chooses the ``LicenseScheme``.
    public var issuingCountry: String?
    /// `issuing_jurisdiction`, ISO 3166-2 (e.g. `"CN-31"`).
    public var issuingJurisdiction: String?
    /// `issuing_authority` (发证机关).
    public var issuingAuthority: String?
    /// `document_number` (for China: the identity-document number).
    public var documentNumber: String?
    /// `portrait` (JPEG bytes).
    public var portrait: [UInt8]?
    /// `driving_privileges`: the classes held, with dates and codes.
    public var drivingPrivileges: [DrivingPrivilege]
    /// Archive number (档案编号, `DABH`), profile namespace.
    public var archiveNumber: String?
    /// Date of the first licence (初次领证日期, `CCLZRQ`), profile namespace.
    public var firstLicenseDate: FullDate?
    /// Last day of probation (实习期), profile namespace, when the issuer states it.
    public var probationEnd: FullDate?
    /// Penalty points with their as-of time, profile namespace or a point statement.
    public var points: PointsRecord?
    /// Licence status letters (驾驶证状态, `ZT`), profile namespace or a point statement.
    public var statusLetters: LicenseStatusLetters?
    /// Issuing office code (车管所), profile namespace.
    public var issuingOffice: String?
    /// The credential's status as verification established it (`VerifiedDocument.licenseFacts` copies
    /// `VerifiedDocument.status`); facts built from elements alone are `.notChecked`, which every policy's
    /// ``CredentialStatusCheck`` turns into `refer`.
    public var status: DocumentStatus
    /// Elements that were signed and disclosed but whose value could not be read (a wrong type, a malformed date):
    /// their facts above are `nil` (or, for `driving_privileges`, lack the unreadable entries), which is not the
    /// same as "not disclosed". Sorted; empty when everything read.
    public var unreadableElements: [LicenseElement] = []

    /// Creates facts; everything defaults to absent.
    public init(
        familyName: String? = nil, givenName: String? = nil, familyNameNational: String? = nil,
        givenNameNational: String? = nil, birthDate: FullDate? = nil, issueDate: FullDate? = nil,
        expiryDate: FullDate? = nil, issuingCountry: String? = nil, issuingJurisdiction: String? = nil,
        issuingAuthority: String? = nil, documentNumber: String? = nil, portrait: [UInt8]? = nil,
        drivingPrivileges: [DrivingPrivilege] = [], archiveNumber: String? = nil, firstLicenseDate: FullDate? = nil,
        probationEnd: FullDate? = nil, points: PointsRecord? = nil, statusLetters: LicenseStatusLetters? = nil,
        issuingOffice: String? = nil,
        status: DocumentStatus = .notChecked(reason: "facts read from elements, without a status check")
    ) {
        self.status = status
        self.familyName = familyName
        self.givenName = givenName
        self.familyNameNational = familyNameNational
        self.givenNameNational = givenNameNational
        self.birthDate = birthDate
        self.issueDate = issueDate
        self.expiryDate = expiryDate
        self.issuingCountry = issuingCountry
        self.issuingJurisdiction = issuingJurisdiction
        self.issuingAuthority = issuingAuthority
        self.documentNumber = documentNumber
        self.portrait = portrait
        self.drivingPrivileges = drivingPrivileges
        self.archiveNumber = archiveNumber
        self.firstLicenseDate = firstLicenseDate
        self.probationEnd = probationEnd
        self.points = points
        self.statusLetters = statusLetters
        self.issuingOffice = issuingOffice
    }
}

extension LicenseFacts: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// A summary without personal data: the issuing country and which facts are present.
    public var description: String {
        let present: [(String, Bool)] = [
            ("names", familyName != nil || givenName != nil || familyNameNational != nil || givenNameNational != nil),
            ("birthDate", birthDate != nil), ("validity", issueDate != nil || expiryDate != nil),
            ("documentNumber", documentNumber != nil), ("portrait", portrait != nil),
            ("archiveNumber", archiveNumber != nil), ("firstLicenseDate", firstLicenseDate != nil),
            ("probationEnd", probationEnd != nil), ("points", points != nil), ("statusLetters", statusLetters != nil),
        ]
        let names = present.filter(\.1).map(\.0).joined(separator: ",")
        let unreadable = unreadableElements.map(\.identifier).joined(separator: ",")
        return "LicenseFacts(issuingCountry: \(issuingCountry ?? "-"), privileges: \(drivingPrivileges.count), "
            + "present: [\(names)], unreadable: [\(unreadable)], personal data redacted)"
    }

    /// The same redacted summary as ``description``.
    public var debugDescription: String { description }

    /// A mirror with no children, so `dump` and reflection-based loggers cannot reach personal data.
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}
