import Foundation
import MDLCBOR
import MDLCOSE
import MDLHTTP
import MDLVerifier

/// Establishes licence status from the issuer's status service: fetches the Status List Token the MSO references
/// (through a `CachingHTTPFetcher` over any `HTTPClient`; `import MDLKit` adds `StatusClient()` over `MDLCurl`'s `CurlHTTPClient`), verifies it and looks
/// the licence up; and requests and verifies point statements.
///
/// Fails closed: when the status cannot be established the call throws `MDLError.Code.statusUnavailable` (or the
/// code of the check that failed). A relying party may opt into degraded answers from a stale cache
/// (``Configuration/degradedStaleness``); they are marked `LicenseStatusResult.degraded`.
///
/// ```swift
/// let client = StatusClient()
/// let status = try await client.status(for: reference, trust: .issuer([iaca]))
/// if let refusal = status.refusal { throw refusal }
/// ```
public struct StatusClient: Sendable {
    /// How the client fetches and what it accepts.
    public struct Configuration: Sendable {
        /// Never use the network: answer from the cache, at most this stale (`nil`: online).
        public var offlineStaleness: Duration?
        /// When the service cannot be reached, answer from a cached copy at most this stale, marked degraded.
        /// `nil` (the default) fails closed.
        public var degradedStaleness: Duration?
        /// The oldest token (`iat`) accepted, in seconds; `nil` accepts any age within `exp`.
        public var maxTokenAge: TimeInterval?
        /// The oldest token (`iat`) accepted when it has no `exp`, in seconds: a token that never expires could
        /// otherwise be replayed forever by anyone on the path. One day by default; `nil` accepts any age.
        public var maxAgeWithoutExpiry: TimeInterval? = 86_400
        /// Tolerance for clock differences, in seconds.
        public var clockSkew: TimeInterval
        /// Limits on the decompressed list.
        public var listLimits: StatusList.Limits
        /// Signature algorithms accepted.
        public var allowedAlgorithms: Set<COSEAlgorithm>
        /// What the status values other than the registered 0 (valid), 1 (invalid) and 2 (suspended) mean to this
        /// relying party. A value not listed fails closed with `MDLError.Code.statusUnavailable`. By default only
        /// 3, MDLKit's "superseded" (`StatusListValue.defaultApplicationValues`).
        public var applicationValues: [UInt8: LicenseCredentialStatus]
        /// The most time one status check may take, every retry included: a server that does not answer, or
        /// answers a byte at a time, gives `MDLError.Code.statusUnavailable` within it. Ten seconds by default.
        public var deadline: Duration
        /// Where status checks are logged and counted: `LoggingSystem` and `MetricsSystem` by default
        /// (`Documentation/Operations.md` lists the logger label and metric names).
        public var observability: Observability = .default

        /// Creates a configuration; the defaults fail closed and go online.
        public init(
            offlineStaleness: Duration? = nil, degradedStaleness: Duration? = nil, maxTokenAge: TimeInterval? = nil,
            clockSkew: TimeInterval = 300, listLimits: StatusList.Limits = StatusList.Limits(),
            allowedAlgorithms: Set<COSEAlgorithm> = StatusListToken.defaultAlgorithms,
            applicationValues: [UInt8: LicenseCredentialStatus] = StatusList.Value.defaultApplicationValues,
            deadline: Duration = .seconds(10)
        ) {
            self.deadline = deadline
            self.applicationValues = applicationValues
            self.offlineStaleness = offlineStaleness
            self.degradedStaleness = degradedStaleness
            self.maxTokenAge = maxTokenAge
            self.clockSkew = clockSkew
            self.listLimits = listLimits
            self.allowedAlgorithms = allowedAlgorithms
        }
    }

    /// The configuration.
    public let configuration: Configuration
    private let client: any HTTPClient
    let fetcher: CachingHTTPFetcher
    let now: @Sendable () -> Date
    let verifiedLists: VerifiedStatusListCache
    /// Logs and counts cache hits, fetches and token verifications; its handles are made once here.
    let observer: StatusObserver

