import Logging
import Metrics

/// What a ``PresentationVerifier`` logs and counts: one `mdlkit_verifications_total` increment per verification,
/// by outcome and, for a refusal, its error code; a debug line per verification and per refusal (with its code), the
/// refusal's detail at trace. Never an element value, a name, a number or a portrait.
final class VerificationObserver: Sendable {
    /// The metric every verification increments.
    static let verificationsLabel = "mdlkit_verifications_total"

    let logger: Logger
    private let verifiedCounter: Counter
    private let refusedCounters: CounterFamily<MDLError.Code>

    init(_ observability: Observability) {
        logger = observability.logger(label: "mdlkit.verifier")
        let factory = observability.factory
        verifiedCounter = Counter(label: Self.verificationsLabel, dimensions: [("outcome", "verified")], factory: factory)
        refusedCounters = CounterFamily(label: Self.verificationsLabel, factory: factory) { code in
            [("outcome", "refused"), ("code", code.rawValue)]
        }
    }

    func verified(_ presentation: VerifiedPresentation) {
        verifiedCounter.increment()
        logger.debug(
            "presentation verified",
            metadata: [
                "documents": "\(presentation.documents.count)",
                "status": "\(presentation.documents.first.map { $0.status.summary } ?? "none")",
            ])
    }

    func refused(_ error: MDLError) {
        refusedCounters.increment(error.code)
        logger.debug("presentation refused", metadata: ["code": "\(error.code.rawValue)"])
        logger.trace("refusal detail", metadata: ["code": "\(error.code.rawValue)", "detail": "\(error.message)"])
    }
}
