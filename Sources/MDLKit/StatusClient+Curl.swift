import Foundation
import MDLCurl
import MDLHTTP
import MDLStatus

extension StatusClient {
    /// Creates a client over libcurl (`CurlHTTPClient` with its default timeouts), the usual transport.
    ///
    /// - Parameters:
    ///   - fetcher: the HTTP cache to share, when the caller has one; by default a new one over libcurl.
    ///   - configuration: freshness, offline and size rules.
    ///   - now: the clock.
    public init(
        fetcher: CachingHTTPFetcher? = nil, configuration: Configuration = Configuration(),
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.init(client: CurlHTTPClient(), fetcher: fetcher, configuration: configuration, now: now)
    }
}
