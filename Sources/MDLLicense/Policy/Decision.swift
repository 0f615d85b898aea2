/// The outcome of a licence policy: pass, fail or refer to a person, with the reasons.
///
/// The SDK states facts and rule outcomes; the relying party decides coverage, rental or hiring.
public struct Decision: Sendable, Hashable {
    /// Pass, fail or refer.
    public let outcome: DecisionOutcome
    /// Every reason, in the order the checks gave them.
    public let reasons: [DecisionReason]

    /// A decision from reasons: ``DecisionOutcome/fail`` when any reason fails, else ``DecisionOutcome/refer``
    /// when any refers, else ``DecisionOutcome/pass`` (warnings and notes do not change a pass).
    public init(reasons: [DecisionReason]) {
        self.reasons = reasons
        if reasons.contains(where: { $0.severity == .fail }) {
            outcome = .fail
        } else if reasons.contains(where: { $0.severity == .refer }) {
            outcome = .refer
        } else {
            outcome = .pass
        }
    }

    /// The reasons of `severity`.
    public func reasons(_ severity: DecisionSeverity) -> [DecisionReason] { reasons.filter { $0.severity == severity } }

    /// Whether a reason with `code` was given.
    public func has(_ code: String) -> Bool { reasons.contains { $0.code == code } }
}

/// The outcome of a ``Decision``.
public enum DecisionOutcome: String, Sendable, Hashable, Codable, CaseIterable {
    /// Every rule is met.
    case pass
    /// A rule is broken.
    case fail
    /// The facts do not settle it; a person must look.
    case refer
}

/// How much a ``DecisionReason`` weighs.
public enum DecisionSeverity: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// A fact for the record.
    case info
    /// Worth telling the person at the counter; does not change a pass.
    case warning
    /// A person must look before going on.
    case refer
    /// The rule is broken.
    case fail

    private var rank: Int {
        switch self {
        case .info: return 0
        case .warning: return 1
        case .refer: return 2
        case .fail: return 3
        }
    }

    /// Orders by weight: info < warning < refer < fail.
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rank < rhs.rank }
}

/// One reason of a ``Decision``: a stable code, text in Chinese and English, and its weight.
public struct DecisionReason: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The stable code, e.g. `"status.disqualifying"`. Codes are a public contract; texts may change.
    public let code: String
    /// The text in Chinese.
    public let zh: String
    /// The text in English.
    public let en: String
    /// How much it weighs.
    public let severity: DecisionSeverity

    /// Creates a reason.
    public init(code: String, zh: String, en: String, severity: DecisionSeverity) {
        self.code = code
        self.zh = zh
        self.en = en
        self.severity = severity
    }

    /// A reason from a licence-domain statement.
    public init(_ reason: LicenseReason, severity: DecisionSeverity) {
        self.init(code: reason.code, zh: reason.zh, en: reason.en, severity: severity)
    }

    /// `severity code: en`.
    public var description: String { "\(severity.rawValue) \(code): \(en)" }
}