    /// Creates a client.
    /// - Parameters:
    ///   - client: the transport (`MDLCurl`'s `CurlHTTPClient`, or the relying party's own).
    ///   - fetcher: the HTTP cache to share, when the caller has one; by default a new one over `client`.
    ///   - configuration: freshness, offline and size rules.
    ///   - now: the clock.
    public init(
        client: any HTTPClient, fetcher: CachingHTTPFetcher? = nil,
        configuration: Configuration = Configuration(), now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.client = client
        self.fetcher = fetcher ?? CachingHTTPFetcher(client: client, now: now)
        self.configuration = configuration
        self.now = now
        self.verifiedLists = VerifiedStatusListCache()
        self.observer = StatusObserver(configuration.observability)
    }

    /// How many status list tokens this client parsed and verified, as opposed to answering from its cache of
    /// verified lists (for tests and metrics).
    package var tokenVerifications: Int { verifiedLists.verifications }

    /// Asks the status service at `url` for a point statement and verifies it for the licence `document` (from the
    /// presentation in `request`), this relying party and nonce, at most `maxAge` seconds old; when the request asks
    /// for a past instant (``PointStatementRequest/at``), for exactly that instant, at most `lookBack` seconds back.
    /// - Throws: `MDLError.Code.pointStatementInstantOutOfRange` for a future instant or one past `lookBack`
    ///   (before asking); `MDLError.Code.statusUnavailable` when the service cannot be reached or refuses;
    ///   the codes of ``PointStatement/verify(with:binding:nonce:relyingParty:at:maxAge:clockSkew:allowedAlgorithms:answeringFor:lookBack:)``.
    public func pointStatement(
        from url: URL, request: PointStatementRequest, trust: StatusSignerTrust, maxAge: TimeInterval = 300,
        lookBack: TimeInterval = PointStatement.defaultLookBack
    ) async throws(MDLError) -> PointStatement {
        if let instant = request.at {
            try PointStatement.checkInstant(instant, from: now(), lookBack: lookBack, clockSkew: min(configuration.clockSkew, 60))
        }
        let response: (response: HTTPResponse, body: [UInt8])
        do {
            let head = try HTTPRequest(checking: url, method: .post, headerFields: [.contentType: "application/cbor"])
            response = try await client.send(head, body: request.encoded)
        } catch let error as HTTPClientError {
            throw MDLError.statusUnavailable(error)
        } catch {
            throw MDLError(code: .statusUnavailable, message: "point statement request cancelled")
        }
        guard response.response.status.code == 200 else {
            if String(decoding: response.body.prefix(64), as: UTF8.self) == MDLError.Code.pointStatementInstantOutOfRange.rawValue {
                throw MDLError(code: .pointStatementInstantOutOfRange, message: "the status service refused the instant asked for")
            }
            throw MDLError(code: .statusUnavailable, message: "the status service refused the point statement (HTTP \(response.response.status.code))")
        }
        let statement = try PointStatement(bytes: response.body)
        guard let document = try DeviceResponse(bytes: request.presentation).documents.first else {
            throw MDLError(code: .structureInvalid, message: "the presentation holds no document")
        }
        let time = now()
        let key = try await trust.key(for: statement.message, at: time)
        try statement.verify(
            with: key, binding: PointStatement.binding(for: document), nonce: request.nonce, relyingParty: request.clientID,
            at: time, maxAge: maxAge, clockSkew: min(configuration.clockSkew, 60), allowedAlgorithms: configuration.allowedAlgorithms,
            answeringFor: request.at, lookBack: lookBack)
        return statement
    }

    static func seconds(_ duration: Duration) -> TimeInterval {
        let (seconds, attoseconds) = duration.components
        return TimeInterval(seconds) + TimeInterval(attoseconds) / 1e18
    }
}
