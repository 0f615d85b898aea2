import Foundation
import MDLHTTP
import MDLVerifier
import X509

extension TrustStore {
    /// Where a ``TrustStore`` gets its list, whom it trusts to sign it, where it caches it, and how it ages.
    public struct Configuration: Sendable {
        /// The URL the operator publishes the VICAL at.
        public var listURL: URL
        /// The pinned VICAL-signer anchors (several, for the operator's key rotation).
        public var signerAnchors: [Certificate]
        /// The directory the verified list is cached in (created if absent); `nil` keeps it in memory only.
        public var cacheDirectory: URL?
        /// How long past the list's `nextUpdate` it still counts when no newer list can be fetched, in seconds.
        public var stalenessBound: TimeInterval
        /// The time between background refreshes.
        public var refreshInterval: Duration
        /// Only IACAs listed for this docType become anchors; `nil` takes every IACA.
        public var docType: String?
        /// The HTTP client (`MDLCurl`'s `CurlHTTPClient` through `import MDLKit`, or the relying party's own).
        public var httpClient: any HTTPClient
        /// The current time; injectable for tests.
        public var clock: @Sendable () -> Date
        /// How the background loop waits between refreshes; injectable for tests.
        public var sleep: @Sendable (Duration) async throws -> Void

        /// Creates a configuration.
        ///
        /// - Parameters:
        ///   - listURL: where the operator publishes the VICAL.
        ///   - signerAnchors: the operator's root certificates; the list's signer must chain to one.
        ///   - cacheDirectory: where the last verified list is kept across restarts; `nil` keeps none.
        ///   - stalenessBound: defaults to three days past `nextUpdate`.
        ///   - refreshInterval: defaults to one hour.
        ///   - docType: the docType whose IACAs become anchors (`nil`: all).
        ///   - httpClient: the transport.
        ///   - clock: the current time; injectable for tests.
        ///   - sleep: how the background loop waits between refreshes; injectable for tests.
        public init(
            listURL: URL, signerAnchors: [Certificate], cacheDirectory: URL?,
            stalenessBound: TimeInterval = 3 * 86_400, refreshInterval: Duration = .seconds(3_600),
            docType: String? = MDLProfile.docType, httpClient: any HTTPClient,
            clock: @escaping @Sendable () -> Date = { Date() },
            sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }
        ) {
            self.listURL = listURL
            self.signerAnchors = signerAnchors
            self.cacheDirectory = cacheDirectory
            self.stalenessBound = stalenessBound
            self.refreshInterval = refreshInterval
            self.docType = docType
            self.httpClient = httpClient
            self.clock = clock
            self.sleep = sleep
        }
    }
}
