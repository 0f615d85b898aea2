import Foundation
import MDLCBOR
import MDLSandbox
import Testing

@testable import MDLKit
@testable import MDLLicense
@testable import MDLStatus
@testable import MDLVerifier

/// The licence's own calendar: every day-valued fact of a Chinese licence is judged on Beijing's day. Each test
/// looks at 00:00–07:59 Beijing time on a boundary, when UTC still has the day before.
struct LicenseCalendarTests {
    /// `hour:minute` on `day` in Beijing (UTC+8), as an instant.
    static func beijing(_ day: String, _ hour: Int, _ minute: Int = 0) -> Date {
        let date = FullDate(rfc3339: day) ?? FullDate(daysSinceEpoch: 0)
        return Date(
            timeIntervalSince1970: TimeInterval(date.daysSinceEpoch * 86_400 + (hour - 8) * 3_600 + minute * 60)
        )
    }

    static func day(_ text: String) -> FullDate { FullDate(rfc3339: text) ?? FullDate(daysSinceEpoch: 0) }

    /// The early Beijing hours of a day: UTC still has the day before at each.
    static let earlyHours = [0, 1, 3, 5, 7]

    /// A CN licence with dates around 2 and 3 December 2026.
    static let licence = LicenseFacts(
        birthDate: day("2008-12-03"),
        issueDate: day("2020-12-03"),
        expiryDate: day("2026-12-02"),
        issuingCountry: "CN",
        drivingPrivileges: [
            DrivingPrivilege(vehicleCategoryCode: "C1", issueDate: day("2020-12-03"), expiryDate: day("2026-12-02")),
            DrivingPrivilege(vehicleCategoryCode: "C6", issueDate: day("2026-12-03")),
        ],
        firstLicenseDate: day("2020-12-03"),
        probationEnd: day("2026-12-02"),
        points: PointsRecord(
            pointsInCycle: 2,
            cycleStart: day("2025-12-03"),
            cycleEnd: day("2026-12-02"),
            fullPointCyclesInLastThree: 0,
            asOf: beijing("2026-12-01", 12)
        )
    )

