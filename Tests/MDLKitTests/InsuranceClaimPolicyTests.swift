import MDLCBOR
import Testing

@testable import MDLKit

struct InsuranceClaimPolicyTests {
    @Test func factsAreJudgedAsOfTheAccident() {
        let before = InsuranceClaimPolicy(
            accidentDate: Persona.day("2025-11-01"), vehicleClass: "C1", statusAtAccident: Persona.status("A"),
            pointsAtAccident: Persona.points(2))
        #expect(before.decide(Persona.expired).outcome == .pass)
        let after = InsuranceClaimPolicy(
            accidentDate: Persona.day("2026-01-10"), vehicleClass: "C1", statusAtAccident: Persona.status("M"))
        let decision = after.decide(Persona.expired)
        #expect(decision.outcome == .fail)
        #expect(decision.reasons(.fail).map(\.code) == ["validity.expired", "status.disqualifying"])
    }

    @Test func probationerInCommercialUseIsExcludedPrivateUseIsNoted() {
        let commercial = InsuranceClaimPolicy(
            accidentDate: Persona.day("2026-01-05"), vehicleClass: "C1", use: VehicleUse(commercialPassenger: true),
            statusAtAccident: Persona.status("A"))
        let decision = commercial.decide(Persona.probationer)
        #expect(decision.outcome == .fail)
        #expect(decision.reasons(.fail).map(\.code) == ["probation.commercialPassenger"])
        let privateUse = InsuranceClaimPolicy(
            accidentDate: Persona.day("2026-01-05"), vehicleClass: "C1", statusAtAccident: Persona.status("A"))
        let noted = privateUse.decide(Persona.probationer)
        #expect(noted.outcome == .pass)
        #expect(noted.reasons(.info).contains { $0.code == "probation.active" })
        // After the probation year the same use is not a probation matter.
        let later = InsuranceClaimPolicy(
            accidentDate: Persona.day("2026-10-10"), vehicleClass: "C1", use: VehicleUse(commercialPassenger: true),
            statusAtAccident: Persona.status("A"))
        #expect(later.decide(Persona.probationer).has("probation.ended"))
    }

    @Test func probationerTowingAtTheAccidentIsExcluded() {
        let policy = InsuranceClaimPolicy(
            accidentDate: Persona.day("2026-01-05"), vehicleClass: "C1", use: VehicleUse(towing: true),
            statusAtAccident: Persona.status("A"))
        let decision = policy.decide(Persona.probationer)
        #expect(decision.has("probation.towing"))
        #expect(decision.has("class.notPermitted"))
    }

    @Test func twelvePointStatusAtTheAccidentFailsCurrentStatusOnlyRefers() {
        let known = InsuranceClaimPolicy(
            accidentDate: Persona.day("2026-02-01"), vehicleClass: "C1", statusAtAccident: Persona.status("B"),
            pointsAtAccident: Persona.points(12, fullCycles: 1))
        let failed = known.decide(Persona.twelvePoints)
        #expect(failed.outcome == .fail)
        #expect(failed.reasons(.fail).map(\.code) == ["status.disqualifying", "points.full"])
        let current = InsuranceClaimPolicy(accidentDate: Persona.day("2026-02-01"), vehicleClass: "C1")
        let referred = current.decide(Persona.with(Persona.twelvePoints) { $0.points = nil })
        #expect(referred.outcome == .refer)
        #expect(referred.reasons(.refer).map(\.code) == ["status.disqualifying"])
        #expect(referred.reasons(.warning).map(\.code) == ["status.notAtEvent"])
    }

    @Test func classOutsideTheLicenceIsExcluded() {
        let policy = InsuranceClaimPolicy(
            accidentDate: Persona.day("2026-02-01"), vehicleClass: "B2", statusAtAccident: Persona.status("A"))
        #expect(policy.decide(Persona.cleanC1).reasons(.fail).map(\.code) == ["class.notPermitted"])
        #expect(policy.decide(Persona.coachA1).outcome == .pass)
    }

    @Test func c6BeforeOrder162IsAnUnknownClass() {
        let policy = InsuranceClaimPolicy(
            accidentDate: Persona.day("2021-05-01"), vehicleClass: "C6", statusAtAccident: Persona.status("A"))
        let renewedIn2015 = Persona.with(Persona.tractorA2) { $0.issueDate = Persona.day("2015-01-01") }
        #expect(policy.decide(renewedIn2015).reasons(.fail).map(\.code) == ["class.unknown"])
        // A document renewed after the accident replaces the one in force then: refer, do not fail.
        let renewedLater = InsuranceClaimPolicy(
            accidentDate: Persona.day("2024-05-01"), vehicleClass: "C1", statusAtAccident: Persona.status("A"))
        let referred = renewedLater.decide(Persona.tractorA2)
        #expect(referred.outcome == .refer)
        #expect(referred.reasons(.refer).map(\.code) == ["validity.notYetValid"])
    }

    @Test func pointsFromAnotherCycleAreFlagged() {
        let policy = InsuranceClaimPolicy(
            accidentDate: Persona.day("2024-02-01"), vehicleClass: "C1", statusAtAccident: Persona.status("A"))
        #expect(policy.decide(Persona.cleanC1).reasons(.warning).map(\.code) == ["points.otherCycle"])
    }
}
