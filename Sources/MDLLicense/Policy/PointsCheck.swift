import MDLCBOR
import MDLStatus

/// Penalty points: the current cycle below 12 (or a lower limit) and few enough full-point cycles.
public struct PointsCheck: LicenseCheck {
    /// The most points allowed in the current cycle. Default 11: a 12-point cycle fails.
    public var maximumInCycle: Int
    /// The most 12-point cycles allowed among the last three; `nil` does not look.
    public var maximumFullCyclesInLastThree: Int?
    /// The day the points should describe; a record whose cycle does not contain it gets a warning.
    public var on: FullDate?
    /// Points to judge instead of the facts' (e.g. a statement as of the accident); `nil` uses the facts'.
    public var pointsOverride: PointsRecord?
    /// The weight when no points are known.
    public var whenUnknown: DecisionSeverity

    /// Creates the check.
    public init(
        maximumInCycle: Int = PointsRecord.cycleMaximum - 1, maximumFullCyclesInLastThree: Int? = nil,
        on: FullDate? = nil, pointsOverride: PointsRecord? = nil, whenUnknown: DecisionSeverity = .refer
    ) {
        self.maximumInCycle = maximumInCycle
        self.maximumFullCyclesInLastThree = maximumFullCyclesInLastThree
        self.on = on
        self.pointsOverride = pointsOverride
        self.whenUnknown = whenUnknown
    }

    /// See ``LicenseCheck/evaluate(_:)``.
    public func evaluate(_ facts: LicenseFacts) -> [DecisionReason] {
        guard let points = pointsOverride ?? facts.points else {
            return [
                DecisionReason(
                    code: "points.unknown", zh: "未提供记分情况", en: "No penalty-point record was disclosed",
                    severity: whenUnknown)
            ]
        }
        var reasons: [DecisionReason] = []
        let cycle = "\(points.cycleStart)–\(points.cycleEnd)"
        if let on, on < points.cycleStart || points.cycleEnd < on {
            reasons.append(
                DecisionReason(
                    code: "points.otherCycle", zh: "记分周期 \(cycle) 不包含 \(on)",
                    en: "The points cycle \(cycle) does not contain \(on)", severity: .warning))
        }
        if points.isFullInCurrentCycle {
            reasons.append(
                DecisionReason(
                    code: "points.full", zh: "本记分周期累积记分 \(points.pointsInCycle) 分，已满12分",
                    en: "\(points.pointsInCycle) points in the cycle \(cycle): 12 reached", severity: .fail))
        } else if points.pointsInCycle > maximumInCycle {
            reasons.append(
                DecisionReason(
                    code: "points.overLimit", zh: "本记分周期累积记分 \(points.pointsInCycle) 分，超过 \(maximumInCycle) 分",
                    en: "\(points.pointsInCycle) points in the cycle \(cycle), over the limit of \(maximumInCycle)",
                    severity: .fail))
        }
        if let limit = maximumFullCyclesInLastThree, points.fullPointCyclesInLastThree > limit {
            reasons.append(
                DecisionReason(
                    code: "points.fullCycleInLastThree", zh: "最近三个记分周期内有 \(points.fullPointCyclesInLastThree) 个周期记满12分",
                    en: "\(points.fullPointCyclesInLastThree) of the last three cycles reached 12 points",
                    severity: .fail))
        }
        if !reasons.contains(where: { $0.severity == .fail }) {
            reasons.append(
                DecisionReason(
                    code: "points.withinLimit", zh: "本记分周期累积记分 \(points.pointsInCycle) 分",
                    en: "\(points.pointsInCycle) points in the cycle \(cycle)", severity: .info))
        }
        return reasons
    }
}
