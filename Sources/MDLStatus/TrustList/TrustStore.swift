import Foundation
import MDLHTTP
import MDLVerifier
import X509

/// The relying party's copy of the national trust list: fetches the VICAL over HTTP, verifies it against the pinned
/// operator keys, refuses rollback, caches it on disk, refreshes it in the background, and keeps serving a cached
/// list while the operator is unreachable, until the list is stale beyond the bound the RP set.
///
/// ```swift
/// let store = await TrustStore(configuration: .init(
///     listURL: URL(string: "https://trust.example.cn/vical.cose")!, signerAnchors: [operatorRoot],
///     cacheDirectory: cacheURL))
/// try await store.refresh()
/// await store.startRefreshing()
/// let verifier = PresentationVerifier(configuration: .init(trustAnchors: try await store.anchors(at: now)))
/// ```
///
/// A document whose IACA the operator retired before the document was signed is refused `certificateRevoked`
/// (the anchors carry `TrustAnchor.retiredAt`). Errors: `trustListUnavailable` (nothing fetched and nothing held),
/// `trustListRollback`, `trustListUntrusted` (unknown signer), `trustListSignatureInvalid`, `trustListExpired`.
public actor TrustStore {
    /// The configuration.
    public nonisolated let configuration: Configuration
    /// The verified list in use, if any.
    public private(set) var current: VerifiedVICAL?
    /// The error of the last failed refresh (cleared by a successful one); the held list stays in use.
    public private(set) var lastRefreshError: MDLError?
    /// How many refreshes succeeded since this store was created.
    public private(set) var refreshCount = 0

    private let verifier: VICALVerifier
    private let cache: TrustListCache?
    private var refreshTask: Task<Void, Never>?

    /// Creates a store and loads the cached list from ``Configuration/cacheDirectory``, if one verifies.
    public init(configuration: Configuration) async {
        self.configuration = configuration
        verifier = VICALVerifier(signerAnchors: configuration.signerAnchors, stalenessBound: configuration.stalenessBound)
        cache = configuration.cacheDirectory.map(TrustListCache.init(directory:))
        if let cached = cache?.load() {
            current = try? await verifier.verifySignature(cached.bytes, chainValidationTime: cached.fetchedAt)
        }
    }

    deinit { refreshTask?.cancel() }

    /// Fetches, verifies and adopts the operator's current list; on failure the held list stays in use.
    ///
    /// - Throws: `MDLError` `trustListUnavailable` (transport failure or a non-2xx status), or any error of
    ///   `VICALVerifier.verify(_:at:holding:)` (`trustListRollback`, `trustListUntrusted`, …).
    @discardableResult
    public func refresh() async throws(MDLError) -> VerifiedVICAL {
        do {
            let now = configuration.clock()
            let bytes = try await fetch()
            let verified = try await verifier.verify(bytes, at: now, holding: current?.vical)
            current = verified
            lastRefreshError = nil
            refreshCount += 1
            try? cache?.store(verified, fetchedAt: now)
            return verified
        } catch {
            lastRefreshError = error
            throw error
        }
    }

    /// The trust anchors to verify documents with at `time` (default: the clock's now): the held list's IACAs
    /// (for ``Configuration/docType``), retired ones included with their retirement dates.
    ///
    /// - Throws: `MDLError` `trustListUnavailable` when no list is held, `trustListExpired` when the held list is
    ///   past its `nextUpdate` by more than the staleness bound.
    public func anchors(at time: Date? = nil) throws(MDLError) -> [TrustAnchor] {
        guard let current else {
            throw MDLError(
                code: .trustListUnavailable,
                message: "no trust list is held" + (lastRefreshError.map { " (last refresh: \($0.message))" } ?? ""))
        }
        try verifier.checkFreshness(current.vical, at: time ?? configuration.clock())
        return current.trustAnchors(docType: configuration.docType)
    }

    /// Starts refreshing every ``Configuration/refreshInterval`` in the background (failures are kept in
    /// ``lastRefreshError``). Calling it again restarts the loop.
    public func startRefreshing() {
        refreshTask?.cancel()
        let interval = configuration.refreshInterval
        let sleep = configuration.sleep
        refreshTask = Task { [weak self] in
            while !Task.isCancelled {
                do { try await sleep(interval) } catch { return }
                guard let self, !Task.isCancelled else { return }
                _ = try? await self.refresh()
            }
        }
    }

    /// Stops the background refresh.
    public func stopRefreshing() {
        refreshTask?.cancel()
        refreshTask = nil
    }

    private func fetch() async throws(MDLError) -> [UInt8] {
        let response: (response: HTTPResponse, body: [UInt8])
        do {
            response = try await configuration.httpClient.send(try HTTPRequest(checking: configuration.listURL))
        } catch let error as HTTPClientError {
            throw MDLError(code: .trustListUnavailable, message: "the trust-list operator is unreachable: \(error)")
        } catch {
            throw MDLError(code: .trustListUnavailable, message: "fetching the trust list failed: \(error)")
        }
        guard response.response.status.isSuccess else {
            throw MDLError(
                code: .trustListUnavailable, message: "the trust-list operator answered HTTP \(response.response.status.code)")
        }
        return response.body
    }
}
