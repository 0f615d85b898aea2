import MDLCBOR
import MDLVerifier

/// The licence's classes cover `vehicleClass` on `on` (and still on `through`, when given).
public struct ClassCheck: LicenseCheck {
    /// The class the vehicle needs, in the licence's scheme (`"C1"`; `"C6"` for a trailer).
    public var vehicleClass: String
    /// The day the vehicle is driven (pick-up, accident, hiring day).
    public var on: FullDate
    /// The last day it will be driven, if later.
    public var through: FullDate?

    /// Creates the check.
    public init(vehicleClass: String, on: FullDate, through: FullDate? = nil) {
        self.vehicleClass = vehicleClass
        self.on = on
        self.through = through
    }

    /// See ``LicenseCheck/evaluate(_:)``.
    public func evaluate(_ facts: LicenseFacts) -> [DecisionReason] {
        let answer: ClassAnswer
        do {
            answer = try facts.permits(vehicleClass: vehicleClass, on: on)
        } catch let error as MDLError where error.code == .licenseSchemeUnknown {
            return [
                DecisionReason(
                    code: "class.schemeUnknown", zh: "未提供签发国家，无法判断准驾车型",
                    en: "No issuing country: the class scheme cannot be chosen", severity: .refer)
            ]
        } catch {
            return [
                DecisionReason(
                    code: "class.unknown", zh: "准驾车型代号 \(vehicleClass.prefix(8)) 在 \(on) 不存在",
                    en: "Class \(vehicleClass.prefix(8)) does not exist on \(on)", severity: .fail)
            ]
        }
        var reasons = answer.reasons.map { reason in
            DecisionReason(reason, severity: severity(of: reason))
        }
        if answer.permitted, let through, through > on,
            let later = try? facts.permits(vehicleClass: vehicleClass, on: through), !later.permitted
        {
            reasons.append(
                DecisionReason(
                    code: "class.endsBeforeEnd", zh: "准驾车型 \(answer.vehicle) 的有效期在 \(through) 前结束",
                    en: "The class covering \(answer.vehicle) ends before \(through)", severity: .fail))
        }
        return reasons
    }

    /// Not permitted fails; conditions (restriction codes) and an old-table answer warn; the rest is for the record.
    private func severity(of reason: LicenseReason) -> DecisionSeverity {
        if reason.code == "class.notPermitted" || reason.code == "class.noneHeld" { return .fail }
        if reason.code.hasPrefix("restriction.") || reason.code.hasPrefix("regulation.")
            || reason.code == "class.heldUnknown"
        {
            return .warning
        }
        return .info
    }
}
