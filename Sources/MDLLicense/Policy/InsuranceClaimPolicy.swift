import MDLCBOR
import MDLStatus
import MDLVerifier

/// Insurance claim (cn-license-rules.md §7.1): the facts **as of the accident**, not claim time — validity, class,
/// probation with the vehicle's use, status letters and points.
///
/// Give ``statusAtAccident`` and ``pointsAtAccident`` when a statement as of the accident is at hand. Without them
/// the licence's current status is used: a clean one gets a warning that it is not the accident-time status, and
/// a blocking one refers (it may have arisen after the accident) instead of failing.
public struct InsuranceClaimPolicy: LicenseCheck {
    /// The day of the accident.
    public var accidentDate: FullDate
    /// The class the vehicle needed.
    public var vehicleClass: String
    /// How the vehicle was used (bus, commercial passengers, hazardous goods, trailer …).
    public var use: VehicleUse
    /// The status letters as of the accident, when known.
    public var statusAtAccident: LicenseStatusLetters?
    /// The points as of the accident, when known.
    public var pointsAtAccident: PointsRecord?
    /// Letters that exclude cover; `nil` means every blocking letter (the model clauses name U, D, F, G, E, J, M, S).
    public var disqualifyingLetters: Set<LicenseStatusLetter>?
    /// A Token Status List value the caller established itself; `nil` (the default) judges ``LicenseFacts/status``.
    public var credentialStatus: LicenseCredentialStatus?

    /// Creates the policy.
    public init(
        accidentDate: FullDate, vehicleClass: String, use: VehicleUse = VehicleUse(),
        statusAtAccident: LicenseStatusLetters? = nil, pointsAtAccident: PointsRecord? = nil,
        credentialStatus: LicenseCredentialStatus? = nil
    ) {
        self.credentialStatus = credentialStatus
        self.accidentDate = accidentDate
        self.vehicleClass = vehicleClass
        self.use = use
        self.statusAtAccident = statusAtAccident
        self.pointsAtAccident = pointsAtAccident
        self.disqualifyingLetters = nil
    }

    /// The checks.
    public var policy: LicensePolicy {
        let current = statusAtAccident == nil
        return LicensePolicy {
            ValidityCheck(from: accidentDate, notYetValidSeverity: .refer)
            ClassCheck(vehicleClass: vehicleClass, on: accidentDate)
            if use.towing, vehicleClass.uppercased() != "C6", vehicleClass.uppercased() != "A2" {
                TowingClassCheck(on: accidentDate)
            }
            ProbationCheck(vehicleClass: vehicleClass, on: accidentDate, use: use, inProbationSeverity: .info)
            AgeCeilingCheck(vehicleClass: vehicleClass, on: accidentDate)
            StatusLetterCheck(
                disqualifying: disqualifyingLetters, disqualifyingSeverity: current ? .refer : .fail,
                statusOverride: statusAtAccident)
            if current { StatusTimingNote() }
            PointsCheck(on: accidentDate, pointsOverride: pointsAtAccident, whenUnknown: .info)
            // Today's status list entry judges the claim only when no statement as of the accident is at hand; a
            // statement is the issuer's signed answer for that time.
            if current { CredentialStatusCheck(status: credentialStatus) }
        }
    }

    /// See ``LicenseCheck/evaluate(_:)``.
    public func evaluate(_ facts: LicenseFacts) -> [DecisionReason] { policy.evaluate(facts) }
}

/// A trailer needs the scheme's trailer class (C6 under CN, BE under ISO).
struct TowingClassCheck: LicenseCheck {
    let on: FullDate

    func evaluate(_ facts: LicenseFacts) -> [DecisionReason] {
        guard let scheme = facts.scheme else { return [] }
        return ClassCheck(vehicleClass: scheme == .cn ? "C6" : "BE", on: on).evaluate(facts)
    }
}

/// Says that the status judged is the current one, not the accident-time one.
struct StatusTimingNote: LicenseCheck {
    func evaluate(_ facts: LicenseFacts) -> [DecisionReason] {
        guard facts.statusLetters != nil else { return [] }
        return [
            DecisionReason(
                code: "status.notAtEvent", zh: "所核驾驶证状态为核验时状态，并非事故发生时状态",
                en: "The status judged is the one at verification, not at the accident", severity: .warning)
        ]
    }
}
