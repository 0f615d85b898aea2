import Foundation
import MDLCBOR
import MDLKit

/// Sandbox holders whose licences exercise the use cases: pass, fail and refer outcomes all appear.
///
/// Dates are relative to the reference date given, so a persona stays e.g. "on probation" whenever the demo runs.
public struct Persona: Sendable, Hashable, Identifiable {
    /// A stable, non-personal identifier, e.g. `"clean-c1"`; logs and the CLI use it instead of names.
    public let id: String
    /// What the persona demonstrates (English).
    public let summary: String
    /// The licence record the issuing authority holds.
    public let record: LicenseRecord
    /// The value of the persona's entry in the status list: 0 valid, 1 invalid, 2 suspended, 3 superseded.
    public let statusListValue: UInt8

    /// All personas for the reference date `today`.
    public static func all(today: FullDate, asOf: Date) -> [Persona] {
        [
            cleanC1(today: today, asOf: asOf), probationer(today: today, asOf: asOf),
            twelvePoints(today: today, asOf: asOf), coachA1(today: today, asOf: asOf),
            expired(today: today, asOf: asOf), superseded(today: today, asOf: asOf),
        ]
    }

    /// A persona by id.
    public static func named(_ id: String, today: FullDate, asOf: Date) -> Persona? {
        all(today: today, asOf: asOf).first { $0.id == id }
    }

    /// A clean C1 driver licensed for years: the usual pass.
    public static func cleanC1(today: FullDate, asOf: Date) -> Persona {
        let first = today.adding(years: -9)
        return make(
            id: "clean-c1", summary: "C1 since 9 years, status A, 0 points",
            family: ("Zhang", "张"), given: ("Wei", "伟"), birth: today.adding(years: -35).adding(days: -40), sex: 1,
            number: "310101199001011234", archive: "310000123456", classes: [("C1", first)], first: first,
            expiry: today.adding(years: 3), letters: "A", points: 0, fullCycles: 0, today: today, asOf: asOf, statusValue: 0)
    }

    /// A C1 driver licensed four months ago: probation forbids towing and buses.
    public static func probationer(today: FullDate, asOf: Date) -> Persona {
        let first = today.adding(days: -120)
        return make(
            id: "probationer", summary: "C1 for four months, on probation",
            family: ("Li", "李"), given: ("Na", "娜"), birth: today.adding(years: -19), sex: 2,
            number: "310101200601021234", archive: "310000223456", classes: [("C1", first)], first: first,
            expiry: first.adding(years: 6), letters: "A", points: 3, fullCycles: 0, today: today, asOf: asOf, statusValue: 0)
    }

    /// A C1 driver at 12 points: licence detained (status B, U), suspended in the status list.
    public static func twelvePoints(today: FullDate, asOf: Date) -> Persona {
        let first = today.adding(years: -7)
        return make(
            id: "twelve-points", summary: "C1, 12 points this cycle, status BU (detained), suspended",
            family: ("Wang", "王"), given: ("Qiang", "强"), birth: today.adding(years: -41), sex: 1,
            number: "310101198501031234", archive: "310000323456", classes: [("C1", first)], first: first,
            expiry: today.adding(years: 2), letters: "BU", points: 12, fullCycles: 1, today: today, asOf: asOf, statusValue: 2)
    }

    /// An A1 coach driver, licensed six years (A1 added two years ago).
    public static func coachA1(today: FullDate, asOf: Date) -> Persona {
        let first = today.adding(years: -6)
        return make(
            id: "coach-a1", summary: "A1 coach driver, licensed 6 years",
            family: ("Liu", "刘"), given: ("Yang", "洋"), birth: today.adding(years: -45), sex: 1,
            number: "310101198102041234", archive: "310000423456",
            classes: [("B2", first), ("A1", today.adding(years: -2))], first: first,
            expiry: today.adding(years: 4), letters: "A", points: 0, fullCycles: 0, today: today, asOf: asOf, statusValue: 0)
    }

    /// A licence that expired a month ago (status M), not renewed.
    public static func expired(today: FullDate, asOf: Date) -> Persona {
        let first = today.adding(years: -6).adding(days: -30)
        return make(
            id: "expired", summary: "C1, expired a month ago (status M)",
            family: ("Chen", "陈"), given: ("Jing", "静"), birth: today.adding(years: -50), sex: 2,
            number: "310101197603051234", archive: "310000523456", classes: [("C1", first)], first: first,
            expiry: today.adding(days: -30), letters: "M", points: 0, fullCycles: 0, today: today, asOf: asOf, statusValue: 0)
    }

