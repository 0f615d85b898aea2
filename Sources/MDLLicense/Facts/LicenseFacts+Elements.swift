import Foundation
import MDLCBOR
import MDLStatus
import MDLVerifier

extension LicenseFacts {
    /// Reads the typed facts from verified elements (ISO namespace and the Chinese profile namespace).
    ///
    /// Elements that are absent, or present with an unexpected type, stay `nil`: the raw values remain available in
    /// ``VerifiedDocument/issuerSigned``.
    public init(elements: [String: [String: CBOR]]) {
        let iso = elements[MDLProfile.isoNameSpace] ?? [:]
        let china = elements[MDLProfile.chinaNameSpace] ?? [:]
        typealias E = MDLProfile.ISOElement
        typealias C = MDLProfile.ChinaElement
        self.init()
        familyName = iso[E.familyName]?.text
        givenName = iso[E.givenName]?.text
        familyNameNational = iso[E.familyNameNational]?.text
        givenNameNational = iso[E.givenNameNational]?.text
        birthDate = iso[E.birthDate].flatMap(Self.date)
        issueDate = iso[E.issueDate].flatMap(Self.date)
        expiryDate = iso[E.expiryDate].flatMap(Self.date)
        issuingCountry = iso[E.issuingCountry]?.text
        issuingJurisdiction = iso[E.issuingJurisdiction]?.text
        issuingAuthority = iso[E.issuingAuthority]?.text
        documentNumber = iso[E.documentNumber]?.text
        portrait = iso[E.portrait]?.bytes
        drivingPrivileges = (iso[E.drivingPrivileges]?.array ?? []).compactMap(Self.privilege)
        archiveNumber = china[C.archiveNumber]?.text
        firstLicenseDate = china[C.firstLicenseDate].flatMap(Self.date)
        probationEnd = china[C.probationEnd].flatMap(Self.date)
        points = china[C.points].flatMap(Self.points)
        statusLetters = china[C.statusLetters]?.text.flatMap { try? LicenseStatusLetters(parsing: $0) }
        issuingOffice = china[C.issuingOffice]?.text
    }

    /// A full-date from tag 1004, a tdate (tag 0, its UTC day) or bare text, as wallets send each.
    static func date(_ item: CBOR) -> FullDate? {
        switch item {
        case .tagged(1004, .text(let text)), .text(let text):
            return FullDate(rfc3339: text) ?? TDate(rfc3339: text).map { FullDate(daysSinceEpoch: Int(($0.date.timeIntervalSince1970 / 86_400).rounded(.down))) }
        case .tagged(0, .text(let text)):
            return TDate(rfc3339: text).map { FullDate(daysSinceEpoch: Int(($0.date.timeIntervalSince1970 / 86_400).rounded(.down))) }
        default:
            return nil
        }
    }

    static func privilege(_ item: CBOR) -> DrivingPrivilege? {
        guard let code = item["vehicle_category_code"]?.text else { return nil }
        let codes = (item["codes"]?.array ?? []).compactMap { entry -> DrivingPrivilegeCode? in
            guard let code = entry["code"]?.text else { return nil }
            return DrivingPrivilegeCode(code: code, sign: entry["sign"]?.text, value: entry["value"]?.text)
        }
        return DrivingPrivilege(
            vehicleCategoryCode: code, issueDate: item["issue_date"].flatMap(date), expiryDate: item["expiry_date"].flatMap(date),
            codes: codes)
    }

    static func points(_ item: CBOR) -> PointsRecord? {
        guard let inCycle = item["in_cycle"]?.int, let start = item["cycle_start"].flatMap(date),
            let end = item["cycle_end"].flatMap(date), case .tagged(0, .text(let asOfText)) = item["as_of"] ?? .null,
            let asOf = TDate(rfc3339: asOfText)
        else { return nil }
        return PointsRecord(
            pointsInCycle: inCycle, cycleStart: start, cycleEnd: end,
            fullPointCyclesInLastThree: item["full_cycles_last_three"]?.int ?? 0, asOf: asOf.date)
    }
}
