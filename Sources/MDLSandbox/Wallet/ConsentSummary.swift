import MDLKit

/// What the holder is shown before deciding: who asks (registered names), why, and each element with whether the
/// relying party will keep it. Element names only; the holder's values are never part of it.
public struct ConsentSummary: Sendable, Hashable {
    /// The relying party's registered Chinese name.
    public let relyingPartyNameZH: String
    /// The relying party's registered English name.
    public let relyingPartyNameEN: String
    /// The client_id.
    public let clientID: String
    /// The purpose.
    public let purpose: PresentationPurpose
    /// The elements asked for, with retention flags.
    public let elements: [RequestedElement]

    /// The summary as lines for a terminal prompt.
    public var lines: [String] {
        var lines = [
            "\(relyingPartyNameZH) (\(relyingPartyNameEN))",
            "  client: \(clientID)",
            "  用途 purpose: \(purpose.nameZH) / \(purpose.nameEN)",
            "  requested elements:",
        ]
        for (index, element) in elements.enumerated() {
            let keep = element.intentToRetain ? "will be kept 将保存" : "not kept 不保存"
            lines.append("   \(index + 1). \(element.element)  [\(keep)]")
        }
        return lines
    }
}

/// The holder's answer to a request.
public enum ConsentDecision: Sendable, Hashable {
    /// Present every requested element.
    case approveAll
    /// Present only these (others are reported as not returned).
    case approveSubset(Set<ElementReference>)
    /// Present nothing: the wallet answers `access_denied`.
    case decline
}

/// Asks the holder. Tests script it; the CLI prompts on the terminal.
public protocol ConsentPrompt: Sendable {
    /// The holder's decision on `summary`.
    func decide(_ summary: ConsentSummary) async -> ConsentDecision
}

/// A fixed decision, for tests and non-interactive runs.
public struct ScriptedConsent: ConsentPrompt {
    /// The decision given every time.
    public let decision: ConsentDecision
    /// Creates a scripted prompt.
    public init(_ decision: ConsentDecision) { self.decision = decision }
    public func decide(_ summary: ConsentSummary) async -> ConsentDecision { decision }
}
