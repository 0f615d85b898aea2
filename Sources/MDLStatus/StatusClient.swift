import Foundation
import MDLCBOR
import MDLCOSE
import MDLHTTP
import MDLVerifier

/// Establishes licence status from the issuer's status service: fetches the Status List Token the MSO references
/// (through a ``CachingHTTPFetcher`` over any ``HTTPClient``; `import MDLKit` adds `StatusClient()` over `MDLCurl`'s `CurlHTTPClient`), verifies it and looks
/// the licence up; and requests and verifies point statements.
///
/// Fails closed: when the status cannot be established the call throws ``MDLError/Code/statusUnavailable`` (or the
/// code of the check that failed). A relying party may opt into degraded answers from a stale cache
/// (``Configuration/degradedStaleness``); they are marked ``LicenseStatusResult/degraded``.
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
        /// Tolerance for clock differences, in seconds.
        public var clockSkew: TimeInterval
        /// Limits on the decompressed list.
        public var listLimits: StatusList.Limits
        /// Signature algorithms accepted.
        public var allowedAlgorithms: Set<COSEAlgorithm>
        /// What the status values other than the registered 0 (valid), 1 (invalid) and 2 (suspended) mean to this
        /// relying party. A value not listed fails closed with ``MDLError/Code/statusUnavailable``. By default only
        /// 3, MDLKit's "superseded" (``StatusList/Value/defaultApplicationValues``).
        public var applicationValues: [UInt8: LicenseCredentialStatus]

        /// Creates a configuration; the defaults fail closed and go online.
        public init(
            offlineStaleness: Duration? = nil, degradedStaleness: Duration? = nil, maxTokenAge: TimeInterval? = nil,
            clockSkew: TimeInterval = 300, listLimits: StatusList.Limits = StatusList.Limits(),
            allowedAlgorithms: Set<COSEAlgorithm> = StatusListToken.defaultAlgorithms,
            applicationValues: [UInt8: LicenseCredentialStatus] = StatusList.Value.defaultApplicationValues
        ) {
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
    private let fetcher: CachingHTTPFetcher
    private let now: @Sendable () -> Date

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
    }

    /// The status of the licence `reference` points to, from a token signed as `trust` requires.
    /// - Throws: ``MDLError/Code/statusUnavailable`` when the list cannot be fetched (and no degraded answer is
    ///   allowed); the token checks' codes (``MDLError/Code/statusSignatureInvalid``,
    ///   ``MDLError/Code/statusTokenExpired``, ``MDLError/Code/statusSubjectMismatch``,
    ///   ``MDLError/Code/statusListInvalid``, ``MDLError/Code/cborMalformed``, ``MDLError/Code/statusIndexOutOfRange``).
    public func status(
        for reference: MobileSecurityObject.StatusReference, trust: StatusSignerTrust
    ) async throws(MDLError) -> LicenseStatusResult {
        guard let url = URL(string: reference.uri), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme) else {
            throw MDLError(code: .statusUnavailable, message: "the MSO's status URI is not an http(s) URL")
        }
        guard let index = Int(exactly: reference.index) else {
            throw MDLError(code: .statusIndexOutOfRange, message: "status index \(reference.index) is too large")
        }
        let answer = try await fetch(url)
        let time = now()
        let token = try StatusListToken(bytes: answer.body, limits: configuration.listLimits)
        let key = try await trust.key(for: token.message, at: time)
        try token.checkType()
        try token.verifySignature(with: key, allowedAlgorithms: configuration.allowedAlgorithms)
        try token.checkSubject(reference.uri)
        let heldFor = Self.seconds(answer.age)
        let pastTTL = token.timeToLive.map { heldFor > $0 } ?? false
        let stale = answer.staleness > .zero || pastTTL
        if stale && !allowsStale {
            throw MDLError(code: .statusTokenExpired, message: "the cached status list is past its freshness")
        }
        try token.checkLifetime(
            at: time, clockSkew: configuration.clockSkew, maxAge: configuration.maxTokenAge, heldFor: allowsStale ? 0 : heldFor)
        let value = try token.list.status(at: index)
        guard let credentialStatus = value.credentialStatus(applicationValues: configuration.applicationValues) else {
            throw MDLError(
                code: .statusUnavailable,
                message: "the status list gives value \(value.rawValue), which is not registered and not mapped by this relying party")
        }
        return LicenseStatusResult(
            index: index, value: value, asOf: token.issuedAt, expiresAt: token.expiresAt, age: answer.age,
            degraded: stale, fromNetwork: answer.source != .cache, credentialStatus: credentialStatus)
    }

    /// Asks the status service at `url` for a point statement and verifies it for the licence `document` (from the
    /// presentation in `request`), this relying party and nonce, at most `maxAge` seconds old.
    /// - Throws: ``MDLError/Code/statusUnavailable`` when the service cannot be reached or refuses;
    ///   the codes of ``PointStatement/verify(with:binding:nonce:relyingParty:at:maxAge:clockSkew:allowedAlgorithms:)``.
    public func pointStatement(
        from url: URL, request: PointStatementRequest, trust: StatusSignerTrust, maxAge: TimeInterval = 300
    ) async throws(MDLError) -> PointStatement {
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
            at: time, maxAge: maxAge, clockSkew: min(configuration.clockSkew, 60), allowedAlgorithms: configuration.allowedAlgorithms)
        return statement
    }

    private var allowsStale: Bool { configuration.offlineStaleness != nil || configuration.degradedStaleness != nil }

    private func fetch(_ url: URL) async throws(MDLError) -> CachingHTTPFetcher.Answer {
        let policy: CachingHTTPFetcher.Policy
        if let offline = configuration.offlineStaleness {
            policy = .offline(maxStaleness: offline)
        } else if let degraded = configuration.degradedStaleness {
            policy = .online(staleIfError: degraded)
        } else {
            policy = .online
        }
        do {
            return try await fetcher.fetch(url, headerFields: [.accept: StatusListToken.mediaType], policy: policy)
        } catch let error as HTTPClientError {
            throw MDLError.statusUnavailable(error)
        } catch {
            throw MDLError(code: .statusUnavailable, message: "status list fetch cancelled")
        }
    }

    private static func seconds(_ duration: Duration) -> TimeInterval {
        let (seconds, attoseconds) = duration.components
        return TimeInterval(seconds) + TimeInterval(attoseconds) / 1e18
    }
}
