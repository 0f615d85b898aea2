import Foundation
import HTTPTypes

/// Fetches status lists (and other published documents) over an ``HTTPClient`` with an HTTP cache (RFC 9111) in
/// memory: a fresh answer (`Cache-Control: max-age`) is reused without a request, a stale one is revalidated with
/// `If-None-Match`/`If-Modified-Since` (a `304` reuses the stored body), and offline the cache answers within a
/// staleness bound the caller sets.
///
/// ```swift
/// let fetcher = CachingHTTPFetcher(client: CurlHTTPClient())  // CurlHTTPClient: MDLCurl
/// let answer = try await fetcher.fetch(statusListURL)                                  // online
/// let offline = try await fetcher.fetch(statusListURL, policy: .offline(maxStaleness: .seconds(86_400)))
/// print(offline.age)                                                                  // how old the answer is
/// ```
///
/// Entries are keyed by URL. Only `200` responses to `GET` are stored; `no-store` responses never are, and a
/// `must-revalidate` response is never answered stale.
public actor CachingHTTPFetcher {
    /// How a fetch may use the network and the cache.
    public struct Policy: Sendable, Hashable {
        /// Whether the network may be used.
        public var usesNetwork: Bool
        /// How far past its freshness lifetime a cached answer may be: offline, or online when the network fails.
        public var maxStaleness: Duration

        /// Creates a policy.
        public init(usesNetwork: Bool, maxStaleness: Duration) {
            self.usesNetwork = usesNetwork
            self.maxStaleness = maxStaleness
        }

        /// Use the cache while fresh, otherwise the network; fail when the network fails.
        public static let online = Policy(usesNetwork: true, maxStaleness: .zero)

        /// Like ``online``, but answer from a cached entry at most `maxStaleness` stale when the network fails
        /// (a transport error or a 5xx).
        public static func online(staleIfError maxStaleness: Duration) -> Policy {
            Policy(usesNetwork: true, maxStaleness: maxStaleness)
        }

        /// Never use the network; answer from a cached entry at most `maxStaleness` stale.
        public static func offline(maxStaleness: Duration) -> Policy {
            Policy(usesNetwork: false, maxStaleness: maxStaleness)
        }
    }

    /// Where an answer came from.
    public enum Source: Sendable, Hashable {
        /// A `200` from the server.
        case network
        /// The cached body, confirmed unchanged by a `304` from the server.
        case revalidated
        /// The cache alone, without a request.
        case cache
    }

    /// An answer to a fetch.
    public struct Answer: Sendable, Hashable {
        /// The response body.
        public var body: [UInt8]
        /// The response header fields (for a revalidated answer: the stored fields updated by the `304`).
        public var headerFields: HTTPFields
        /// Where the answer came from.
        public var source: Source
        /// How old the answer is: the time since the server last sent or confirmed it, plus its `Age` then.
        public var age: Duration
        /// How far past its freshness lifetime the answer is (zero while fresh).
        public var staleness: Duration
        /// How long the answer stays fresh from now (zero when stale, or when the server gave no `max-age`).
        public var freshness: Duration = .zero
    }

    private let client: any HTTPClient
    private let now: @Sendable () -> Date
    private let maxEntries: Int
    private var entries: [URL: HTTPCacheEntry] = [:]

    /// Creates a fetcher.
    /// - Parameters:
    ///   - client: the transport.
    ///   - maxEntries: the most URLs kept; the least recently received entry goes first.
    ///   - now: the clock, injectable for tests.
    public init(client: any HTTPClient, maxEntries: Int = 64, now: @escaping @Sendable () -> Date = { Date() }) {
        self.client = client
        self.maxEntries = max(1, maxEntries)
        self.now = now
    }

    /// Fetches `url` under `policy`.
    /// - Parameters:
    ///   - url: what to fetch; also the cache key.
    ///   - headerFields: extra request header fields (e.g. `Accept`); they do not take part in the cache key.
    ///   - policy: online (revalidate as HTTP caching says) or offline within a staleness bound.
    /// - Throws: ``HTTPClientError``: ``HTTPClientError/Code/notCached`` offline without a usable entry,
    ///   ``HTTPClientError/Code/httpStatus`` for a status other than 200 or 304,
    ///   ``HTTPClientError/Code/invalidRequest`` for a URL without a scheme, or the transport's error.
    public func fetch(_ url: URL, headerFields: HTTPFields = [:], policy: Policy = .online) async throws -> Answer {
        let maxStaleness = Self.seconds(policy.maxStaleness)
        let cached = entries[url]
        if let cached, cached.isFresh(at: now()) { return answer(cached, source: .cache) }
        guard policy.usesNetwork else {
            if let cached, cached.isUsable(at: now(), maxStaleness: maxStaleness) {
                return answer(cached, source: .cache)
            }
            throw HTTPClientError(
                code: .notCached,
                message: "offline, and no cached answer within the allowed staleness"
            )
        }

        var request = try HTTPRequest(checking: url, headerFields: headerFields)
        if let tag = cached?.entityTag { request.headerFields[.ifNoneMatch] = tag }
        if let date = cached?.lastModified { request.headerFields[.ifModifiedSince] = date }
        let response: (response: HTTPResponse, body: [UInt8])
        do {
            response = try await client.send(request)
        } catch let error as HTTPClientError {
            if let fallback = staleFallback(for: url, maxStaleness: maxStaleness) { return fallback }
            throw error
        }
        return try store(response, for: url, maxStaleness: maxStaleness)
    }

    /// Forgets every cached entry.
    public func removeAll() { entries.removeAll() }

    private func store(
        _ response: (response: HTTPResponse, body: [UInt8]),
        for url: URL,
        maxStaleness: Double
    ) throws -> Answer {
        let status = response.response.status.code
        switch status {
        case 200:
            guard let entry = HTTPCacheEntry(response: response.response, body: response.body, receivedAt: now()) else {
                entries[url] = nil
                return Answer(
                    body: response.body,
                    headerFields: response.response.headerFields,
                    source: .network,
                    age: .zero,
                    staleness: .zero
                )
            }
            insert(entry, for: url)
            return answer(entry, source: .network)
        case 304:
            guard var entry = entries[url] else { throw HTTPClientError.httpStatus(304) }
            entry.revalidate(with: response.response, at: now())
            entries[url] = entry
            return answer(entry, source: .revalidated)
        case 500...599:
            if let fallback = staleFallback(for: url, maxStaleness: maxStaleness) { return fallback }
            throw HTTPClientError.httpStatus(status)
        default:
            throw HTTPClientError.httpStatus(status)
        }
    }

    private func staleFallback(for url: URL, maxStaleness: Double) -> Answer? {
        guard maxStaleness > 0, let entry = entries[url], entry.isUsable(at: now(), maxStaleness: maxStaleness) else {
            return nil
        }
        return answer(entry, source: .cache)
    }

    private func insert(_ entry: HTTPCacheEntry, for url: URL) {
        entries[url] = entry
        while entries.count > maxEntries, let oldest = entries.min(by: { $0.value.receivedAt < $1.value.receivedAt }) {
            entries[oldest.key] = nil
        }
    }

    private func answer(_ entry: HTTPCacheEntry, source: Source) -> Answer {
        let time = now()
        return Answer(
            body: entry.body,
            headerFields: entry.headerFields,
            source: source,
            age: .seconds(entry.age(at: time)),
            staleness: .seconds(entry.staleness(at: time)),
            freshness: .seconds(max(0, entry.freshnessLifetime - entry.age(at: time)))
        )
    }

    private static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