    @Test(arguments: earlyHours)
    func anInstantIsTheLicencesDayInBeijing(hour: Int) {
        let instant = Self.beijing("2022-04-01", hour, 30)
        #expect(LicenseCalendar.standard.day(of: instant, issuingCountry: "CN") == Self.day("2022-04-01"))
        #expect(LicenseCalendar.standard.day(of: instant, issuingCountry: "cn ") == Self.day("2022-04-01"))
        // The same instant for an issuer the calendar does not name is UTC's day, the day before.
        #expect(LicenseCalendar.standard.day(of: instant, issuingCountry: "DE") == Self.day("2022-03-31"))
        #expect(LicenseCalendar.standard.day(of: instant, issuingCountry: nil) == Self.day("2022-03-31"))
        #expect(
            LicenseCalendar.standard.day(of: Self.beijing("2022-03-31", 23, 59), issuingCountry: "CN")
                == Self.day("2022-03-31")
        )
    }

    @Test func theZoneIsConfigurablePerIssuingAuthority() throws {
        let berlin = try #require(TimeZone(identifier: "Europe/Berlin"))
        let utc = LicenseCalendar.utc
        var calendar = LicenseCalendar.standard
        calendar.byCountry["DE"] = berlin
        calendar.byJurisdiction["CN-65"] = utc
        calendar.byAuthority["Test Office"] = berlin
        let instant = Self.beijing("2026-12-03", 0, 30)  // 2026-12-02T16:30Z, 17:30 in Berlin
        #expect(calendar.day(of: instant, issuingCountry: "DE") == Self.day("2026-12-02"))
        // 07:30 in Beijing is 00:30 in Berlin (CET, UTC+1).
        #expect(calendar.day(of: Self.beijing("2026-12-03", 7, 30), issuingCountry: "DE") == Self.day("2026-12-03"))
        #expect(calendar.day(of: instant, issuingCountry: "CN") == Self.day("2026-12-03"))
        #expect(calendar.day(of: instant, issuingCountry: "CN", issuingJurisdiction: "cn-65") == Self.day("2026-12-02"))
        #expect(
            calendar.day(
                of: instant,
                issuingCountry: "CN",
                issuingJurisdiction: "CN-65",
                issuingAuthority: "Test Office"
            )
                == Self.day("2026-12-02")
        )
        var facts = Self.licence
        facts.issuingJurisdiction = "CN-65"
        #expect(facts.day(of: instant, calendar: calendar) == Self.day("2026-12-02"))
        #expect(facts.day(of: instant) == Self.day("2026-12-03"))
        // Far instants give far days, not a trap.
        #expect(LicenseCalendar.standard.day(of: .distantFuture, issuingCountry: "CN").year >= 4000)
        #expect(
            LicenseCalendar.standard.day(of: Date(timeIntervalSince1970: .infinity), issuingCountry: "CN").year == 9999
        )
    }

    @Test(arguments: earlyHours)
    func aLicenceThatExpiredOnTheSecondIsNotValidEarlyOnTheThird(hour: Int) {
        let facts = Self.licence
        let expired = ValidityCheck(from: facts.day(of: Self.beijing("2026-12-03", hour))).decide(facts)
        #expect(expired.outcome == .fail)
        #expect(expired.has("validity.expired"))
        let lastDay = ValidityCheck(from: facts.day(of: Self.beijing("2026-12-02", 23, 59))).decide(facts)
        #expect(lastDay.has("validity.valid"))
        // Rental from the early hours of the 3rd: expired too.
        let rental = RentalPolicy(
            vehicleClass: "C1",
            pickup: facts.day(of: Self.beijing("2026-12-03", hour)),
            returnDate: facts.day(of: Self.beijing("2026-12-05", 12))
        )
        #expect(rental.decide(facts).has("validity.expired"))
    }

    @Test(arguments: earlyHours)
    func classValidityStartsAndEndsOnBeijingDays(hour: Int) throws {
        let facts = Self.licence
        let third = facts.day(of: Self.beijing("2026-12-03", hour))
        // C1 ended on the 2nd; C6 began on the 3rd.
        let c1 = try facts.permits(vehicleClass: "C1", on: third)
        #expect(!c1.permitted)
        #expect(c1.reasons.contains { $0.code == "class.privilegeNotInForce" })
        #expect(try facts.permits(vehicleClass: "C6", on: third).via == "C6")
        let second = facts.day(of: Self.beijing("2026-12-02", 23, 30))
        #expect(try facts.permits(vehicleClass: "C1", on: second).via == "C1")
        #expect(try !facts.permits(vehicleClass: "C6", on: second).permitted)
        #expect(ClassCheck(vehicleClass: "C1", on: third).decide(facts).outcome == .fail)
    }

    @Test(arguments: earlyHours)
    func probationEndsAtTheEndOfTheBeijingDay(hour: Int) {
        let facts = Self.licence
        #expect(facts.isInProbation(for: "C1", on: facts.day(of: Self.beijing("2026-12-03", hour))) == false)
        #expect(facts.isInProbation(for: "C1", on: facts.day(of: Self.beijing("2026-12-02", 23, 59))) == true)
        let check = ProbationCheck(
            vehicleClass: "C1",
            on: facts.day(of: Self.beijing("2026-12-03", hour)),
            use: VehicleUse(towing: true)
        )
        #expect(check.decide(facts).has("probation.ended"))
    }

    @Test(arguments: earlyHours)
    func theHolderIsOlderFromTheFirstBeijingHourOfTheBirthday(hour: Int) {
        let facts = Self.licence  // born 2008-12-03
        #expect(facts.age(on: facts.day(of: Self.beijing("2026-12-03", hour))) == 18)
        #expect(facts.age(on: facts.day(of: Self.beijing("2026-12-02", 23, 59))) == 17)
        #expect(
            AgeCheck(range: 18...60, on: facts.day(of: Self.beijing("2026-12-03", hour))).decide(facts).outcome == .pass
        )
    }

    @Test(arguments: earlyHours)
    func thePointsCycleEndsOnTheBeijingDay(hour: Int) {
        let facts = Self.licence  // cycle 2025-12-03 – 2026-12-02
        let after = PointsCheck(on: facts.day(of: Self.beijing("2026-12-03", hour))).decide(facts)
        #expect(after.has("points.otherCycle"))
        let within = PointsCheck(on: facts.day(of: Self.beijing("2026-12-02", 23, 59))).decide(facts)
        #expect(!within.has("points.otherCycle"))
    }

    @Test(arguments: earlyHours)
    func theRegulationInForceChangesAtBeijingMidnight(hour: Int) throws {
        let tractor = LicenseFacts(
            issuingCountry: "CN",
            drivingPrivileges: [DrivingPrivilege(vehicleCategoryCode: "A2")]
        )
        // Order 162 from 1 April 2022: A2 covers C6.
        let day = tractor.day(of: Self.beijing("2022-04-01", hour))
        let answer = try tractor.permits(vehicleClass: "C6", on: day)
        #expect(answer.permitted && answer.regulation == .cnOrder162)
        // 23:59 on 31 March: Order 123, which has no C6.
        #expect(throws: MDLError(code: .classUnknown)) {
            try tractor.permits(vehicleClass: "C6", on: tractor.day(of: Self.beijing("2022-03-31", 23, 59)))
        }
        // Order 172 from 1 January 2025 moves the A and B ceiling to 63.
        let order172 = tractor.day(of: Self.beijing("2025-01-01", hour))
        #expect(AgeCeiling.of(.a2, on: order172)?.regulation == .cnOrder172)
        #expect(AgeCeiling.of(.a2, on: tractor.day(of: Self.beijing("2024-12-31", 23, 59)))?.regulation == .cnOrder162)
    }

    @Test func aDateSentAsAnInstantIsTheLicencesDayOfIt() {
        typealias E = MDLProfile.ISOElement
        // 2026-12-02T16:30:00Z is 00:30 on 3 December in Beijing.
        let facts = LicenseFacts(elements: [
            MDLProfile.isoNameSpace: [
                E.issuingCountry: "CN", E.expiryDate: .tagged(0, .text("2026-12-02T16:30:00Z")),
                E.birthDate: .text("2008-12-02T16:30:00Z"),
            ]
        ])
        #expect(facts.expiryDate == Self.day("2026-12-03"))
        #expect(facts.birthDate == Self.day("2008-12-03"))
        #expect(facts.unreadableElements.isEmpty)
        let elsewhere = LicenseFacts(elements: [
            MDLProfile.isoNameSpace: [E.issuingCountry: "DE", E.expiryDate: .tagged(0, .text("2026-12-02T16:30:00Z"))]
        ])
        #expect(elsewhere.expiryDate == Self.day("2026-12-02"))
    }

    @Test(arguments: earlyHours)
    func theSandboxCountsItsPersonasDaysInBeijing(hour: Int) {
        let now = Self.beijing("2025-11-25", hour, 10)
        #expect(Persona.today(at: now) == Self.day("2025-11-25"))
        // The expired persona's licence ended 30 Beijing days before, whatever the UTC day.
        let expired = LicenseFacts(elements: Persona.expired(today: Persona.today(at: now), asOf: now).record.elements)
        #expect(expired.expiryDate == Self.day("2025-10-26"))
        #expect(expired.day(of: now) == Self.day("2025-11-25"))
    }
}
