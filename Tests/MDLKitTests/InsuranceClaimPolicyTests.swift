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

struct InsuranceClaimPolicyTests {
    @Test func factsAreJudgedAsOfTheAccident() {
        let before = InsuranceClaimPolicy(
            accidentDate: LicensePersona.day("2025-11-01"), vehicleClass: "C1",
            statusAtAccident: LicensePersona.status("A"),
            pointsAtAccident: LicensePersona.points(2))
        #expect(before.decide(LicensePersona.expired).outcome == .pass)
        let after = InsuranceClaimPolicy(
            accidentDate: LicensePersona.day("2026-01-10"), vehicleClass: "C1",
            statusAtAccident: LicensePersona.status("M"))
        let decision = after.decide(LicensePersona.expired)
        #expect(decision.outcome == .fail)
        #expect(decision.reasons(.fail).map(\.code) == ["validity.expired", "status.disqualifying"])
    }

    @Test func probationerInCommercialUseIsExcludedPrivateUseIsNoted() {
        let commercial = InsuranceClaimPolicy(
            accidentDate: LicensePersona.day("2026-01-05"), vehicleClass: "C1",
            use: VehicleUse(commercialPassenger: true),
            statusAtAccident: LicensePersona.status("A"))
        let decision = commercial.decide(LicensePersona.probationer)
        #expect(decision.outcome == .fail)
        #expect(decision.reasons(.fail).map(\.code) == ["probation.commercialPassenger"])
        let privateUse = InsuranceClaimPolicy(
            accidentDate: LicensePersona.day("2026-01-05"), vehicleClass: "C1",
            statusAtAccident: LicensePersona.status("A"))
        let noted = privateUse.decide(LicensePersona.probationer)
        #expect(noted.outcome == .pass)
        #expect(noted.reasons(.info).contains { $0.code == "probation.active" })
        // After the probation year the same use is not a probation matter.
        let later = InsuranceClaimPolicy(
            accidentDate: LicensePersona.day("2026-10-10"), vehicleClass: "C1",
            use: VehicleUse(commercialPassenger: true),
            statusAtAccident: LicensePersona.status("A"))
        #expect(later.decide(LicensePersona.probationer).has("probation.ended"))
    }

    @Test func probationerTowingAtTheAccidentIsExcluded() {
        let policy = InsuranceClaimPolicy(
            accidentDate: LicensePersona.day("2026-01-05"), vehicleClass: "C1", use: VehicleUse(towing: true),
            statusAtAccident: LicensePersona.status("A"))
        let decision = policy.decide(LicensePersona.probationer)
        #expect(decision.has("probation.towing"))
        #expect(decision.has("class.notPermitted"))
    }

    @Test func twelvePointStatusAtTheAccidentFailsCurrentStatusOnlyRefers() {
        let known = InsuranceClaimPolicy(
            accidentDate: LicensePersona.day("2026-02-01"), vehicleClass: "C1",
            statusAtAccident: LicensePersona.status("B"),
            pointsAtAccident: LicensePersona.points(12, fullCycles: 1))
        let failed = known.decide(LicensePersona.twelvePoints)
        #expect(failed.outcome == .fail)
        #expect(failed.reasons(.fail).map(\.code) == ["status.disqualifying", "points.full"])
        let current = InsuranceClaimPolicy(accidentDate: LicensePersona.day("2026-02-01"), vehicleClass: "C1")
        let referred = current.decide(LicensePersona.with(LicensePersona.twelvePoints) { $0.points = nil })
        #expect(referred.outcome == .refer)
        #expect(referred.reasons(.refer).map(\.code) == ["status.disqualifying", "status.notAtEvent"])
    }

    @Test func todaysStatusAloneNeverPassesAndTodaysPointsOnlyRefer() {
        // Issue 19: a clean licence today says nothing about the accident; 12 points today may postdate it.
        let current = InsuranceClaimPolicy(accidentDate: LicensePersona.day("2026-02-01"), vehicleClass: "C1")
        let clean = current.decide(LicensePersona.cleanC1)
        #expect(clean.outcome == .refer)
        #expect(clean.reasons(.refer).map(\.code) == ["status.notAtEvent"])
        let twelve = current.decide(LicensePersona.twelvePoints)
        #expect(twelve.outcome == .refer)
        #expect(twelve.reasons(.fail).isEmpty)
        #expect(twelve.reasons(.refer).map(\.code).contains("points.full"))
    }

    @Test func classOutsideTheLicenceIsExcluded() {
        let policy = InsuranceClaimPolicy(
            accidentDate: LicensePersona.day("2026-02-01"), vehicleClass: "B2",
            statusAtAccident: LicensePersona.status("A"))
        #expect(policy.decide(LicensePersona.cleanC1).reasons(.fail).map(\.code) == ["class.notPermitted"])
        #expect(policy.decide(LicensePersona.coachA1).outcome == .pass)
    }

    @Test func c6BeforeOrder162IsAnUnknownClass() {
        let policy = InsuranceClaimPolicy(
            accidentDate: LicensePersona.day("2021-05-01"), vehicleClass: "C6",
            statusAtAccident: LicensePersona.status("A"))
        let renewedIn2015 = LicensePersona.with(LicensePersona.tractorA2) {
            $0.issueDate = LicensePersona.day("2015-01-01")
        }
        #expect(policy.decide(renewedIn2015).reasons(.fail).map(\.code) == ["class.unknown"])
        // A document renewed after the accident replaces the one in force then: refer, do not fail.
        let renewedLater = InsuranceClaimPolicy(
            accidentDate: LicensePersona.day("2024-05-01"), vehicleClass: "C1",
            statusAtAccident: LicensePersona.status("A"))
        let referred = renewedLater.decide(LicensePersona.tractorA2)
        #expect(referred.outcome == .refer)
        #expect(referred.reasons(.refer).map(\.code) == ["validity.notYetValid"])
    }

    @Test func pointsFromAnotherCycleAreFlagged() {
        let policy = InsuranceClaimPolicy(
            accidentDate: LicensePersona.day("2024-02-01"), vehicleClass: "C1",
            statusAtAccident: LicensePersona.status("A"))
        #expect(policy.decide(LicensePersona.cleanC1).reasons(.warning).map(\.code) == ["points.otherCycle"])
    }
}