    /// A licence superseded after a class change: the holder has a newer licence; this one must not be used.
    public static func superseded(today: FullDate, asOf: Date) -> Persona {
        let first = today.adding(years: -5)
        return make(
            id: "superseded", summary: "C1 licence superseded by a class change to B2",
            family: ("Zhao", "赵"), given: ("Lei", "磊"), birth: today.adding(years: -33), sex: 1,
            number: "310101199304061234", archive: "310000623456", classes: [("C1", first)], first: first,
            expiry: today.adding(years: 1), letters: "A", points: 0, fullCycles: 0, today: today, asOf: asOf, statusValue: 3)
    }

    // swiftlint:disable:next function_parameter_count
    private static func make(
        id: String, summary: String, family: (String, String), given: (String, String), birth: FullDate, sex: Int64,
        number: String, archive: String, classes: [(String, FullDate)], first: FullDate, expiry: FullDate, letters: String,
        points: Int, fullCycles: Int, today: FullDate, asOf: Date, statusValue: UInt8
    ) -> Persona {
        typealias E = MDLProfile.ISOElement
        typealias C = MDLProfile.ChinaElement
        let cycleStart = cycleStart(first: first, today: today)
        let issue = classes.map(\.1).max() ?? first
        var record = LicenseRecord(elements: [:])
        let iso: [String: CBOR] = [
            E.familyName: .text(family.0), E.givenName: .text(given.0),
            E.familyNameNational: .text(family.1), E.givenNameNational: .text(given.1),
            E.birthDate: .fullDate(birth), E.issueDate: .fullDate(issue), E.expiryDate: .fullDate(expiry),
            E.issuingCountry: "CN", E.issuingAuthority: .text(IssuingAuthority.Region.shanghai.nameZH),
            E.documentNumber: .text(number), E.portrait: .bytes(SamplePortrait.jpeg(seed: id)),
            E.drivingPrivileges: LicenseRecord.drivingPrivileges(classes.map { (code: $0.0, since: $0.1) }, expiry: expiry),
            E.sex: .int(sex), E.nationality: "CN", E.ageOver18: .bool(birth.wholeYears(until: today) >= 18),
            E.residentAddress: .text("上海市黄浦区示例路1号"),
        ]
        let china: [String: CBOR] = [
            C.archiveNumber: .text(archive), C.firstLicenseDate: .fullDate(first),
            C.probationEnd: .fullDate(first.adding(years: 1)),
            C.points: LicenseRecord.points(
                inCycle: points, cycleStart: cycleStart, cycleEnd: cycleStart.adding(years: 1).adding(days: -1),
                fullCyclesLastThree: fullCycles, asOf: TDate(asOf)),
            C.statusLetters: .text(letters), C.issuingOffice: "310000",
        ]
        record.elements[MDLProfile.isoNameSpace] = iso
        record.elements[MDLProfile.chinaNameSpace] = china
        return Persona(id: id, summary: summary, record: record, statusListValue: statusValue)
    }

    /// The start of the 12-month points cycle containing `today`; cycles run from the first-licence date.
    static func cycleStart(first: FullDate, today: FullDate) -> FullDate {
        var start = first.adding(years: max(0, first.wholeYears(until: today)))
        if start > today { start = start.adding(years: -1) }
        return start
    }

    public static func == (lhs: Persona, rhs: Persona) -> Bool { lhs.id == rhs.id }
    public func hash(into hasher: inout Hasher) { hasher.combine(id) }
}

/// A JPEG-framed placeholder portrait (SOI, a comment naming the persona, tables, EOI): the right type and
/// markers without shipping anyone's photo. It is not meant to decode to a picture.
enum SamplePortrait {
    static func jpeg(seed: String) -> [UInt8] {
        // SOI, a comment segment carrying the seed (so portraits differ per persona), then a minimal 8x8 grey image.
        let comment = Array("MDLKit sandbox portrait \(seed)".utf8)
        var bytes: [UInt8] = [0xff, 0xd8, 0xff, 0xfe, UInt8((comment.count + 2) >> 8), UInt8((comment.count + 2) & 0xff)]
        bytes += comment
        bytes += minimalGreyImage
        return bytes
    }

    static let minimalGreyImage: [UInt8] = [
        0xff, 0xdb, 0x00, 0x43, 0x00] + [UInt8](repeating: 0x01, count: 64) + [
        0xff, 0xc0, 0x00, 0x0b, 0x08, 0x00, 0x08, 0x00, 0x08, 0x01, 0x01, 0x11, 0x00,
        0xff, 0xc4, 0x00, 0x14, 0x00, 0x01] + [UInt8](repeating: 0x00, count: 15) + [0x00,
        0xff, 0xc4, 0x00, 0x14, 0x10, 0x01] + [UInt8](repeating: 0x00, count: 15) + [0x00,
        0xff, 0xda, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3f, 0x00, 0x00, 0xff, 0xd9,
    ]
}
