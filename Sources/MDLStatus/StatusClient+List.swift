import Foundation
import MDLCBOR
import MDLCOSE
import MDLHTTP
import MDLVerifier

extension StatusClient {
    /// The status of the licence `reference` points to, from a token signed as `trust` requires, judged at the
    /// verification time `time` (the client's clock when `nil`).
    ///
    /// A verified, decoded list is answered from the client's cache until its `exp`, its `ttl` or its HTTP
    /// freshness runs out, whichever comes first; the whole check, retries included, takes at most
    /// ``Configuration/deadline``.
    /// - Throws: status codes only, so the caller knows the document verified and its status could not be
    ///   established: `MDLError.Code.statusUnavailable` (fetch failed or timed out, an unmapped value),
    ///   `MDLError.Code.statusListInvalid` (a token that does not decode, a list past the size limits, a zlib
    ///   bomb), `MDLError.Code.statusSignatureInvalid`, `MDLError.Code.statusTokenExpired`,
    ///   `MDLError.Code.statusSubjectMismatch`, `MDLError.Code.statusIndexOutOfRange`.
    public func status(
        for reference: MobileSecurityObject.StatusReference, trust: StatusSignerTrust, at time: Date? = nil
    ) async throws(MDLError) -> LicenseStatusResult {
        guard let url = URL(string: reference.uri), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme) else {
            throw MDLError(code: .statusUnavailable, message: "the MSO's status URI is not an http(s) URL")
        }
        guard let index = Int(exactly: reference.index) else {
            throw MDLError(code: .statusIndexOutOfRange, message: "status index \(reference.index) is too large")
        }
        let clock = now()
        let time = time ?? clock
        let key = cacheKey(reference.uri, trust)
        if let key, let entry = verifiedLists.entry(for: key), clock < entry.refreshAfter, entry.holds(at: time) {
            observer.cacheHit()
            return try result(of: entry.token, index: index, at: time, age: .seconds(clock.timeIntervalSince(entry.fetchedAt)),
                degraded: false, fromNetwork: false)
        }
        observer.cacheMiss()
        let answer = try await fetchWithinDeadline(url)
        let received = now()
        let token: StatusListToken
        let signerValidity: ClosedRange<Date>?
        if let key, let entry = verifiedLists.entry(for: key), entry.bytes == answer.body, entry.holds(at: time) {
            token = entry.token
            signerValidity = entry.signerValidity
        } else {
            verifiedLists.countVerification()
            observer.tokenVerified()
            (token, signerValidity) = try await verify(answer.body, uri: reference.uri, trust: trust, at: time)
        }
        // Served from the cache past its freshness (offline, or the server failed): only when opted in.
        let heldFor = Self.seconds(answer.age)
        let degraded = answer.source == .cache && (answer.staleness > .zero || token.timeToLive.map { heldFor > $0 } ?? false)
        if degraded && !allowsStale {
            throw MDLError(code: .statusTokenExpired, message: "the cached status list is past its freshness")
        }
        if let key, !degraded {
            let fetchedAt = received.addingTimeInterval(-heldFor)
            var refreshAfter = received.addingTimeInterval(Self.seconds(answer.freshness))
            if let ttl = token.timeToLive { refreshAfter = min(refreshAfter, fetchedAt.addingTimeInterval(ttl)) }
            if let expiry = token.expiresAt { refreshAfter = min(refreshAfter, expiry) }
            verifiedLists.store(
                .init(bytes: answer.body, token: token, fetchedAt: fetchedAt, refreshAfter: refreshAfter, signerValidity: signerValidity),
                for: key)
        }
        return try result(of: token, index: index, at: time, age: answer.age, degraded: degraded, fromNetwork: answer.source != .cache)
    }

    /// The token's checks that depend on the time, and the licence's entry.
    private func result(
        of token: StatusListToken, index: Int, at time: Date, age: Duration, degraded: Bool, fromNetwork: Bool
    ) throws(MDLError) -> LicenseStatusResult {
        try token.checkLifetime(
            at: time, clockSkew: configuration.clockSkew, maxAge: configuration.maxTokenAge,
            maxAgeWithoutExpiry: configuration.maxAgeWithoutExpiry)
        let value = try token.list.status(at: index)
        guard let credentialStatus = value.credentialStatus(applicationValues: configuration.applicationValues) else {
            throw MDLError(
                code: .statusUnavailable,
                message: "the status list gives value \(value.rawValue), which is not registered and not mapped by this relying party")
        }
        return LicenseStatusResult(
            index: index, value: value, asOf: token.issuedAt, expiresAt: token.expiresAt, age: age,
            degraded: degraded, fromNetwork: fromNetwork, credentialStatus: credentialStatus)
    }

    /// Parses and verifies a token: any failure to decode it, a list past the limits included, is
    /// `statusListInvalid`; the signer, type, signature and subject checks keep their status codes.
    private func verify(
        _ bytes: [UInt8], uri: String, trust: StatusSignerTrust, at time: Date
    ) async throws(MDLError) -> (StatusListToken, ClosedRange<Date>?) {
        let token: StatusListToken
        do {
            token = try StatusListToken(bytes: bytes, limits: configuration.listLimits)
        } catch where !StatusCheckPolicy.statusCodes.contains(error.code) {
            throw MDLError(code: .statusListInvalid, message: "the status list token is unusable (\(error.code)): \(error.message)")
        }
        do {
            let signer = try await trust.validatedSigner(for: token.message, at: time)
            try token.checkType()
            try token.verifySignature(with: signer.key, allowedAlgorithms: configuration.allowedAlgorithms)
            try token.checkSubject(uri)
            return (token, signer.validity)
        } catch where !StatusCheckPolicy.statusCodes.contains(error.code) {
            // An algorithm that is not allowed, a weak key, a chain past its length limit: the token's signature
            // cannot be trusted, which is a status failure, never a verdict on the document itself.
            throw MDLError(
                code: .statusSignatureInvalid, message: "the status list token's signature cannot be trusted (\(error.code)): \(error.message)")
        }
    }

    /// Fetches within ``Configuration/deadline``: the transfer is cancelled when it runs out.
    private func fetchWithinDeadline(_ url: URL) async throws(MDLError) -> CachingHTTPFetcher.Answer {
        let deadline = configuration.deadline
        let start = ContinuousClock.now
        do {
            let answer = try await Self.withinDeadline(deadline, what: "the status list") { () async throws(MDLError) in
                try await self.fetch(url)
            }
            observer.fetched(.answered(answer.source), nanoseconds: Self.nanoseconds(since: start))
            return answer
        } catch {
            observer.fetched(.failed(error.code), nanoseconds: Self.nanoseconds(since: start))
            throw error
        }
    }

    /// Nanoseconds elapsed since `start`, for the fetch-latency timer.
    private static func nanoseconds(since start: ContinuousClock.Instant) -> Int64 {
        let (seconds, attoseconds) = (ContinuousClock.now - start).components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }

    /// Runs `work`, cancelling it and throwing `statusUnavailable` when `deadline` passes first.
    ///
    /// Returns as soon as either happens: a cancelled transfer may take a moment longer to unwind (libcurl notices
    /// cancellation at its next progress callback, up to a second later), and the caller does not wait for it.
    package static func withinDeadline<Value: Sendable>(
        _ deadline: Duration, what: String, _ work: @escaping @Sendable () async throws(MDLError) -> Value
    ) async throws(MDLError) -> Value {
        let race = DeadlineRace<Value>()
        let worker = Task {
            let result: Result<Value, MDLError>
            do throws(MDLError) { result = .success(try await work()) } catch { result = .failure(error) }
            race.finish(result)
        }
        let timer = Task {
            try? await Task.sleep(for: deadline)
            race.finish(nil)
        }
        let outcome = await withTaskCancellationHandler {
            await race.outcome()
        } onCancel: {
            race.finish(.failure(MDLError(code: .statusUnavailable, message: "the status check was cancelled")))
        }
        worker.cancel()
        timer.cancel()
        switch outcome {
        case .success(let value): return value
        case .failure(let error): throw error
        case nil:
            throw MDLError(
                code: .statusUnavailable,
                message: "\(what) could not be fetched within the status check's deadline of \(deadline)")
        }
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

    /// The cache key: the URI and the anchors a token must chain to. Keys named out of band are not cached.
    private func cacheKey(_ uri: String, _ trust: StatusSignerTrust) -> VerifiedStatusListCache.Key? {
        guard case .issuer(let anchors) = trust else { return nil }
        return VerifiedStatusListCache.Key(uri: uri, anchors: anchors.map(\.certificate))
    }
}

extension StatusClient: DocumentStatusChecker {
    /// The status of a verified document, from a token signed under the very anchor that validated its signer
    /// (``StatusSignerTrust/issuer(of:)``): what `StatusCheckPolicy.check(with:)` runs in the verification
    /// pipeline.
    public func status(of document: VerifiedDocument, at time: Date) async throws(MDLError) -> LicenseStatusResult {
        guard let reference = document.statusReference else {
            throw MDLError(code: .statusUnavailable, message: "the document carries no status reference")
        }
        return try await status(for: reference, trust: .issuer(of: document), at: time)
    }
}
