import Logging
import MDLVerifier
import Metrics

/// What a ``RelyingParty`` logs and counts: requests opened by purpose, and responses by outcome (presented,
/// declined, expired, replayed, refused), error code and purpose. Labels never carry a request id, a nonce, a
/// state, a URI or anything from a presentation.
final class RelyingPartyObserver: Sendable {
    /// What became of one response, as counted.
    struct ResponseKey: Hashable, Sendable {
        var outcome: String
        var code: String?
        var purpose: PresentationPurpose?

        var dimensions: [(String, String)] {
            var dimensions = [("outcome", outcome)]
            if let code { dimensions.append(("code", code)) }
            dimensions.append(("purpose", purpose?.rawValue ?? "unknown"))
            return dimensions
        }
    }

    let logger: Logger
    private let openedCounters: CounterFamily<PresentationPurpose>
    private let responseCounters: CounterFamily<ResponseKey>
    private let sweptCounter: Counter

    init(_ observability: Observability) {
        logger = observability.logger(label: "mdlkit.relying-party")
        let factory = observability.factory
        openedCounters = CounterFamily(label: "mdlkit_rp_requests_opened_total", factory: factory) { [("purpose", $0.rawValue)] }
        responseCounters = CounterFamily(label: "mdlkit_rp_responses_total", factory: factory) { $0.dimensions }
        sweptCounter = Counter(label: "mdlkit_rp_requests_swept_total", factory: factory)
    }

    /// Expired requests deleted by a sweep.
    func swept(requests: Int, nonces: Int) {
        guard requests > 0 || nonces > 0 else { return }
        sweptCounter.increment(by: Int64(requests))
        logger.debug("expired requests swept", metadata: ["requests": "\(requests)", "nonces": "\(nonces)"])
    }

    /// A request made and stored.
    func opened(_ request: PresentationRequest) {
        openedCounters.increment(request.purpose)
        logger.debug("request opened", metadata: ["purpose": "\(request.purpose.rawValue)", "request-id": "\(request.id)"])
    }

    /// A response received for a request of `purpose` (`nil`: bound to no known request); returns it unchanged.
    func received(_ response: ReceivedResponse, purpose: PresentationPurpose?) -> ReceivedResponse {
        let key: ResponseKey
        switch response.outcome {
        case .presented: key = ResponseKey(outcome: "presented", purpose: purpose)
        case .declined: key = ResponseKey(outcome: "declined", purpose: purpose)
        case .refused(let error, _):
            let outcome = switch error.code {
            case .requestExpired: "expired"
            case .replay: "replayed"
            default: "refused"
            }
            key = ResponseKey(outcome: outcome, code: error.code.rawValue, purpose: purpose)
        }
        responseCounters.increment(key)
        logger.debug(
            "response received",
            metadata: [
                "outcome": "\(key.outcome)", "code": "\(key.code ?? "-")", "purpose": "\(purpose?.rawValue ?? "unknown")",
                "holder-authenticated": "\(response.isHolderAuthenticated)", "request-id": "\(purpose == nil ? "unbound" : response.requestID)",
            ])
        return response
    }
}
