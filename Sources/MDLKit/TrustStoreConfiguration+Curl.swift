import Foundation
import MDLCurl
import MDLStatus
import MDLVerifier
import X509

extension TrustStore.Configuration {
    /// Creates a configuration that fetches the list over libcurl (`CurlHTTPClient`), the usual transport.
    ///
    /// - Parameters:
    ///   - listURL: where the operator publishes the VICAL.
    ///   - signerAnchors: the operator's root certificates; the list's signer must chain to one.
    ///   - cacheDirectory: where the last verified list is kept across restarts; `nil` keeps none.
    ///   - stalenessBound: defaults to three days past `nextUpdate`.
    ///   - refreshInterval: defaults to one hour.
    ///   - docType: the docType whose IACAs become anchors (`nil`: all).
    ///   - clock: the current time; injectable for tests.
    ///   - sleep: how the background loop waits between refreshes; injectable for tests.
    public init(
        listURL: URL, signerAnchors: [Certificate], cacheDirectory: URL?,
        stalenessBound: TimeInterval = 3 * 86_400, refreshInterval: Duration = .seconds(3_600),
        docType: String? = MDLProfile.docType,
        clock: @escaping @Sendable () -> Date = { Date() },
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }
    ) {
        self.init(
            listURL: listURL, signerAnchors: signerAnchors, cacheDirectory: cacheDirectory,
            stalenessBound: stalenessBound, refreshInterval: refreshInterval, docType: docType,
            httpClient: CurlHTTPClient(), clock: clock, sleep: sleep)
    }
}
