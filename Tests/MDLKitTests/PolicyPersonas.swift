import Foundation
import MDLCBOR

@testable import MDLKit
@testable import MDLVerifier
@testable import MDLStatus
@testable import MDLOpenID4VP
@testable import MDLLicense
@testable import MDLJOSE
@testable import MDLHTTP
@testable import MDLCurl

/// Drivers for the policy tests, as the verifier would hand them over. The clock is fixed at ``today``.
enum LicensePersona {
    static func day(_ text: String) -> FullDate { FullDate(rfc3339: text) ?? FullDate(daysSinceEpoch: 0) }

    /// The fixed "today" of every test.
    static let today = day("2026-03-15")
    static let statedAt = Date(timeIntervalSince1970: 1_773_532_800)  // 2026-03-15T00:00:00Z

    static func points(_ count: Int, fullCycles: Int = 0, cycleStart: String = "2025-07-01") -> PointsRecord {
        let start = day(cycleStart)
        return PointsRecord(
            pointsInCycle: count, cycleStart: start, cycleEnd: start.adding(years: 1).adding(days: -1),
            fullPointCyclesInLastThree: fullCycles, asOf: statedAt)
    }

    static func status(_ text: String) -> LicenseStatusLetters? { try? LicenseStatusLetters(parsing: text) }

    static func chinese(
        born: String, first: String, privileges: [DrivingPrivilege], expiry: String, status text: String = "A",
        points: PointsRecord? = LicensePersona.points(0)
    ) -> LicenseFacts {
        LicenseFacts(
            familyName: "ZHANG", givenName: "WEI", familyNameNational: "张", givenNameNational: "伟",
            birthDate: day(born), issueDate: day(expiry).adding(years: -10), expiryDate: day(expiry),
            issuingCountry: "CN", issuingAuthority: "上海市公安局交通警察总队", documentNumber: "310101198505200011",
            portrait: [0xFF, 0xD8, 0xFF, 0xE0], drivingPrivileges: privileges, archiveNumber: "310100123456",
            firstLicenseDate: day(first), points: points, statusLetters: status(text), issuingOffice: "沪A",
            status: checkedValid)
    }

    /// What the verifier's status step hands over for a licence the issuer's list says is valid.
    static let checkedValid = DocumentStatus.checked(
        LicenseStatusResult(
            index: 7, value: .valid, asOf: statedAt, expiresAt: statedAt.addingTimeInterval(86_400), age: .seconds(1),
            degraded: false, fromNetwork: true))

    /// Clean C1 driver: licensed since 2010, 3 points, status A.
    static let cleanC1 = chinese(
        born: "1985-05-20", first: "2010-07-01",
        privileges: [DrivingPrivilege(vehicleCategoryCode: "C1", issueDate: day("2010-07-01"))],
        expiry: "2030-07-01", points: points(3))

    /// Probationer: first licence (C1) five months ago.
    static let probationer = chinese(
        born: "2005-02-01", first: "2025-10-10",
        privileges: [DrivingPrivilege(vehicleCategoryCode: "C1", issueDate: day("2025-10-10"))], expiry: "2031-10-10")

    /// 12 points this cycle: status B (超分), one full cycle among the last three.
    static let twelvePoints = chinese(
        born: "1980-01-01", first: "2012-03-01",
        privileges: [DrivingPrivilege(vehicleCategoryCode: "C1", issueDate: day("2012-03-01"))],
        expiry: "2028-03-01", status: "B", points: points(12, fullCycles: 1))

    /// A1 coach driver licensed 6 years: B2 since 2020-03-01, A1 added 2023-06-01, aged 47.
    static let coachA1 = chinese(
        born: "1978-04-02", first: "2020-03-01",
        privileges: [
            DrivingPrivilege(vehicleCategoryCode: "B2", issueDate: day("2020-03-01")),
            DrivingPrivilege(vehicleCategoryCode: "A1", issueDate: day("2023-06-01")),
        ],
        expiry: "2032-03-01")

    /// Licence expired on 2025-12-31 and not renewed: status M.
    static let expired = chinese(
        born: "1970-08-08", first: "2005-01-01",
        privileges: [DrivingPrivilege(vehicleCategoryCode: "C1", issueDate: day("2005-01-01"))],
        expiry: "2025-12-31", status: "M")

    /// Licence superseded by a class change: the facts look clean, the credential's status-list value is 3.
    static let supersededByClassChange = cleanC1
    static let supersededStatus = LicenseCredentialStatus.superseded

    /// A2 tractor-trailer driver, for trailers.
    static let tractorA2 = chinese(
        born: "1975-01-01", first: "2001-01-01",
        privileges: [
            DrivingPrivilege(vehicleCategoryCode: "B2", issueDate: day("2001-01-01")),
            DrivingPrivilege(vehicleCategoryCode: "A2", issueDate: day("2010-01-01")),
        ],
        expiry: "2035-01-01")

    /// A German licence: B with code 78 (automatic only).
    static let germanB = LicenseFacts(
        familyName: "MUSTERMANN", birthDate: day("1990-01-01"), issueDate: day("2020-01-01"),
        expiryDate: day("2035-01-01"), issuingCountry: "DE",
        drivingPrivileges: [
            DrivingPrivilege(
                vehicleCategoryCode: "B", issueDate: day("2008-01-01"), codes: [DrivingPrivilegeCode(code: "78")])
        ], status: checkedValid)

    /// The same facts with `change` applied.
    static func with(_ facts: LicenseFacts, _ change: (inout LicenseFacts) -> Void) -> LicenseFacts {
        var copy = facts
        change(&copy)
        return copy
    }
}
