import Synchronization
import X509

/// The work one certificate path search may do, and the work it did.
///
/// Every issuer the swift-certificates `Verifier` considers comes from a ``BudgetedCertificateStore``; each one costs
/// the Verifier at most one signature check. The budget caps them, so even a chain the shape checks let through
/// cannot make the search explode: past the budget the stores answer "no issuer" and the chain is refused as
/// untrusted.
final class PathSearchBudget: Sendable {
    /// The issuer candidates one validation may be offered (each at most one signature check).
    static let maximumIssuerCandidates = 32

    private struct Counts {
        var issuerCandidates = 0
        var exhausted = false
    }

    private let counts = Mutex(Counts())
    private let limit: Int

    init(limit: Int = PathSearchBudget.maximumIssuerCandidates) {
        self.limit = limit
    }

    /// The issuer candidates handed to the Verifier so far.
    var issuerCandidates: Int { counts.withLock { $0.issuerCandidates } }
    /// Whether a lookup was cut short by the budget.
    var exhausted: Bool { counts.withLock { $0.exhausted } }

    /// Takes up to `wanted` candidates from the budget; returns how many may be handed out.
    func take(_ wanted: Int) -> Int {
        counts.withLock { counts in
            let granted = min(wanted, max(0, limit - counts.issuerCandidates))
            counts.issuerCandidates += granted
            if granted < wanted { counts.exhausted = true }
            return granted
        }
    }
}

/// What the path searches run in one task did, for tests and benchmarks that bound work instead of time.
///
/// ```swift
/// let work = PathSearchWork()
/// try await PathSearchWork.$current.withValue(work) { try await validator.validate(x5chain: chain, at: now) }
/// #expect(work.issuerCandidates <= 4)
/// ```
final class PathSearchWork: Sendable {
    /// The recorder of the current task, if a test installed one.
    @TaskLocal static var current: PathSearchWork?

    private struct Totals {
        var searches = 0
        var issuerCandidates = 0
    }

    private let totals = Mutex(Totals())

    init() {}

    /// Path searches started (each one run of the swift-certificates `Verifier`).
    var searches: Int { totals.withLock { $0.searches } }
    /// Issuer candidates offered to those searches: an upper bound on their certificate signature checks.
    var issuerCandidates: Int { totals.withLock { $0.issuerCandidates } }

    func record(searches: Int = 0, issuerCandidates: Int = 0) {
        totals.withLock {
            $0.searches += searches
            $0.issuerCandidates += issuerCandidates
        }
    }
}

/// A fixed set of certificates, looked up by subject, whose answers draw on a shared ``PathSearchBudget``.
struct BudgetedCertificateStore: CustomCertificateStore {
    private let bySubject: [DistinguishedName: [Certificate]]
    private let budget: PathSearchBudget

    init(_ certificates: [Certificate], budget: PathSearchBudget) {
        self.bySubject = Dictionary(grouping: certificates, by: \.subject)
        self.budget = budget
    }

    subscript(subject: DistinguishedName) -> [Certificate]? {
        get async {
            guard let found = bySubject[subject], !found.isEmpty else { return nil }
            let granted = budget.take(found.count)
            PathSearchWork.current?.record(issuerCandidates: granted)
            return granted == 0 ? nil : Array(found.prefix(granted))
        }
    }

    func contains(_ certificate: Certificate) async -> Bool {
        bySubject[certificate.subject]?.contains(certificate) == true
    }

    mutating func append(contentsOf certificates: some Sequence<Certificate>) {
        var copy = bySubject
        for certificate in certificates { copy[certificate.subject, default: []].append(certificate) }
        self = BudgetedCertificateStore(copy: copy, budget: budget)
    }

    private init(copy: [DistinguishedName: [Certificate]], budget: PathSearchBudget) {
        self.bySubject = copy
        self.budget = budget
    }

    static func == (lhs: Self, rhs: Self) -> Bool { lhs.bySubject == rhs.bySubject && lhs.budget === rhs.budget }

    func hash(into hasher: inout Hasher) {
        hasher.combine(bySubject.count)
        hasher.combine(ObjectIdentifier(budget))
    }
}
