import Logging
import MDLHTTP
import MDLVerifier
import Metrics
import Synchronization

/// What a ``StatusClient`` logs and counts: hits and misses of its cache of verified lists, each fetch by source
/// with its latency, and each token it verifies. Labels are sources, outcomes and error codes; never a status URI,
/// an index or a host.
final class StatusObserver: Sendable {
    /// Where a fetch's answer came from, or that it failed.
    enum FetchOutcome: Hashable, Sendable {
        case answered(CachingHTTPFetcher.Source)
        case failed(MDLError.Code)

        var dimensions: [(String, String)] {
            switch self {
            case .answered(.network): [("source", "network")]
            case .answered(.revalidated): [("source", "revalidated")]
            case .answered(.cache): [("source", "http-cache")]
            case .failed(let code): [("source", "failed"), ("code", code.rawValue)]
            }
        }
    }

    let logger: Logger
    private let cacheHits: Counter
    private let cacheMisses: Counter
    private let tokenVerifications: Counter
    private let fetches: CounterFamily<FetchOutcome>
    private let fetchDurations: Mutex<[FetchOutcome: CoreMetrics.Timer]>
    private let factory: any MetricsFactory

    init(_ observability: Observability) {
        logger = observability.logger(label: "mdlkit.status")
        factory = observability.factory
        cacheHits = Counter(label: "mdlkit_status_list_cache_total", dimensions: [("result", "hit")], factory: factory)
        cacheMisses = Counter(label: "mdlkit_status_list_cache_total", dimensions: [("result", "miss")], factory: factory)
        tokenVerifications = Counter(label: "mdlkit_status_list_verifications_total", factory: factory)
        fetches = CounterFamily(label: "mdlkit_status_fetches_total", factory: factory) { $0.dimensions }
        fetchDurations = Mutex([:])
    }

    /// A check answered from the cache of verified lists, without a request.
    func cacheHit() {
        cacheHits.increment()
        logger.trace("status list answered from the verified-list cache")
    }

    /// A check that had to fetch.
    func cacheMiss() { cacheMisses.increment() }

    /// A token parsed and verified.
    func tokenVerified() { tokenVerifications.increment() }

    /// A fetch that ended with `outcome` after `nanoseconds`.
    func fetched(_ outcome: FetchOutcome, nanoseconds: Int64) {
        fetches.increment(outcome)
        let timer = fetchDurations.withLock { timers in
            if let timer = timers[outcome] { return timer }
            let timer = CoreMetrics.Timer(label: "mdlkit_status_fetch_duration_seconds", dimensions: outcome.dimensions, factory: factory)
            timers[outcome] = timer
            return timer
        }
        timer.recordNanoseconds(nanoseconds)
        switch outcome {
        case .answered:
            logger.debug("status list fetched", metadata: ["source": "\(outcome.dimensions[0].1)", "ms": "\(nanoseconds / 1_000_000)"])
        case .failed(let code):
            logger.warning("status list fetch failed", metadata: ["code": "\(code.rawValue)", "ms": "\(nanoseconds / 1_000_000)"])
        }
    }
}
