import MDLCBOR

/// The holder has held a class covering `vehicleClass` for at least `minimumYears` on `on` (ride-hailing and
/// school-bus rules: 3 years).
///
/// With ``Basis/classHeld`` it uses the earliest `issue_date` of a privilege that covers the class; without one,
/// the first-licence date with a warning (a class added later would be overstated). With ``Basis/drivingExperience``
/// it counts from the first licence (驾龄).
public struct TenureCheck: LicenseCheck {
    /// What the years are counted from.
    public enum Basis: String, Sendable, Hashable {
        /// Since a class covering the vehicle was obtained (ride-hailing: "该准驾车型驾驶证3年以上").
        case classHeld
        /// Since the first licence, whatever its class (school bus: "3年以上驾驶经历").
        case drivingExperience
    }

    /// The class the job needs.
    public var vehicleClass: String
    /// The years required.
    public var minimumYears: Int
    /// The day to count to.
    public var on: FullDate
    /// What the years are counted from.
    public var basis: Basis

    /// Creates the check.
    public init(vehicleClass: String, minimumYears: Int, on: FullDate, basis: Basis = .classHeld) {
        self.vehicleClass = vehicleClass
        self.minimumYears = minimumYears
        self.on = on
        self.basis = basis
    }

    /// See ``LicenseCheck/evaluate(_:)``.
    public func evaluate(_ facts: LicenseFacts) -> [DecisionReason] {
        var reasons: [DecisionReason] = []
        let since: FullDate
        if basis == .classHeld, let held = try? facts.heldSince(permitting: vehicleClass, on: on) {
            since = held
        } else if let first = facts.firstLicenseDate {
            since = first
            if basis == .classHeld {
                reasons.append(
                    DecisionReason(
                        code: "tenure.fromFirstLicence", zh: "准驾车型未注明取得日期，按初次领证日期 \(first) 计算",
                        en: "The class has no issue date; counted from the first licence (\(first))", severity: .warning
                    ))
            }
        } else {
            return [
                DecisionReason(
                    code: "tenure.unknown", zh: "无法确定持有准驾车型 \(vehicleClass.prefix(8)) 的时间",
                    en: "How long class \(vehicleClass.prefix(8)) has been held is unknown", severity: .refer)
            ]
        }
        let years = since.wholeYears(until: on)
        if years < minimumYears {
            reasons.append(
                DecisionReason(
                    code: "tenure.tooShort",
                    zh: "自 \(since) 起持有可驾驶 \(vehicleClass.prefix(8)) 的准驾车型，不满 \(minimumYears) 年",
                    en: "A class covering \(vehicleClass.prefix(8)) held since \(since): under \(minimumYears) years",
                    severity: .fail))
        } else {
            reasons.append(
                DecisionReason(
                    code: "tenure.sufficient", zh: "自 \(since) 起持有可驾驶 \(vehicleClass.prefix(8)) 的准驾车型，满 \(years) 年",
                    en: "A class covering \(vehicleClass.prefix(8)) held since \(since): \(years) years",
                    severity: .info))
        }
        return reasons
    }
}
