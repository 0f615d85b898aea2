import Foundation
import MDLCBOR
import MDLStatus

extension InsuranceClaimPolicy {
    /// The checks for an accident at `accidentAt`: the day-valued facts on the accident day, status, credential
    /// status and points from `statement` when it answers for that instant, else today's status, referring.
    func policy(accidentAt: Date, statement: PointStatement?) -> LicensePolicy {
        let atAccident = statement.flatMap { Self.sameSecond($0.answersFor, accidentAt) ? $0 : nil }
        let day = accidentDate
        return LicensePolicy {
            ValidityCheck(from: day, notYetValidSeverity: .refer)
            ClassCheck(vehicleClass: vehicleClass, on: day)
            if use.towing, vehicleClass.uppercased() != "C6", vehicleClass.uppercased() != "A2" {
                TowingClassCheck(on: day)
            }
            ProbationCheck(vehicleClass: vehicleClass, on: day, use: use, inProbationSeverity: .info)
            AgeCeilingCheck(vehicleClass: vehicleClass, on: day)
            AccidentStatementCheck(accidentAt: accidentAt, statement: statement)
            if let atAccident {
                // Superseded at the accident: a newer licence was in force then; a person checks that one.
                ReweightedCheck(
                    CredentialStatusCheck(
                        status: atAccident.credentialStatus ?? atAccident.statusLetters.credentialStatus
                    ),
                    failAs: .refer,
                    only: ["credential.superseded"]
                )
                StatusLetterCheck(disqualifying: disqualifyingLetters, statusOverride: atAccident.statusLetters)
                PointsCheck(on: day, pointsOverride: atAccident.points, whenUnknown: .info)
            } else {
                StatusLetterCheck(disqualifying: disqualifyingLetters, disqualifyingSeverity: .refer)
                StatusTimingNote()
                ReweightedCheck(PointsCheck(on: day, whenUnknown: .info), failAs: .refer)
                CredentialStatusCheck(status: credentialStatus)
            }
        }
    }

    /// The day of `instant` for a CN licence (``LicenseCalendar/standard``, Beijing), until the facts are known:
    /// ``evaluate(_:)`` judges on the licence's own day (`facts.day(of:)`).
    static func day(of instant: Date) -> FullDate {
        LicenseCalendar.standard.day(of: instant, issuingCountry: "CN")
    }

    static func sameSecond(_ first: Date, _ second: Date) -> Bool {
        first.timeIntervalSince1970.rounded(.down) == second.timeIntervalSince1970.rounded(.down)
    }
}

/// Whether the facts judged come from the issuer's statement for the accident instant.
struct AccidentStatementCheck: LicenseCheck {
    let accidentAt: Date
    let statement: PointStatement?

    func evaluate(_ facts: LicenseFacts) -> [DecisionReason] {
        let accident = TDate.format(accidentAt)
        guard let statement else {
            return [
                DecisionReason(
                    code: "statement.none",
                    zh: "无发证机关出具的事故时（\(accident)）驾驶证状态证明",
                    en: "No issuer statement as of the accident (\(accident)): today's status cannot settle the claim",
                    severity: .refer
                )
            ]
        }
        guard InsuranceClaimPolicy.sameSecond(statement.answersFor, accidentAt) else {
            let other = TDate.format(statement.answersFor)
            return [
                DecisionReason(
                    code: "statement.otherInstant",
                    zh: "发证机关证明所述时间为 \(other)，并非事故时间 \(accident)",
                    en: "The issuer's statement answers for \(other), not the accident at \(accident)",
                    severity: .refer
                )
            ]
        }
        let made = TDate.format(statement.issuedAt)
        return [
            DecisionReason(
                code: "statement.atAccident",
                zh: "驾驶证状态与记分依据发证机关于 \(made) 出具的事故时（\(accident)）证明",
                en: "Status and points as of the accident (\(accident)), stated by the issuer at \(made)",
                severity: .info
            )
        ]
    }
}

/// Another check with some of its failures weighed differently (e.g. `refer` when the facts may postdate the event).
struct ReweightedCheck: LicenseCheck {
    let check: any LicenseCheck
    let failAs: DecisionSeverity
    /// The codes reweighed; `nil` reweighs every failure.
    let only: Set<String>?

    init(_ check: any LicenseCheck, failAs: DecisionSeverity, only: Set<String>? = nil) {
        self.check = check
        self.failAs = failAs
        self.only = only
    }

    var elementsRead: Set<LicenseElement> { check.elementsRead }

    func evaluate(_ facts: LicenseFacts) -> [DecisionReason] {
        check.evaluate(facts).map { reason in
            guard reason.severity == .fail, only.map({ $0.contains(reason.code) }) ?? true else { return reason }
            return DecisionReason(code: reason.code, zh: reason.zh, en: reason.en, severity: failAs)
        }
    }
}
