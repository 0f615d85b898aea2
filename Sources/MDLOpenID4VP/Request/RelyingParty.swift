import Foundation
import MDLCBOR
import MDLJOSE
import MDLVerifier
import Synchronization

/// A relying party's side of OpenID4VP 1.0: makes signed requests, keeps them open, and checks each response —
/// decryption, state, expiry, device binding over the transcript rebuilt from the request, returned ⊆ requested,
/// single use of the nonce — then writes a consent receipt to the audit log.
///
/// Open requests, used nonces and receipts live in a ``RelyingPartyStorage``: instances sharing one (SQLite on a
/// host, PostgreSQL across hosts) can each serve a request another made, and a nonce is used once across all.
///
/// ```swift
/// let storage = try RelyingPartyStorage.sqlite(path: path, sealer: RequestSealer(key: sealingKey))
/// let rp = RelyingParty(identity: identity, verifier: verifier, storage: storage)
/// let request = try await rp.createRequest(.carRental, baseURL: URL(string: "https://rp.example.cn/oid4vp")!)
/// // … serve request.requestObject at request.requestURI; on POST to its response_uri (`…/response/<id>`):
/// let received = await rp.receive(formBody: body, forRequest: id)
/// ```
///
/// Every response is bound to **one** request before anything is decrypted: the request its `response_uri` names
/// (``PresentationRequest/responseURI`` is per request). It is decrypted only with that request's key, never tried
/// against other open requests. Nothing here is isolated to one task: serving request objects and parsing,
/// decrypting and verifying responses run concurrently; the single use of a nonce is atomic in the
/// ``ReplayStore``.
public final class RelyingParty: Sendable {
    /// The relying party's identity.
    public let identity: RelyingPartyIdentity
    /// Where open requests, nonces and receipts are kept.
    public let storage: RelyingPartyStorage
    /// The serialized web origins whose pages may make Digital Credentials API requests and hand in responses.
    public let allowedOrigins: Set<String>
    let verifier: PresentationVerifier
    let clock: @Sendable () -> Date
    /// Logs and counts requests and responses; its handles are made once here.
    let observer: RelyingPartyObserver
    private let lastSweep = Mutex<Date?>(nil)

    /// Creates a relying party on `storage`.
    ///
    /// - Parameters:
    ///   - identity: the relying party's registered identity and signing key.
    ///   - verifier: verifies the presentations that answer its requests.
    ///   - storage: open requests, used nonces and consent receipts (in memory, SQLite or PostgreSQL).
    ///   - clock: the time used for expiry and verification; injectable for tests.
    ///   - allowedOrigins: the origins of the relying party's pages, for the Digital Credentials API (serialized,
    ///     e.g. `https://rent.example.cn`); compared as text.
    ///   - observability: where requests and responses are logged and counted; the verifier's
    ///     (`VerifierConfiguration.observability`) when `nil`.
    public init(
        identity: RelyingPartyIdentity, verifier: PresentationVerifier, storage: RelyingPartyStorage,
        clock: @escaping @Sendable () -> Date = { Date() }, allowedOrigins: Set<String> = [],
        observability: Observability? = nil
    ) {
        self.observer = RelyingPartyObserver(observability ?? verifier.configuration.observability)
        self.identity = identity
        self.verifier = verifier
        self.storage = storage
        self.clock = clock
        self.allowedOrigins = allowedOrigins
    }

    /// Creates a relying party whose open requests stay in this process's memory (sealed with a fresh key), with the
    /// given nonce store and audit log.
    public convenience init(
        identity: RelyingPartyIdentity, verifier: PresentationVerifier, replayStore: any ReplayStore, auditLog: any AuditLog,
        clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.init(
            identity: identity, verifier: verifier,
            storage: RelyingPartyStorage(
                requests: InMemoryOpenRequestStore(), replay: replayStore, audit: auditLog, sealer: RequestSealer(key: .generate())),
            clock: clock)
    }

