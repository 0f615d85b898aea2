import Foundation
import MDLKit
import MDLSandbox

/// The use cases a clerk or claimant picks, and how each decides on a verified licence.
enum CounterUseCase: String, CaseIterable, Sendable {
    case rental, insuranceClaim = "insurance-claim", drivingJob = "driving-job"

    /// The purpose the request states (and the sandbox relying party registered for it).
    var purpose: PresentationPurpose {
        switch self {
        case .rental: .carRental
        case .insuranceClaim: .insuranceClaim
        case .drivingJob: .drivingJob
        }
    }

    /// The use case's policy applied to `facts` (which carry the status the verifier established).
    func decide(_ facts: LicenseFacts, today: FullDate) -> Decision {
        switch self {
        case .rental:
            RentalPolicy(vehicleClass: "C1", pickup: today, returnDate: today.adding(days: 3)).decide(facts)
        case .insuranceClaim:
            // The portal takes a claim for an accident today; without a statement as of an earlier accident the
            // policy refers (see `mdl-rp request --accident-at` for the point statement).
            InsuranceClaimPolicy(accidentDate: today, vehicleClass: "C1").decide(facts)
        case .drivingJob:
            DrivingJobPolicy.rideHailing(vehicleClass: "C1", on: today).decide(facts)
        }
    }
}

/// What the page shows after a response: the decision with its reasons, the consent receipt, the portrait.
/// Built in memory for the one page that asked, never logged or stored.
enum CounterResult {
    /// The page's JSON for `outcome` of a request made for `useCase`.
    static func json(_ outcome: PresentationOutcome, useCase: CounterUseCase, now: Date) -> [UInt8] {
        var body: [String: Any] = ["useCase": useCase.rawValue]
        switch outcome {
        case .presented(let presentation, let receipt):
            body["receipt"] = receiptJSON(receipt)
            if let facts = presentation.license {
                let decision = useCase.decide(facts, today: Persona.today(at: now))
                body["outcome"] = decision.outcome.rawValue
                body["reasons"] = decision.reasons.map {
                    ["code": $0.code, "zh": $0.zh, "en": $0.en, "severity": $0.severity.rawValue]
                }
                if let portrait = facts.portrait {
                    body["portrait"] = "data:image/jpeg;base64," + Data(portrait).base64EncodedString()
                }
            } else {
                body["outcome"] = DecisionOutcome.refer.rawValue
                body["reasons"] = [[
                    "code": "presentation.noLicence", "zh": "未出示驾驶证", "en": "no driving licence was presented",
                    "severity": DecisionSeverity.refer.rawValue,
                ]]
            }
        case .declined(let receipt):
            body["outcome"] = "declined"
            body["receipt"] = receiptJSON(receipt)
        case .refused(let error, _):
            body["outcome"] = "refused"
            body["error"] = ["code": error.code.rawValue, "message": error.message]
        }
        return (try? JSONSerialization.data(withJSONObject: body, options: [.sortedKeys])).map(Array.init) ?? Array("{}".utf8)
    }

    private static func receiptJSON(_ receipt: ConsentReceipt) -> [String: Any] {
        [
            "clientID": receipt.clientID, "relyingPartyZH": receipt.relyingPartyNameZH,
            "relyingPartyEN": receipt.relyingPartyNameEN, "purposeZH": receipt.purpose?.nameZH ?? "",
            "purposeEN": receipt.purpose?.nameEN ?? "", "outcome": "\(receipt.outcome)",
            "disclosed": receipt.disclosed.map { ["element": $0.element.description, "retained": $0.retained] },
            "declined": receipt.declined.map(\.description), "time": TDate.format(receipt.time),
            "status": receipt.status ?? "",
        ]
    }
}
