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

struct DrivingJobPolicyTests {
    let today = LicensePersona.today

    @Test func rideHailingAcceptsExperiencedCleanDrivers() {
        let policy = DrivingJobPolicy.rideHailing(on: today)
        let clean = policy.decide(LicensePersona.cleanC1)
        #expect(clean.outcome == .pass)
        #expect(clean.has("tenure.sufficient"))
        // The coach driver's B2 (2020) covers C1: six years, although A1 came in 2023.
        let coach = policy.decide(LicensePersona.coachA1)
        #expect(coach.outcome == .pass)
        #expect(coach.reasons.contains { $0.code == "tenure.sufficient" && $0.en.contains("2020-03-01") })
    }

    @Test func rideHailingRefusesAProbationer() {
        let decision = DrivingJobPolicy.rideHailing(on: today).decide(LicensePersona.probationer)
        #expect(decision.outcome == .fail)
        #expect(decision.reasons(.fail).map(\.code) == ["probation.commercialPassenger", "tenure.tooShort"])
    }

    @Test func rideHailingRefusesAFullPointCycle() {
        let decision = DrivingJobPolicy.rideHailing(on: today).decide(LicensePersona.twelvePoints)
        #expect(
            decision.reasons(.fail).map(\.code) == [
                "status.disqualifying", "points.full", "points.fullCycleInLastThree",
            ])
        // A full cycle two cycles ago, now clean: still refused under the three-cycle rule.
        let earlier = LicensePersona.with(LicensePersona.cleanC1) {
            $0.points = LicensePersona.points(0, fullCycles: 1)
        }
        #expect(
            DrivingJobPolicy.rideHailing(on: today).decide(earlier).reasons(.fail).map(\.code) == [
                "points.fullCycleInLastThree"
            ])
    }

    @Test func rideHailingWithoutPointsRefers() {
        let facts = LicensePersona.with(LicensePersona.cleanC1) { $0.points = nil }
        let decision = DrivingJobPolicy.rideHailing(on: today).decide(facts)
        #expect(decision.outcome == .refer)
        #expect(decision.reasons(.refer).map(\.code) == ["points.unknown"])
    }

    @Test func schoolBusForTheCoachDriver() {
        let decision = DrivingJobPolicy.schoolBus(vehicleClass: "A1", on: today).decide(LicensePersona.coachA1)
        #expect(decision.outcome == .pass)
        #expect(decision.has("age.inRange") && decision.has("tenure.sufficient"))
        #expect(
            DrivingJobPolicy.schoolBus(vehicleClass: "B1", on: today).decide(LicensePersona.coachA1).outcome == .pass)
    }

    @Test func schoolBusAgeBoundsAndClass() {
        let older = LicensePersona.with(LicensePersona.coachA1) { $0.birthDate = LicensePersona.day("1965-01-01") }
        let tooOld = DrivingJobPolicy.schoolBus(vehicleClass: "A1", on: today).decide(older)
        #expect(tooOld.reasons(.fail).map(\.code) == ["age.outOfRange"])
        let young = LicensePersona.with(LicensePersona.coachA1) { $0.birthDate = LicensePersona.day("2002-01-01") }
        #expect(DrivingJobPolicy.schoolBus(vehicleClass: "A1", on: today).decide(young).has("age.outOfRange"))
        let c1 = DrivingJobPolicy.schoolBus(vehicleClass: "B1", on: today).decide(LicensePersona.cleanC1)
        #expect(c1.reasons(.fail).map(\.code) == ["class.notPermitted"])
    }

    @Test func coachAgeCeilingMovedTo63ByOrder172() {
        // 60 on 2024-06-01 (Order 162: ceiling 60), 62 today (Order 172: ceiling 63).
        let born1964 = LicensePersona.with(LicensePersona.coachA1) { $0.birthDate = LicensePersona.day("1964-01-01") }
        let in2024 = DrivingJobPolicy.generic(requiredClasses: ["A1"], on: LicensePersona.day("2024-06-01"))
        #expect(in2024.decide(born1964).reasons(.fail).map(\.code) == ["age.overCeiling"])
        let generic2025 = DrivingJobPolicy.generic(requiredClasses: ["A1"], on: today)
        #expect(generic2025.decide(born1964).outcome == .pass)
        let sixtyFour = LicensePersona.with(LicensePersona.coachA1) { $0.birthDate = LicensePersona.day("1961-06-01") }
        #expect(generic2025.decide(sixtyFour).reasons(.refer).map(\.code) == ["age.ceilingExtensionNeeded"])
    }

    @Test func genericJobStatusLetters() {
        let policy = DrivingJobPolicy.generic(requiredClasses: ["B2"], on: today)
        #expect(policy.decide(LicensePersona.coachA1).outcome == .pass)
        let deferred = LicensePersona.with(LicensePersona.coachA1) { $0.statusLetters = LicensePersona.status("T") }
        #expect(policy.decide(deferred).reasons(.refer).map(\.code) == ["status.needsReview"])
        let overdue = LicensePersona.with(LicensePersona.coachA1) { $0.statusLetters = LicensePersona.status("S") }
        #expect(policy.decide(overdue).reasons(.fail).map(\.code) == ["status.disqualifying"])
        var strict = policy
        strict.disqualifyingLetters = [.s, .t]
        #expect(strict.decide(deferred).reasons(.fail).map(\.code) == ["status.disqualifying"])
    }

    @Test func genericJobNeedsEveryRequiredClass() {
        let policy = DrivingJobPolicy.generic(requiredClasses: ["C1", "E"], on: today)
        let decision = policy.decide(LicensePersona.coachA1)
        #expect(decision.reasons(.fail).map(\.code) == ["class.notPermitted"])
        #expect(decision.reasons(.info).contains { $0.code == "class.includedBy" })
    }
}
