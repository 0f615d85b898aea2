import Foundation
import MDLCBOR

/// Penalty points (记分, MPS Order 163) of one driver, as the issuer or its status service reported them.
///
/// A cycle lasts 12 months and runs on from the date of the first licence. A cycle that reaches 12 points is a
/// "full-point" cycle; ride-hailing and school-bus rules look at the last three cycles.
public struct PointsRecord: Sendable, Hashable {
    /// Points in the current cycle (累积记分, `LJJF`).
    public var pointsInCycle: Int
    /// First day of the current cycle.
    public var cycleStart: FullDate
    /// Last day of the current cycle (the day before the clearing date, `QFRQ`).
    public var cycleEnd: FullDate
    /// How many of the last three cycles (the current one included) reached 12 points.
    public var fullPointCyclesInLastThree: Int
    /// When the issuer stated these figures.
    public var asOf: Date

    /// Creates a points record.
    public init(
        pointsInCycle: Int, cycleStart: FullDate, cycleEnd: FullDate, fullPointCyclesInLastThree: Int, asOf: Date
    ) {
        self.pointsInCycle = pointsInCycle
        self.cycleStart = cycleStart
        self.cycleEnd = cycleEnd
        self.fullPointCyclesInLastThree = fullPointCyclesInLastThree
        self.asOf = asOf
    }

    /// The maximum of a cycle: reaching it detains the licence (L163 art. 17).
    public static let cycleMaximum = 12

    /// Whether the current cycle has reached 12 points.
    public var isFullInCurrentCycle: Bool { pointsInCycle >= Self.cycleMaximum }
}
