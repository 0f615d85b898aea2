/// One rule about a licence, configured when built (dates, vehicle class, limits) and applied to facts.
///
/// Like swift-certificates' `VerifierPolicy`, checks compose: a relying party builds its own policy from the
/// parts in this folder or its own.
///
/// ```swift
/// let policy = LicensePolicy {
///     ValidityCheck(from: today)
///     StatusLetterCheck()
///     ClassCheck(vehicleClass: "C1", on: today)
///     if needsTrailer { ClassCheck(vehicleClass: "C6", on: today) }
/// }
/// let decision = policy.decide(facts)
/// ```
public protocol LicenseCheck: Sendable {
    /// The reasons this rule gives for `facts`; an empty list says nothing either way.
    func evaluate(_ facts: LicenseFacts) -> [DecisionReason]

    /// The elements this rule may read from the facts, as configured: a request for the use case must ask for
    /// each (see `RequestTemplate`). MDLKit's checks and policies declare theirs; the default is none.
    var elementsRead: Set<LicenseElement> { get }
}

extension LicenseCheck {
    /// None: a check of the relying party's own declares what it reads by implementing this.
    public var elementsRead: Set<LicenseElement> { [] }

    /// The decision of this check alone: its reasons, plus `element.unreadable` (refer) for each element it reads
    /// that was disclosed but could not be read (``LicenseFacts/unreadableElements``), so such a licence never
    /// passes as if the element had merely not been disclosed.
    public func decide(_ facts: LicenseFacts) -> Decision {
        let unreadable = facts.unreadableElements.filter(elementsRead.contains)
        return Decision(reasons: evaluate(facts) + unreadable.map(DecisionReason.unreadable))
    }
}

/// A policy made of checks, itself a check (policies nest).
public struct LicensePolicy: LicenseCheck {
    /// The checks, applied in order.
    public let checks: [any LicenseCheck]

    /// A policy of `checks`.
    public init(_ checks: [any LicenseCheck]) { self.checks = checks }

    /// A policy written with the ``LicenseCheckBuilder`` (`if`, `if`/`else` and `for` work inside).
    public init(@LicenseCheckBuilder _ build: () -> [any LicenseCheck]) { self.checks = build() }

    /// Every check's reasons, in order.
    public func evaluate(_ facts: LicenseFacts) -> [DecisionReason] { checks.flatMap { $0.evaluate(facts) } }

    /// Every check's elements.
    public var elementsRead: Set<LicenseElement> { checks.reduce(into: []) { $0.formUnion($1.elementsRead) } }
}

/// Builds a list of checks from statements.
@resultBuilder
public enum LicenseCheckBuilder {
    /// One check.
    public static func buildExpression(_ check: any LicenseCheck) -> [any LicenseCheck] { [check] }
    /// Several checks.
    public static func buildExpression(_ checks: [any LicenseCheck]) -> [any LicenseCheck] { checks }
    /// The statements of a block.
    public static func buildBlock(_ parts: [any LicenseCheck]...) -> [any LicenseCheck] { parts.flatMap { $0 } }
    /// An `if` without `else`.
    public static func buildOptional(_ part: [any LicenseCheck]?) -> [any LicenseCheck] { part ?? [] }
    /// The `if` branch.
    public static func buildEither(first part: [any LicenseCheck]) -> [any LicenseCheck] { part }
    /// The `else` branch.
    public static func buildEither(second part: [any LicenseCheck]) -> [any LicenseCheck] { part }
    /// A `for` loop.
    public static func buildArray(_ parts: [[any LicenseCheck]]) -> [any LicenseCheck] { parts.flatMap { $0 } }
}
