import MDLCBOR
import Testing

@testable import MDLKit
@testable import MDLVerifier
@testable import MDLStatus
@testable import MDLOpenID4VP
@testable import MDLLicense
@testable import MDLJOSE
@testable import MDLHTTP
@testable import MDLCurl

struct LicenseFactsTests {
    @Test func printingNeverShowsPersonalData() {
        let facts = LicensePersona.cleanC1
        for text in [
            facts.description, facts.debugDescription, String(describing: facts), String(reflecting: facts), "\(facts)",
        ] {
            for secret in ["ZHANG", "WEI", "张", "伟", "310101198505200011", "310100123456", "1985", "255"] {
                #expect(!text.contains(secret), "\(secret) in \(text)")
            }
            #expect(text.contains("redacted"))
        }
        var dumped = ""
        dump(facts, to: &dumped)
        #expect(!dumped.contains("ZHANG") && !dumped.contains("310101198505200011"))
    }

    @Test func classesHeldAndSinceWhen() throws {
        let held = LicensePersona.coachA1.heldClasses
        #expect(held.map(\.code) == ["B2", "A1"])
        #expect(held.map(\.since) == [LicensePersona.day("2020-03-01"), LicensePersona.day("2023-06-01")])
        #expect(LicensePersona.coachA1.yearsLicensed(on: LicensePersona.today) == 6)
        #expect(
            try LicensePersona.coachA1.heldSince(permitting: "A3", on: LicensePersona.today)
                == LicensePersona.day("2023-06-01"))
        #expect(
            try LicensePersona.coachA1.heldSince(permitting: "C1", on: LicensePersona.today)
                == LicensePersona.day("2020-03-01"))
        #expect(try LicensePersona.coachA1.heldSince(permitting: "E", on: LicensePersona.today) == nil)
    }

    @Test func permitsUsesTheIssuingCountrysScheme() throws {
        #expect(try LicensePersona.coachA1.permits(vehicleClass: "B1", on: LicensePersona.today).via == "A1")
        #expect(throws: MDLError(code: .licenseSchemeUnknown)) {
            try LicenseFacts(drivingPrivileges: [DrivingPrivilege(vehicleCategoryCode: "C1")])
                .permits(vehicleClass: "C1", on: LicensePersona.today)
        }
    }

    @Test func probationEndsOneYearAfterTheFirstClassOfTheFamily() {
        #expect(LicensePersona.probationer.probationEnd(for: "C1") == LicensePersona.day("2026-10-09"))
        #expect(LicensePersona.probationer.isInProbation(for: "C1", on: LicensePersona.day("2026-10-09")) == true)
        #expect(LicensePersona.probationer.isInProbation(for: "C1", on: LicensePersona.day("2026-10-10")) == false)
        // Adding B2 in 2023 to a 2020 licence starts no new probation for motor vehicles.
        #expect(LicensePersona.coachA1.probationEnd(for: "A1") == LicensePersona.day("2021-02-28"))
        // A first motorcycle class starts its own probation.
        let rider = LicensePersona.with(LicensePersona.cleanC1) {
            $0.drivingPrivileges.append(
                DrivingPrivilege(vehicleCategoryCode: "E", issueDate: LicensePersona.day("2026-01-01")))
        }
        #expect(rider.isInProbation(for: "E", on: LicensePersona.today) == true)
        #expect(rider.isInProbation(for: "C1", on: LicensePersona.today) == false)
        // The issuer's own statement wins.
        let stated = LicensePersona.with(LicensePersona.cleanC1) { $0.probationEnd = LicensePersona.day("2026-12-31") }
        #expect(stated.isInProbation(for: "C1", on: LicensePersona.today) == true)
        #expect(LicenseFacts(issuingCountry: "CN").isInProbation(for: "C1", on: LicensePersona.today) == nil)
    }

    @Test func probationForbidsTheArticle77Uses() {
        let all = VehicleUse(
            bus: true, commercialPassenger: true, emergencyOnDuty: true, hazardousGoods: true, towing: true)
        #expect(all.probationConflicts == ProbationRestriction.allCases)
        #expect(VehicleUse().probationConflicts.isEmpty)
    }

    @Test func ageCeilingsFollowTheRegulationInForce() {
        #expect(AgeCeiling.of(.a1, on: LicensePersona.day("2024-12-31"))?.age == 60)
        #expect(AgeCeiling.of(.a1, on: LicensePersona.day("2025-01-01"))?.age == 63)
        #expect(AgeCeiling.of(.b2, on: LicensePersona.day("2025-01-01"))?.regulation == .cnOrder172)
        #expect(AgeCeiling.of(.n, on: LicensePersona.day("2025-01-01"))?.age == 60)
        #expect(AgeCeiling.of(.c6, on: LicensePersona.day("2025-01-01"))?.age == 70)
        #expect(AgeCeiling.of(.d, on: LicensePersona.day("2023-01-01"))?.age == 70)
        #expect(AgeCeiling.of(.c1, on: LicensePersona.day("2025-01-01")) == nil)
        #expect(AgeCeiling.of(.a1, on: LicensePersona.day("2021-01-01")) == nil)
    }

    @Test func regulationVersionsByDate() {
        #expect(RegulationVersion.inForce(for: .cn, on: LicensePersona.day("2022-03-31")) == .cnOrder123)
        #expect(RegulationVersion.inForce(for: .cn, on: LicensePersona.day("2022-04-01")) == .cnOrder162)
        #expect(RegulationVersion.inForce(for: .cn, on: LicensePersona.day("2026-01-01")) == .cnOrder162)
        #expect(RegulationVersion.cnOrder172.inForce == LicensePersona.day("2025-01-01"))
        #expect(
            RegulationVersion.inForce(for: .iso, on: LicensePersona.day("2026-01-01")) == .euDrivingLicenceDirective)
    }
}
