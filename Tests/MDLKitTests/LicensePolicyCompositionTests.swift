import Foundation
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

struct LicensePolicyCompositionTests {
    struct Fixed: LicenseCheck {
        let severity: DecisionSeverity
        func evaluate(_ facts: LicenseFacts) -> [DecisionReason] {
            [DecisionReason(code: "test.\(severity.rawValue)", zh: "测试", en: "test", severity: severity)]
        }
    }

    @Test func outcomeIsTheWorstSeverity() {
        #expect(Decision(reasons: []).outcome == .pass)
        #expect(
            LicensePolicy([Fixed(severity: .info), Fixed(severity: .warning)]).decide(LicenseFacts()).outcome == .pass)
        #expect(
            LicensePolicy([Fixed(severity: .warning), Fixed(severity: .refer)]).decide(LicenseFacts()).outcome == .refer
        )
        #expect(
            LicensePolicy([Fixed(severity: .fail), Fixed(severity: .refer)]).decide(LicenseFacts()).outcome == .fail)
    }

    @Test func builderSupportsConditionsLoopsAndNesting() {
        let classes = ["C1", "C2"]
        for trailer in [false, true] {
            let policy = LicensePolicy {
                ValidityCheck(from: LicensePersona.today)
                for vehicle in classes { ClassCheck(vehicleClass: vehicle, on: LicensePersona.today) }
                if trailer { ClassCheck(vehicleClass: "C6", on: LicensePersona.today) } else { Fixed(severity: .info) }
                LicensePolicy { StatusLetterCheck() }
            }
            let decision = policy.decide(LicensePersona.cleanC1)
            #expect(policy.checks.count == 5)
            #expect(decision.outcome == (trailer ? .fail : .pass))
            #expect(decision.reasons.map(\.code).contains("status.normal"))
        }
    }

    @Test func useCasePoliciesAreChecksToo() {
        let parts: [any LicenseCheck] = [
            RentalPolicy(vehicleClass: "C1", pickup: LicensePersona.today, returnDate: LicensePersona.today),
            DrivingJobPolicy.rideHailing(on: LicensePersona.today),
        ]
        #expect(LicensePolicy(parts).decide(LicensePersona.cleanC1).outcome == .pass)
        #expect(LicensePolicy(parts).decide(LicensePersona.probationer).outcome == .fail)
    }

    @Test func missingFactsReferRatherThanPass() {
        let decision = RentalPolicy(vehicleClass: "C1", pickup: LicensePersona.today, returnDate: LicensePersona.today)
            .decide(LicenseFacts(issuingCountry: "CN"))
        #expect(decision.outcome == .fail)
        #expect(decision.reasons(.refer).map(\.code) == ["validity.unknown", "status.unknown", "credential.statusNotChecked"])
        let noCountry = ClassCheck(vehicleClass: "C1", on: LicensePersona.today).decide(LicenseFacts())
        #expect(noCountry.outcome == .refer && noCountry.has("class.schemeUnknown"))
    }

    @Test func reasonsEncodeWithTheirSeverity() throws {
        let reason = DecisionReason(code: "status.normal", zh: "驾驶证状态正常", en: "normal", severity: .info)
        let json = String(decoding: try JSONEncoder.licenseSortedKeys.encode(reason), as: UTF8.self)
        #expect(json == #"{"code":"status.normal","en":"normal","severity":"info","zh":"驾驶证状态正常"}"#)
    }
}
