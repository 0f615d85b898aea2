import MDLStatus

/// The licence status letters (驾驶证状态) allow driving.
///
/// Each letter is sorted into: acceptable (no reason), tolerated (a warning, e.g. H/I unprocessed violations),
/// disqualifying (``disqualifyingSeverity``, `fail` by default) or anything else (refer).
public struct StatusLetterCheck: LicenseCheck {
    /// Letters that need no remark. Default: A.
    public var acceptable: Set<LicenseStatusLetter>
    /// Letters reported as warnings. Default: H, I.
    public var tolerated: Set<LicenseStatusLetter>
    /// Letters that break the rule; `nil` means every letter whose effect is `LicenseStatusEffect.blocking`.
    public var disqualifying: Set<LicenseStatusLetter>?
    /// The weight of a disqualifying letter.
    public var disqualifyingSeverity: DecisionSeverity
    /// Letters to judge instead of the facts' (e.g. the status at an accident time); `nil` uses the facts'.
    public var statusOverride: LicenseStatusLetters?
    /// The weight when no status is known.
    public var whenUnknown: DecisionSeverity

    /// Creates the check.
    public init(
        acceptable: Set<LicenseStatusLetter> = [.a], tolerated: Set<LicenseStatusLetter> = [.h, .i],
        disqualifying: Set<LicenseStatusLetter>? = nil, disqualifyingSeverity: DecisionSeverity = .fail,
        statusOverride: LicenseStatusLetters? = nil, whenUnknown: DecisionSeverity = .refer
    ) {
        self.acceptable = acceptable
        self.tolerated = tolerated
        self.disqualifying = disqualifying
        self.disqualifyingSeverity = disqualifyingSeverity
        self.statusOverride = statusOverride
        self.whenUnknown = whenUnknown
    }

    /// See ``LicenseCheck/evaluate(_:)``.
    public func evaluate(_ facts: LicenseFacts) -> [DecisionReason] {
        guard let status = statusOverride ?? facts.statusLetters else {
            return [
                DecisionReason(
                    code: "status.unknown", zh: "未提供驾驶证状态", en: "The licence status was not disclosed",
                    severity: whenUnknown)
            ]
        }
        let vocabulary = status.vocabulary
        let barred =
            disqualifying ?? Set(LicenseStatusLetter.allCases.filter { $0.effect(in: vocabulary) == .blocking })
        let letters = status.sorted
        let bad = letters.filter { barred.contains($0) }
        let pending = letters.filter { !barred.contains($0) && !acceptable.contains($0) && tolerated.contains($0) }
        let unclear = letters.filter { !barred.contains($0) && !acceptable.contains($0) && !tolerated.contains($0) }
        var reasons: [DecisionReason] = []
        if !bad.isEmpty {
            let view = LicenseStatusLetters(Set(bad), vocabulary: vocabulary)
            reasons.append(
                DecisionReason(
                    code: "status.disqualifying", zh: "驾驶证状态为 \(view)（\(view.zh)）",
                    en: "The licence status is \(view) (\(view.en))", severity: disqualifyingSeverity))
        }
        if !pending.isEmpty {
            let view = LicenseStatusLetters(Set(pending), vocabulary: vocabulary)
            reasons.append(
                DecisionReason(
                    code: "status.pending", zh: "驾驶证状态含 \(view)（\(view.zh)）",
                    en: "The licence status includes \(view) (\(view.en))",
                    severity: .warning))
        }
        if !unclear.isEmpty {
            let view = LicenseStatusLetters(Set(unclear), vocabulary: vocabulary)
            reasons.append(
                DecisionReason(
                    code: "status.needsReview", zh: "驾驶证状态含 \(view)（\(view.zh)），需人工核查",
                    en: "The licence status includes \(view) (\(view.en)); a person must review it", severity: .refer))
        }
        if reasons.isEmpty {
            reasons.append(
                DecisionReason(
                    code: "status.normal", zh: "驾驶证状态正常", en: "The licence status is normal", severity: .info))
        }
        return reasons
    }
}
