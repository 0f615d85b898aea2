import MDLCBOR

/// The licence document is valid on `from` and, when given, through `through` (its `expiry_date` is the last
/// valid day).
public struct ValidityCheck: LicenseCheck {
    /// The first day the licence must be valid (pick-up, accident, hiring day).
    public var from: FullDate
    /// The last day it must still be valid (the rental's return date), if any.
    public var through: FullDate?
    /// The weight when the facts carry no expiry date.
    public var whenUnknown: DecisionSeverity
    /// The weight when the document was issued after `from`. Fail by default; an insurer looking back at an
    /// accident refers instead, since a renewed document replaces the one in force at the time.
    public var notYetValidSeverity: DecisionSeverity

    /// Creates the check.
    public init(
        from: FullDate, through: FullDate? = nil, whenUnknown: DecisionSeverity = .refer,
        notYetValidSeverity: DecisionSeverity = .fail
    ) {
        self.from = from
        self.through = through
        self.whenUnknown = whenUnknown
        self.notYetValidSeverity = notYetValidSeverity
    }

    /// See ``LicenseCheck/evaluate(_:)``.
    public func evaluate(_ facts: LicenseFacts) -> [DecisionReason] {
        guard let expiry = facts.expiryDate else {
            return [
                DecisionReason(
                    code: "validity.unknown", zh: "未提供驾驶证有效期", en: "The licence's expiry date was not disclosed",
                    severity: whenUnknown)
            ]
        }
        if let issued = facts.issueDate, from < issued {
            return [
                DecisionReason(
                    code: "validity.notYetValid", zh: "驾驶证在 \(from) 尚未生效（签发于 \(issued)）",
                    en: "The licence was not yet valid on \(from) (issued \(issued))", severity: notYetValidSeverity)
            ]
        }
        if expiry < from {
            return [
                DecisionReason(
                    code: "validity.expired", zh: "驾驶证已于 \(expiry) 过期，\(from) 时不在有效期内",
                    en: "The licence expired on \(expiry) and was not valid on \(from)", severity: .fail)
            ]
        }
        if let through, expiry < through {
            return [
                DecisionReason(
                    code: "validity.expiresBeforeEnd", zh: "驾驶证于 \(expiry) 到期，早于 \(through)",
                    en: "The licence expires on \(expiry), before \(through)", severity: .fail)
            ]
        }
        let end = through ?? from
        return [
            DecisionReason(
                code: "validity.valid", zh: "驾驶证有效期至 \(expiry)，覆盖 \(from) 至 \(end)",
                en: "The licence is valid until \(expiry), covering \(from) to \(end)", severity: .info)
        ]
    }
}