    /// How long an expired request stays known, so a late response reads `requestExpired` rather than `requestUnknown`.
    public static let expiredRequestRetention: TimeInterval = 3600

    /// How often ``createRequest(_:baseURL:lifetime:encryptionKey:)`` sweeps expired rows on its own.
    public static let sweepInterval: TimeInterval = 60

    /// Makes, signs and opens a request from `template`, with a fresh response-encryption key; stores it sealed.
    public func createRequest(
        _ template: RequestTemplate, baseURL: URL, lifetime: TimeInterval = 300, encryptionKey: JWEDecryptionKey = .generateP256()
    ) async throws(MDLError) -> PresentationRequest {
        let now = clock()
        await sweepIfDue(at: now)
        let request = try PresentationRequest(
            identity: identity, template: template, baseURL: baseURL, now: now, lifetime: lifetime, encryptionKey: encryptionKey,
            acceptedAlgorithms: verifier.configuration.allowedAlgorithms)
        try await storage.requests.insert(try SealedPresentationRequest(sealing: request, with: storage.sealer))
        observer.opened(request)
        return request
    }

    /// Sweeps expired rows when ``sweepInterval`` has passed since the last sweep (cross-device and browser requests).
    func sweepIfDue(at now: Date) async {
        let due = lastSweep.withLock { last -> Bool in
            guard last.map({ now.timeIntervalSince($0) >= Self.sweepInterval }) ?? true else { return false }
            last = now
            return true
        }
        if due {
            _ = try? await sweep()  // a failed sweep is retried next interval; it must not block new requests
        }
    }

    /// Opens a request made earlier (e.g. read back from a file after a restart); a request already open is left as is.
    public func reopen(_ request: PresentationRequest) async throws(MDLError) {
        try await storage.requests.insert(try SealedPresentationRequest(sealing: request, with: storage.sealer))
    }

    /// The signed request object served at `request/<id>`, while the request is open and unexpired (made by this
    /// instance or another sharing the storage).
    public func requestObject(id: String) async throws(MDLError) -> String? {
        guard let row = try await storage.requests.request(id: id), row.expiresAt >= clock() else { return nil }
        let request = try row.unsealed(with: storage.sealer)
        // A Digital Credentials API request travels through the browser, never by request_uri.
        return request.digitalCredentials == nil ? request.requestObject : nil
    }

    /// Deletes requests expired for longer than ``expiredRequestRetention`` and the nonces of requests expired as
    /// long; returns how many of each. Runs on its own every ``sweepInterval``; call it from a timer if requests
    /// are rare.
    @discardableResult
    public func sweep() async throws(MDLError) -> (requests: Int, nonces: Int) {
        let cutoff = clock().addingTimeInterval(-Self.expiredRequestRetention)
        let requests = try await storage.requests.sweep(expiredBefore: cutoff)
        let nonces = try await storage.replay.sweep(expiredBefore: cutoff)
        observer.swept(requests: requests, nonces: nonces)
        return (requests, nonces)
    }

    func consumeNonce(of request: PresentationRequest) async throws(MDLError) {
        guard try await storage.replay.consume(request.nonce, until: request.expiresAt) else {
            throw MDLError(code: .replay, message: "this request was already answered")
        }
    }

    func receipt(
        for request: PresentationRequest, outcome: ConsentReceipt.Outcome, disclosed: [ConsentReceipt.Disclosure], trustPath: [String],
        status: String? = nil, at now: Date
    ) -> ConsentReceipt {
        let shown = Set(disclosed.map(\.element))
        return ConsentReceipt(
            clientID: request.clientID, relyingPartyNameZH: request.relyingPartyNameZH, relyingPartyNameEN: request.relyingPartyNameEN,
            purpose: request.purpose, state: request.state, outcome: outcome, disclosed: disclosed,
            declined: request.elements.map(\.element).filter { !shown.contains($0) }, time: now, trustPath: trustPath,
            status: status)
    }
}
