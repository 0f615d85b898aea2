import MDLCBOR

/// Probation (实习期, Chinese scheme): what a probationer may not do with this vehicle (L162 art. 77).
///
/// Towing is assumed whenever the vehicle class is C6 or A2.
public struct ProbationCheck: LicenseCheck {
    /// The class the vehicle needs.
    public var vehicleClass: String
    /// The day the vehicle is driven.
    public var on: FullDate
    /// How the vehicle is used.
    public var use: VehicleUse
    /// The weight of being in probation when the use is allowed (expressways need a companion).
    public var inProbationSeverity: DecisionSeverity
    /// The weight of a use probation forbids.
    public var forbiddenUseSeverity: DecisionSeverity
    /// The weight when probation cannot be established (no first-licence or class dates).
    public var whenUnknown: DecisionSeverity

    /// Creates the check.
    public init(
        vehicleClass: String, on: FullDate, use: VehicleUse = VehicleUse(),
        inProbationSeverity: DecisionSeverity = .warning, forbiddenUseSeverity: DecisionSeverity = .fail,
        whenUnknown: DecisionSeverity = .warning
    ) {
        self.vehicleClass = vehicleClass
        self.on = on
        self.use = use
        self.inProbationSeverity = inProbationSeverity
        self.forbiddenUseSeverity = forbiddenUseSeverity
        self.whenUnknown = whenUnknown
    }

    /// See ``LicenseCheck/evaluate(_:)``.
    public func evaluate(_ facts: LicenseFacts) -> [DecisionReason] {
        guard facts.scheme == .cn else { return [] }
        guard let end = facts.probationEnd(for: vehicleClass),
            let inProbation = facts.isInProbation(for: vehicleClass, on: on)
        else {
            return [
                DecisionReason(
                    code: "probation.unknown", zh: "缺少初次领证日期，无法判断是否处于实习期",
                    en: "Without the first-licence date, probation cannot be established", severity: whenUnknown)
            ]
        }
        guard inProbation else {
            return [
                DecisionReason(
                    code: "probation.ended", zh: "实习期已于 \(end) 结束", en: "Probation ended on \(end)", severity: .info)
            ]
        }
        var effective = use
        if let needed = CNLicenseClass(code: vehicleClass), needed == .c6 || needed == .a2 { effective.towing = true }
        let conflicts = effective.probationConflicts
        if conflicts.isEmpty {
            return [
                DecisionReason(
                    code: "probation.active", zh: "处于实习期（至 \(end)），上高速公路须由持相应车型驾驶证三年以上的驾驶人陪同",
                    en:
                        "In probation until \(end): expressway driving needs a companion who has held the class for 3 years",
                    severity: inProbationSeverity)
            ]
        }
        return conflicts.map { restriction in
            DecisionReason(
                code: "probation.\(restriction.rawValue)", zh: "\(restriction.zh)（实习期至 \(end)）",
                en: "\(restriction.en) (probation until \(end))", severity: forbiddenUseSeverity)
        }
    }
}
