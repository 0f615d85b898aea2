import Logging
import Metrics

/// Where an MDLKit component logs (swift-log) and counts (swift-metrics).
///
/// By default a component logs through `LoggingSystem`'s handler under its own label (`mdlkit.verifier`,
/// `mdlkit.status`, `mdlkit.relying-party`) and counts through `MetricsSystem.factory`; pass a logger or a factory
/// to capture them (tests) or route them elsewhere. Nothing MDLKit logs or counts carries personal data: labels are
/// outcomes, error codes and purposes (`Documentation/Operations.md` lists them).
///
/// ```swift
/// var configuration = VerifierConfiguration(trustAnchors: anchors)
/// configuration.observability = Observability(logger: Logger(label: "rp.verifier"), metricsFactory: myFactory)
/// ```
public struct Observability: Sendable {
    /// The logger; `nil` uses `Logger(label:)` with the component's label.
    public var logger: Logger?
    /// The metrics factory; `nil` uses `MetricsSystem.factory` as bootstrapped when the component is created.
    public var metricsFactory: (any MetricsFactory)?

    /// Creates an observability setting; the defaults use the process-wide `LoggingSystem` and `MetricsSystem`.
    public init(logger: Logger? = nil, metricsFactory: (any MetricsFactory)? = nil) {
        self.logger = logger
        self.metricsFactory = metricsFactory
    }

    /// The process-wide defaults.
    public static let `default` = Observability()

    /// The logger to use for the component labelled `label`.
    package func logger(label: String) -> Logger { logger ?? Logger(label: label) }

    /// The factory to create metric handles with.
    package var factory: any MetricsFactory { metricsFactory ?? MetricsSystem.factory }
}
