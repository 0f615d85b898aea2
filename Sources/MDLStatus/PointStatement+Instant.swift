import Foundation
import MDLCBOR
import MDLVerifier

/// Statements as of a past instant: the look-back bound and the checks shared by the relying party and the
/// status service.
extension PointStatement {
    /// The default look-back: three years (1,096 days, a leap day included), the record-keeping period an
    /// insurer's claim window falls within.
    public static let defaultLookBack: TimeInterval = 1_096 * 86_400

    /// Checks that `instant` may be asked about at `time`: not in the future (beyond `clockSkew`) and at most
    /// `lookBack` seconds before `time`.
    /// - Throws: `MDLError.Code.pointStatementInstantOutOfRange`.
    public static func checkInstant(
        _ instant: Date,
        from time: Date,
        lookBack: TimeInterval = defaultLookBack,
        clockSkew: TimeInterval = 60
    ) throws(MDLError) {
        if instant.timeIntervalSince(time) > clockSkew {
            throw MDLError(
                code: .pointStatementInstantOutOfRange,
                message: "the instant \(TDate.format(instant)) is in the future of \(TDate.format(time))"
            )
        }
        if time.timeIntervalSince(instant) > lookBack {
            throw MDLError(
                code: .pointStatementInstantOutOfRange,
                message:
                    "the instant \(TDate.format(instant)) is more than \(Int(lookBack / 86_400)) days before \(TDate.format(time))"
            )
        }
    }

    /// Whether the statement answers for a past instant rather than the time it was made.
    public var isAsOfPastInstant: Bool { !Self.sameSecond(answersFor, issuedAt) }

    /// Whether two instants fall in the same whole second (statements carry whole-second tdates).
    static func sameSecond(_ first: Date, _ second: Date) -> Bool {
        first.timeIntervalSince1970.rounded(.down) == second.timeIntervalSince1970.rounded(.down)
    }
}
