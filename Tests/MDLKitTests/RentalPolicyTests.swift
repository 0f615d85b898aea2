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

struct RentalPolicyTests {
    let today = LicensePersona.today
    var threeDays: FullDate { today.adding(days: 3) }

    func rental(_ vehicle: String = "C1", trailer: Bool = false, status: LicenseCredentialStatus? = nil) -> RentalPolicy
    {
        RentalPolicy(
            vehicleClass: vehicle, pickup: today, returnDate: threeDays, towsTrailer: trailer, credentialStatus: status)
    }

    @Test func cleanC1DriverRentsACar() {
        let decision = rental().decide(LicensePersona.cleanC1)
        #expect(decision.outcome == .pass)
        for code in ["validity.valid", "status.normal", "class.held", "probation.ended", "points.withinLimit"] {
            #expect(decision.has(code), "\(code)")
        }
    }

    @Test func c1CoversAnAutomaticC2Car() {
        let decision = rental("C2").decide(LicensePersona.cleanC1)
        #expect(decision.outcome == .pass)
        #expect(decision.has("class.includedBy"))
    }

    @Test func aTrailerNeedsC6OrA2() {
        let c1 = rental(trailer: true).decide(LicensePersona.cleanC1)
        #expect(c1.outcome == .fail)
        #expect(c1.reasons(.fail).map(\.code) == ["class.notPermitted"])
        let a2 = rental("C1", trailer: true).decide(LicensePersona.tractorA2)
        #expect(a2.outcome == .pass)
        #expect(a2.reasons.filter { $0.code == "class.includedBy" }.count == 2)
    }

    @Test func probationerGetsAWarningAndMayNotTow() {
        let car = rental().decide(LicensePersona.probationer)
        #expect(car.outcome == .pass)
        #expect(car.reasons(.warning).map(\.code) == ["probation.active"])
        let towing = rental(trailer: true).decide(LicensePersona.probationer)
        #expect(towing.outcome == .fail)
        #expect(towing.has("probation.towing") && towing.has("class.notPermitted"))
    }

    @Test func probationWarningCanBeMadeAReferral() {
        var policy = rental()
        policy.probationSeverity = .refer
        #expect(policy.decide(LicensePersona.probationer).outcome == .refer)
    }

    @Test func twelvePointDriverIsRefused() {
        let decision = rental().decide(LicensePersona.twelvePoints)
        #expect(decision.outcome == .fail)
        #expect(decision.reasons(.fail).map(\.code) == ["status.disqualifying", "points.full"])
    }

    @Test func expiredLicenceIsRefused() {
        let decision = rental().decide(LicensePersona.expired)
        #expect(decision.outcome == .fail)
        #expect(decision.has("validity.expired") && decision.has("status.disqualifying"))
    }

    @Test func licenceMustLastUntilTheReturnDate() {
        let facts = LicensePersona.with(LicensePersona.cleanC1) { $0.expiryDate = LicensePersona.today.adding(days: 1) }
        let decision = rental().decide(facts)
        #expect(decision.outcome == .fail)
        #expect(decision.reasons(.fail).map(\.code) == ["validity.expiresBeforeEnd"])
    }

    @Test func classMustLastUntilTheReturnDate() {
        let facts = LicensePersona.with(LicensePersona.cleanC1) {
            $0.drivingPrivileges[0].expiryDate = LicensePersona.today.adding(days: 1)
        }
        #expect(rental().decide(facts).reasons(.fail).map(\.code) == ["class.endsBeforeEnd"])
    }

    @Test func supersededCredentialIsRefused() {
        let decision = rental(status: LicensePersona.supersededStatus).decide(LicensePersona.supersededByClassChange)
        #expect(decision.outcome == .fail)
        #expect(decision.reasons(.fail).map(\.code) == ["credential.superseded"])
    }

    @Test func pendingViolationsWarnOtherLettersRefer() {
        let pending = rental().decide(
            LicensePersona.with(LicensePersona.cleanC1) { $0.statusLetters = LicensePersona.status("H") })
        #expect(pending.outcome == .pass)
        #expect(pending.reasons(.warning).map(\.code) == ["status.pending"])
        let moved = rental().decide(
            LicensePersona.with(LicensePersona.cleanC1) { $0.statusLetters = LicensePersona.status("C") })
        #expect(moved.outcome == .refer)
        #expect(moved.has("status.needsReview"))
        let unknown = rental().decide(LicensePersona.with(LicensePersona.cleanC1) { $0.statusLetters = nil })
        #expect(unknown.outcome == .refer)
        #expect(unknown.has("status.unknown"))
    }

    @Test func motorcycleAgeCeilingApplies() {
        let rider = LicensePersona.chinese(
            born: "1955-06-01", first: "1990-01-01",
            privileges: [LicensePersona.cleanC1.drivingPrivileges[0], DrivingPrivilege(vehicleCategoryCode: "E")],
            expiry: "2030-01-01")
        let decision = rental("E").decide(rider)
        #expect(decision.outcome == .fail)
        #expect(decision.reasons(.fail).map(\.code) == ["age.overCeiling"])
        #expect(rental("C1").decide(rider).outcome == .pass)
    }

    @Test func isoLicenceIsReadWithISOCategories() {
        let car = RentalPolicy(vehicleClass: "B", pickup: today, returnDate: threeDays).decide(LicensePersona.germanB)
        #expect(car.has("class.held") && car.has("restriction.automaticOnly"))
        #expect(!car.has("probation.active"))
        let lorry = RentalPolicy(vehicleClass: "C1", pickup: today, returnDate: threeDays).decide(
            LicensePersona.germanB)
        #expect(lorry.has("class.notPermitted"))
        let trailer = RentalPolicy(vehicleClass: "B", pickup: today, returnDate: threeDays, towsTrailer: true)
        #expect(trailer.decide(LicensePersona.germanB).has("class.notPermitted"))
    }
}
