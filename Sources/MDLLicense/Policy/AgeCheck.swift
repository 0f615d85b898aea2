import MDLCBOR

/// The holder's age on `on` lies in `range` (school bus: 25...60).
public struct AgeCheck: LicenseCheck {
    /// The ages allowed, in whole years.
    public var range: ClosedRange<Int>
    /// The day the age is taken.
    public var on: FullDate

    /// Creates the check.
    public init(range: ClosedRange<Int>, on: FullDate) {
        self.range = range
        self.on = on
    }

    /// See ``LicenseCheck/evaluate(_:)``.
    public func evaluate(_ facts: LicenseFacts) -> [DecisionReason] {
        guard let age = facts.age(on: on) else {
            return [
                DecisionReason(
                    code: "age.unknown", zh: "未提供出生日期", en: "The birth date was not disclosed", severity: .refer)
            ]
        }
        let bounds = "\(range.lowerBound)–\(range.upperBound)"
        guard range.contains(age) else {
            return [
                DecisionReason(
                    code: "age.outOfRange", zh: "年龄 \(age) 岁，不在 \(bounds) 岁之间",
                    en: "Aged \(age), outside \(bounds)", severity: .fail)
            ]
        }
        return [
            DecisionReason(
                code: "age.inRange", zh: "年龄 \(age) 岁，在 \(bounds) 岁之间", en: "Aged \(age), within \(bounds)",
                severity: .info)
        ]
    }
}

/// The holder is below the driving-age ceiling of `vehicleClass` on `on` (Chinese scheme; L162 art. 65 and
/// Order 172). Between 63 and 66 an A/B driver may hold a tested extension, so that range refers.
public struct AgeCeilingCheck: LicenseCheck {
    /// The class the vehicle needs.
    public var vehicleClass: String
    /// The day the vehicle is driven.
    public var on: FullDate

    /// Creates the check.
    public init(vehicleClass: String, on: FullDate) {
        self.vehicleClass = vehicleClass
        self.on = on
    }

    /// See ``LicenseCheck/evaluate(_:)``.
    public func evaluate(_ facts: LicenseFacts) -> [DecisionReason] {
        guard facts.scheme == .cn, let licenseClass = CNLicenseClass(code: vehicleClass),
            let ceiling = AgeCeiling.of(licenseClass, on: on)
        else { return [] }
        guard let age = facts.age(on: on) else {
            return [
                DecisionReason(
                    code: "age.unknown", zh: "未提供出生日期，无法核对 \(licenseClass) 的年龄上限",
                    en: "No birth date: the age ceiling of \(licenseClass) cannot be checked", severity: .refer)
            ]
        }
        guard age >= ceiling.age else { return [] }
        let source = ceiling.regulation
        if age < ceiling.age + ceiling.extensionYears {
            return [
                DecisionReason(
                    code: "age.ceilingExtensionNeeded",
                    zh: "年龄 \(age) 岁，已达 \(licenseClass) 的 \(ceiling.age) 岁上限，须经考核延长方可驾驶（\(source.zh)）",
                    en:
                        "Aged \(age), at or over the \(ceiling.age) ceiling of \(licenseClass); driving needs a tested extension (\(source.en))",
                    severity: .refer)
            ]
        }
        return [
            DecisionReason(
                code: "age.overCeiling", zh: "年龄 \(age) 岁，已达 \(licenseClass) 的 \(ceiling.age) 岁上限（\(source.zh)）",
                en: "Aged \(age), at or over the \(ceiling.age) ceiling of \(licenseClass) (\(source.en))",
                severity: .fail)
        ]
    }
}
