import MDLStatus
import MDLVerifier

/// The credential's Token Status List entry allows its use.
///
/// By default the check judges the status verification established (``LicenseFacts/status``): a valid entry read
/// from the issuer is the only way to `info`; an entry that is not valid fails; a status that was not checked (the
/// relying party's explicit opt-out, or facts built without verification), a document with no status reference, a
/// degraded answer from a stale cache, or an unmapped value is `refer`, never `pass`. A superseded credential
/// (value 3) fails: the holder must present the licence issued after the renewal, class change or move.
public struct CredentialStatusCheck: LicenseCheck {
    /// A value the caller established itself, judged instead of ``LicenseFacts/status``; `nil` (the default) judges
    /// the facts' own status.
    public var status: LicenseCredentialStatus?
    /// The weight of a status that is not known: `refer` unless the caller lowers it explicitly.
    public var whenUnknown: DecisionSeverity

    /// Creates the check.
    /// - Parameters:
    ///   - status: a value established by the caller, or `nil` to judge the facts' verified status.
    ///   - whenUnknown: the weight of an unchecked or unknown status (`refer`).
    public init(status: LicenseCredentialStatus? = nil, whenUnknown: DecisionSeverity = .refer) {
        self.status = status
        self.whenUnknown = whenUnknown
    }

    /// See ``LicenseCheck/evaluate(_:)``.
    public func evaluate(_ facts: LicenseFacts) -> [DecisionReason] {
        if let status { return [Self.reason(for: status)] }
        switch facts.status {
        case .notChecked:
            return [
                DecisionReason(
                    code: "credential.statusNotChecked", zh: "未核查电子驾驶证状态列表",
                    en: "The credential's status list was not checked", severity: whenUnknown)
            ]
        case .noReference:
            return [
                DecisionReason(
                    code: "credential.noStatusReference", zh: "电子驾驶证未提供状态列表，无法核查实时状态",
                    en: "The credential names no status list, so its current status is unknown", severity: whenUnknown)
            ]
        case .checked(let result):
            guard let value = result.credentialStatus else {
                return [
                    DecisionReason(
                        code: "credential.statusUnknown", zh: "电子驾驶证状态值无法识别",
                        en: "The credential's status value has no known meaning", severity: whenUnknown)
                ]
            }
            if result.degraded && value == .valid {
                return [
                    DecisionReason(
                        code: "credential.statusDegraded", zh: "电子驾驶证状态来自过期的缓存，未能实时核查",
                        en: "The credential's status comes from a stale cached list, not a current one",
                        severity: whenUnknown)
                ]
            }
            return [Self.reason(for: value)]
        }
    }

    private static func reason(for status: LicenseCredentialStatus) -> DecisionReason {
        switch status {
        case .valid:
            DecisionReason(
                code: "credential.valid", zh: "电子驾驶证状态有效", en: "The credential's status is valid", severity: .info)
        case .invalid:
            DecisionReason(
                code: "credential.invalid", zh: "电子驾驶证已失效（吊销、注销或过期）",
                en: "The credential is invalid (revoked, cancelled or expired)", severity: .fail)
        case .suspended:
            DecisionReason(
                code: "credential.suspended", zh: "电子驾驶证已暂停使用（暂扣、扣留或满分等）",
                en: "The credential is suspended (suspended, detained, full points …)", severity: .fail)
        case .superseded:
            DecisionReason(
                code: "credential.superseded", zh: "电子驾驶证已被新证取代（换证、增驾或转出），请出示最新电子驾驶证",
                en: "The credential was superseded (renewal, class change or move); the current one must be presented",
                severity: .fail)
        }
    }
}
