import Foundation
import MDLCBOR
import MDLStatus
import MDLVerifier

extension LicenseFacts {
    /// Reads the typed facts from verified elements (ISO namespace and the Chinese profile namespace).
    ///
    /// Absent elements stay `nil`. An element that is present but cannot be read (a date that is not a date, a
    /// `driving_privileges` entry with a malformed date or code, points without their cycle) also stays `nil`
    /// and is named in ``unreadableElements``: it was signed and disclosed, so it is not "not disclosed". The raw
    /// values remain in `VerifiedDocument.issuerSigned`. A tdate where a date is expected counts as the
    /// licence's day of that instant, in `calendar` (Beijing time for a CN licence).
    public init(elements: [String: [String: CBOR]], calendar: LicenseCalendar = .standard) {
        typealias E = MDLProfile.ISOElement
        typealias C = MDLProfile.ChinaElement
        var reader = ElementReader(elements: elements)
        let country = reader.read(MDLProfile.isoNameSpace, E.issuingCountry) { $0.text }
        let jurisdiction = reader.read(MDLProfile.isoNameSpace, E.issuingJurisdiction) { $0.text }
        let authority = reader.read(MDLProfile.isoNameSpace, E.issuingAuthority) { $0.text }
        let day: @Sendable (Date) -> FullDate = {
            calendar.day(
                of: $0,
                issuingCountry: country,
                issuingJurisdiction: jurisdiction,
                issuingAuthority: authority
            )
        }
        func iso<T>(_ identifier: String, _ parse: (CBOR) -> T?) -> T? {
            reader.read(MDLProfile.isoNameSpace, identifier, parse)
        }
        func china<T>(_ identifier: String, _ parse: (CBOR) -> T?) -> T? {
            reader.read(MDLProfile.chinaNameSpace, identifier, parse)
        }
        self.init()
        issuingCountry = country
        issuingJurisdiction = jurisdiction
        issuingAuthority = authority
        familyName = iso(E.familyName) { $0.text }
        givenName = iso(E.givenName) { $0.text }
        familyNameNational = iso(E.familyNameNational) { $0.text }
        givenNameNational = iso(E.givenNameNational) { $0.text }
        birthDate = iso(E.birthDate) { Self.date($0, day: day) }
        issueDate = iso(E.issueDate) { Self.date($0, day: day) }
        expiryDate = iso(E.expiryDate) { Self.date($0, day: day) }
        documentNumber = iso(E.documentNumber) { $0.text }
        portrait = iso(E.portrait) { $0.bytes }
        drivingPrivileges = iso(E.drivingPrivileges) { Self.privileges($0, day: day) } ?? []
        archiveNumber = china(C.archiveNumber) { $0.text }
        firstLicenseDate = china(C.firstLicenseDate) { Self.date($0, day: day) }
        probationEnd = china(C.probationEnd) { Self.date($0, day: day) }
        points = china(C.points) { Self.points($0, day: day) }
        statusLetters = china(C.statusLetters) { $0.text.flatMap { try? LicenseStatusLetters(parsing: $0) } }
        issuingOffice = china(C.issuingOffice) { $0.text }
        // A privilege entry that cannot be read is left out (a class with a malformed date or code must not
        // count as unrestricted), and the element is named.
        if let entries = elements[MDLProfile.isoNameSpace]?[E.drivingPrivileges]?.array,
            entries.count != drivingPrivileges.count, !reader.unreadable.contains(.drivingPrivileges)
        {
            reader.unreadable.append(.drivingPrivileges)
        }
        unreadableElements = reader.unreadable.sorted()
    }

    /// A full-date from tag 1004, a tdate (tag 0: the licence's day of that instant) or bare text, as wallets
    /// send each.
    static func date(_ item: CBOR, day: (Date) -> FullDate) -> FullDate? {
        switch item {
        case .tagged(1004, .text(let text)), .text(let text):
            return FullDate(rfc3339: text) ?? TDate(rfc3339: text).map { day($0.date) }
        case .tagged(0, .text(let text)):
            return TDate(rfc3339: text).map { day($0.date) }
        default:
            return nil
        }
    }

    /// The readable entries of `driving_privileges`; `nil` when it is not an array.
    static func privileges(_ item: CBOR, day: (Date) -> FullDate) -> [DrivingPrivilege]? {
        item.array.map { $0.compactMap { privilege($0, day: day) } }
    }

    /// One entry, or `nil` when any part present in it cannot be read.
    static func privilege(_ item: CBOR, day: (Date) -> FullDate) -> DrivingPrivilege? {
        guard let code = item["vehicle_category_code"]?.text else { return nil }
        func optionalDate(_ key: String) -> FullDate?? {
            guard let value = item[key] else { return .some(nil) }
            return date(value, day: day).map { .some($0) }
        }
        guard let issued = optionalDate("issue_date"), let expires = optionalDate("expiry_date") else { return nil }
        var codes: [DrivingPrivilegeCode] = []
        if let listed = item["codes"] {
            guard let entries = listed.array else { return nil }
            for entry in entries {
                guard let code = entry["code"]?.text else { return nil }
                let sign = entry["sign"], value = entry["value"]
                if sign != nil && sign?.text == nil || value != nil && value?.text == nil { return nil }
                codes.append(DrivingPrivilegeCode(code: code, sign: sign?.text, value: value?.text))
            }
        }
        return DrivingPrivilege(vehicleCategoryCode: code, issueDate: issued, expiryDate: expires, codes: codes)
    }

    static func points(_ item: CBOR, day: (Date) -> FullDate) -> PointsRecord? {
        guard let inCycle = item["in_cycle"]?.int, let start = item["cycle_start"].flatMap({ date($0, day: day) }),
            let end = item["cycle_end"].flatMap({ date($0, day: day) }),
            case .tagged(0, .text(let asOfText)) = item["as_of"] ?? .null,
            let asOf = TDate(rfc3339: asOfText)
        else { return nil }
        let fullCycles = item["full_cycles_last_three"]
        guard fullCycles == nil || fullCycles?.int != nil else { return nil }
        return PointsRecord(
            pointsInCycle: inCycle,
            cycleStart: start,
            cycleEnd: end,
            fullPointCyclesInLastThree: fullCycles?.int ?? 0,
            asOf: asOf.date
        )
    }
}

/// Reads elements one by one and remembers those present but unreadable.
struct ElementReader {
    let elements: [String: [String: CBOR]]
    var unreadable: [LicenseElement] = []

    mutating func read<T>(_ nameSpace: String, _ identifier: String, _ parse: (CBOR) -> T?) -> T? {
        guard let item = elements[nameSpace]?[identifier] else { return nil }
        if let value = parse(item) { return value }
        unreadable.append(LicenseElement(nameSpace, identifier))
        return nil
    }
}
