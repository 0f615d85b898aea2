import Foundation
import HTTPTypes
import MDLHTTP

extension CurlHTTPClient {
    /// How a ``CurlHTTPClient`` connects, what it trusts and what it tolerates from a server.
    ///
    /// The defaults suit fetching signed status and trust lists: short timeouts, a 16 MiB response limit, system trust
    /// anchors, proxies from the environment, two retries of idempotent requests.
    public struct Configuration: Sendable, Hashable {
        /// The time allowed to connect (TCP and TLS handshake).
        public var connectTimeout: Duration
        /// The time allowed for the whole transfer. A server trickling one byte a second is stopped by this, not by
        /// an idle timeout.
        public var totalTimeout: Duration
        /// The largest response body accepted, counted as bytes arrive (a chunked body has no declared length).
        public var maxResponseBytes: Int
        /// The largest total size of the response header lines accepted.
        public var maxHeaderBytes: Int
        /// Base64 SHA-256 digests of the server's SubjectPublicKeyInfo (DER). When non-empty, the server's key must be
        /// one of them, in addition to a valid certificate chain.
        public var pinnedPublicKeys: [String]
        /// PEM certificates to trust instead of the system's anchors; `nil` trusts the system's.
        public var trustAnchorsPEM: String?
        /// Which proxy to use.
        public var proxy: Proxy
        /// When and how often to retry.
        public var retry: RetryPolicy
        /// The most redirects followed (http and https only); 0 follows none.
        public var maxRedirects: Int
        /// The `User-Agent` sent with every request.
        public var userAgent: String

        /// Creates a configuration.
        public init(
            connectTimeout: Duration = .seconds(5),
            totalTimeout: Duration = .seconds(20),
            maxResponseBytes: Int = 16 * 1024 * 1024,
            maxHeaderBytes: Int = 64 * 1024,
            pinnedPublicKeys: [String] = [],
            trustAnchorsPEM: String? = nil,
            proxy: Proxy = .environment,
            retry: RetryPolicy = RetryPolicy(),
            maxRedirects: Int = 3,
            userAgent: String = "MDLKit"
        ) {
            self.connectTimeout = connectTimeout
            self.totalTimeout = totalTimeout
            self.maxResponseBytes = maxResponseBytes
            self.maxHeaderBytes = maxHeaderBytes
            self.pinnedPublicKeys = pinnedPublicKeys
            self.trustAnchorsPEM = trustAnchorsPEM
            self.proxy = proxy
            self.retry = retry
            self.maxRedirects = maxRedirects
            self.userAgent = userAgent
        }
    }

    /// The proxy a ``CurlHTTPClient`` uses.
    public enum Proxy: Sendable, Hashable {
        /// Use `http_proxy`, `https_proxy` and `no_proxy` from the environment, as libcurl does by default.
        case environment
        /// Connect directly, ignoring the environment.
        case direct
        /// Use this proxy (e.g. `http://proxy.example:3128` or `socks5h://127.0.0.1:1080`), except for the hosts
        /// in `bypass` (libcurl `NOPROXY` syntax: host names or domains).
        case explicit(URL, bypass: [String] = [])
    }
}

/// When a ``CurlHTTPClient`` retries a request.
///
/// Only `GET` and `HEAD` requests are retried, and only after a connection failure, a timeout or a 5xx status. The wait
/// before retry `n` (from 0) is half fixed and half random ("equal jitter") within `min(maxDelay, baseDelay·2ⁿ)`, so
/// clients that failed together do not come back together.
public struct RetryPolicy: Sendable, Hashable {
    /// Retries after the first attempt; 0 disables retrying.
    public var maxRetries: Int
    /// The wait bound before the first retry.
    public var baseDelay: Duration
    /// The largest wait bound.
    public var maxDelay: Duration

    /// Creates a policy.
    public init(maxRetries: Int = 2, baseDelay: Duration = .milliseconds(250), maxDelay: Duration = .seconds(4)) {
        self.maxRetries = max(0, maxRetries)
        self.baseDelay = max(.zero, baseDelay)
        self.maxDelay = max(.zero, maxDelay)
    }

    /// No retries.
    public static let none = RetryPolicy(maxRetries: 0)

    /// The wait before retry `attempt` (0 for the first retry), using `random` for the jitter.
    package func delay(beforeRetry attempt: Int, using random: inout some RandomNumberGenerator) -> Duration {
        let exponent = min(max(0, attempt), 30)
        let bound = min(maxDelay, baseDelay * (1 << exponent))
        let half = bound / 2
        let halfNanos = Int64(half.components.seconds) * 1_000_000_000 + half.components.attoseconds / 1_000_000_000
        guard halfNanos > 0 else { return half }
        return half + .nanoseconds(Int64.random(in: 0...halfNanos, using: &random))
    }

    /// Whether an attempt that ended with `outcome` deserves another try under this policy.
    func shouldRetry(_ method: HTTPRequest.Method, after outcome: Result<CurlTransfer.Reply, HTTPClientError>) -> Bool {
        guard method == .get || method == .head else { return false }
        switch outcome {
        case .success(let reply): return reply.response.status.kind == .serverError
        case .failure(let error): return error.code == .connectionFailed || error.code == .timeout
        }
    }
}
