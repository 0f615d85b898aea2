import Foundation
import MDLCBOR
import MDLStatus
import MDLVerifier

/// Insurance claim (cn-license-rules.md §7.1): the facts **as of the accident**, not claim time — validity, class,
/// probation with the vehicle's use, credential status, status letters and points.
///
/// The usual way: ask the issuer's status service, with the holder's presentation as consent, for a
/// `PointStatement` as of the accident instant (`PointStatementRequest.at`), and judge with it:
///
/// ```swift
/// let request = PointStatementRequest(presentation: bytes, clientID: clientID, nonce: nonce,
///                                     responseURI: responseURI, at: accidentAt)
/// let statement = try await statusClient.pointStatement(from: url, request: request, trust: .issuer(of: document))
/// let decision = InsuranceClaimPolicy(accidentAt: accidentAt, vehicleClass: "C1", statement: statement).decide(facts)
/// ```
///
/// Without a statement for the accident instant (and without ``statusAtAccident``), the licence's current status
/// is all there is: the policy refers (`status.notAtEvent`), and blocking letters or points today refer rather than
/// fail (they may have arisen after the accident). It never passes on today's status alone.
public struct InsuranceClaimPolicy: LicenseCheck {
    /// The day of the accident, in the licence's calendar.
    public var accidentDate: FullDate
    /// The instant of the accident, when known (``init(accidentAt:vehicleClass:use:statement:)``).
    public var accidentAt: Date?
    /// The issuer's statement as of ``accidentAt``, verified by `StatusClient.pointStatement(from:request:trust:maxAge:lookBack:)`.
    public var statementAtAccident: PointStatement?
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

    /// Creates the policy for an accident at `accidentAt`, judged from `statement`, the issuer's statement for that
    /// instant (`nil` when none could be had: the policy then refers). The day-valued facts (validity, class,
    /// probation, age) are judged on the licence's day of `accidentAt`.
    public init(accidentAt: Date, vehicleClass: String, use: VehicleUse = VehicleUse(), statement: PointStatement?) {
        self.init(accidentDate: Self.day(of: accidentAt), vehicleClass: vehicleClass, use: use)
        self.accidentAt = accidentAt
        self.statementAtAccident = statement
    }

    /// The checks.
    public var policy: LicensePolicy {
        if let accidentAt, statusAtAccident == nil { return policy(accidentAt: accidentAt, statement: statementAtAccident) }
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
            if current && pointsAtAccident == nil {
                ReweightedCheck(PointsCheck(on: accidentDate, whenUnknown: .info), failAs: .refer)
            } else {
                PointsCheck(on: accidentDate, pointsOverride: pointsAtAccident, whenUnknown: .info)
            }
            // Today's status list entry judges the claim only when no statement as of the accident is at hand; a
            // statement is the issuer's signed answer for that time.
            if current { CredentialStatusCheck(status: credentialStatus) }
        }
    }

    /// See ``LicenseCheck/evaluate(_:)``. With ``accidentAt``, the day-valued facts are judged on the licence's own
    /// day of the accident (`facts.day(of:)`: Beijing's for a CN licence).
    public func evaluate(_ facts: LicenseFacts) -> [DecisionReason] {
        guard let accidentAt else { return policy.evaluate(facts) }
        var judged = self
        judged.accidentDate = facts.day(of: accidentAt)
        return judged.policy.evaluate(facts)
    }
}

/// A trailer needs the scheme's trailer class (C6 under CN, BE under ISO).
struct TowingClassCheck: LicenseCheck {
    let on: FullDate

    func evaluate(_ facts: LicenseFacts) -> [DecisionReason] {
        guard let scheme = facts.scheme else { return [] }
        return ClassCheck(vehicleClass: scheme == .cn ? "C6" : "BE", on: on).evaluate(facts)
    }
}

/// Says that the status judged is the current one, not the accident-time one: a person must look.
struct StatusTimingNote: LicenseCheck {
    func evaluate(_ facts: LicenseFacts) -> [DecisionReason] {
        guard facts.statusLetters != nil else { return [] }
        return [
            DecisionReason(
                code: "status.notAtEvent", zh: "所核驾驶证状态为核验时状态，并非事故发生时状态",
                en: "The status judged is the one at verification, not at the accident", severity: .refer)
        ]
    }
}
