import MDLStatus

/// The credential's Token Status List value, as the verifier found it, allows its use.
///
/// A superseded credential (value 3) fails: the holder must present the licence issued after the renewal, class
/// change or move.
public struct CredentialStatusCheck: LicenseCheck {
    /// The value the verifier read; `nil` when not checked.
    public var status: LicenseCredentialStatus?
    /// The weight when the status was not checked.
    public var whenUnknown: DecisionSeverity

    /// Creates the check.
    public init(status: LicenseCredentialStatus?, whenUnknown: DecisionSeverity = .info) {
        self.status = status
        self.whenUnknown = whenUnknown
    }

    /// See ``LicenseCheck/evaluate(_:)``.
    public func evaluate(_ facts: LicenseFacts) -> [DecisionReason] {
        switch status {
        case nil:
            return [
                DecisionReason(
                    code: "credential.statusNotChecked", zh: "未核查电子驾驶证状态列表",
                    en: "The credential's status list was not checked", severity: whenUnknown)
            ]
        case .valid?:
            return [
                DecisionReason(
                    code: "credential.valid", zh: "电子驾驶证状态有效", en: "The credential's status is valid", severity: .info)
            ]
        case .invalid?:
            return [
                DecisionReason(
                    code: "credential.invalid", zh: "电子驾驶证已失效（吊销、注销或过期）",
                    en: "The credential is invalid (revoked, cancelled or expired)", severity: .fail)
            ]
        case .suspended?:
            return [
                DecisionReason(
                    code: "credential.suspended", zh: "电子驾驶证已暂停使用（暂扣、扣留或满分等）",
                    en: "The credential is suspended (suspended, detained, full points …)", severity: .fail)
            ]
        case .superseded?:
            return [
                DecisionReason(
                    code: "credential.superseded", zh: "电子驾驶证已被新证取代（换证、增驾或转出），请出示最新电子驾驶证",
                    en:
                        "The credential was superseded (renewal, class change or move); the current one must be presented",
                    severity: .fail)
            ]
        }
    }
}
