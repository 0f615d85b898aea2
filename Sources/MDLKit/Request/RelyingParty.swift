import Foundation
import MDLCBOR

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
/// // … serve request.requestObject at request.requestURI; on POST to response_uri:
/// let outcome = await rp.receive(formBody: body)
/// ```
public actor RelyingParty {
    /// The relying party's identity.
    public let identity: RelyingPartyIdentity
    /// Where open requests, nonces and receipts are kept.
    public nonisolated let storage: RelyingPartyStorage
    private let verifier: PresentationVerifier
    private let clock: @Sendable () -> Date
    private var lastSweep: Date?

    /// Creates a relying party on `storage`.
    ///
    /// - Parameters:
    ///   - identity: the relying party's registered identity and signing key.
    ///   - verifier: verifies the presentations that answer its requests.
    ///   - storage: open requests, used nonces and consent receipts (in memory, SQLite or PostgreSQL).
    ///   - clock: the time used for expiry and verification; injectable for tests.
    public init(
        identity: RelyingPartyIdentity, verifier: PresentationVerifier, storage: RelyingPartyStorage,
        clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.identity = identity
        self.verifier = verifier
        self.storage = storage
        self.clock = clock
    }

    /// Creates a relying party whose open requests stay in this process's memory (sealed with a fresh key), with the
    /// given nonce store and audit log.
    public init(
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
        if lastSweep.map({ now.timeIntervalSince($0) >= Self.sweepInterval }) ?? true {
            lastSweep = now
            _ = try? await sweep()  // a failed sweep is retried next interval; it must not block new requests
        }
        let request = try PresentationRequest(
            identity: identity, template: template, baseURL: baseURL, now: now, lifetime: lifetime, encryptionKey: encryptionKey)
        try await storage.requests.insert(try SealedPresentationRequest(sealing: request, with: storage.sealer))
        return request
    }

    /// Opens a request made earlier (e.g. read back from a file after a restart); a request already open is left as is.
    public func reopen(_ request: PresentationRequest) async throws(MDLError) {
        try await storage.requests.insert(try SealedPresentationRequest(sealing: request, with: storage.sealer))
    }

    /// The signed request object served at `request/<id>`, while the request is open and unexpired (made by this
    /// instance or another sharing the storage).
    public func requestObject(id: String) async throws(MDLError) -> String? {
        guard let row = try await storage.requests.request(id: id), row.expiresAt >= clock() else { return nil }
        return try row.unsealed(with: storage.sealer).requestObject
    }

    /// Deletes requests expired for longer than ``expiredRequestRetention`` and the nonces of requests expired as
    /// long; returns how many of each. Runs on its own every ``sweepInterval``; call it from a timer if requests
    /// are rare.
    @discardableResult
    public func sweep() async throws(MDLError) -> (requests: Int, nonces: Int) {
        let cutoff = clock().addingTimeInterval(-Self.expiredRequestRetention)
        let requests = try await storage.requests.sweep(expiredBefore: cutoff)
        let nonces = try await storage.replay.sweep(expiredBefore: cutoff)
        return (requests, nonces)
    }

    /// Checks a `direct_post.jwt` body (`application/x-www-form-urlencoded` with `response=<JWE>`).
    public func receive(formBody: [UInt8]) async -> PresentationOutcome {
        guard let jwe = FormBody.value(named: "response", in: formBody) else {
            return .refused(MDLError(code: .joseMalformed, message: "the body has no response parameter"), state: nil)
        }
        return await receive(jwe: jwe)
    }

    /// Checks a response JWE.
    public func receive(jwe: String) async -> PresentationOutcome {
        var state: String?
        do throws(MDLError) {
            let (request, plaintext) = try await decrypt(jwe)
            let payload = try JOSEJSON.decode(AuthorizationResponsePayload.self, from: plaintext, what: "response")
            state = payload.state
            guard payload.state == request.state else {
                throw MDLError(code: .requestUnknown, message: "the response's state does not match the request")
            }
            let now = clock()
            guard !request.isExpired(at: now) else { throw MDLError(code: .requestExpired, message: "the request expired") }
            if let error = payload.error {
                return .declined(try await decline(request, error: error, at: now))
            }
            return try await present(payload, for: request, at: now)
        } catch {
            return .refused(error, state: state)
        }
    }

    /// Finds the open request whose key the JWE names (`kid`) and decrypts; without a `kid`, tries each open
    /// request's key.
    private func decrypt(_ jwe: String) async throws(MDLError) -> (PresentationRequest, [UInt8]) {
        let header = try JWE.header(of: jwe)
        if let kid = header.kid {
            guard let row = try await storage.requests.request(id: kid) else {
                throw MDLError(code: .requestUnknown, message: "the response is not encrypted to an open request's key")
            }
            let request = try row.unsealed(with: storage.sealer)
            return (request, try JWE.decrypt(jwe, with: request.encryptionKey).plaintext)
        }
        let known = try await storage.requests.requests(expiringAfter: clock().addingTimeInterval(-Self.expiredRequestRetention))
        for row in known {
            guard let request = try? row.unsealed(with: storage.sealer) else { continue }
            if let plaintext = try? JWE.decrypt(jwe, with: request.encryptionKey).plaintext { return (request, plaintext) }
        }
        throw MDLError(code: .requestUnknown, message: "the response does not decrypt with any open request's key")
    }

    private func decline(_ request: PresentationRequest, error: String, at now: Date) async throws(MDLError) -> ConsentReceipt {
        guard error == "access_denied" else {
            throw MDLError(code: .responseStatusNotOK, message: "the wallet answered with error \(error)")
        }
        try await consumeNonce(of: request)
        let receipt = receipt(for: request, outcome: .declined, disclosed: [], trustPath: [], at: now)
        try await storage.audit.append(receipt)
        return receipt
    }

    private func present(_ payload: AuthorizationResponsePayload, for request: PresentationRequest, at now: Date) async throws(MDLError) -> PresentationOutcome {
        guard let tokens = payload.vpToken?[request.queryID], tokens.count == 1, let token = tokens.first,
            let bytes = Base64URL.decode(token)
        else { throw MDLError(code: .structureInvalid, message: "vp_token must hold one base64url DeviceResponse for query \(request.queryID)") }
        let presentation = try await verifier.verify(bytes, sessionTranscript: try request.sessionTranscript(), at: now)
        let requested = Dictionary(request.elements.map { ($0.element, $0.intentToRetain) }, uniquingKeysWith: { first, _ in first })
        var disclosed: [ConsentReceipt.Disclosure] = []
        for (index, document) in presentation.documents.enumerated() {
            guard document.docType == MDLProfile.docType else {
                throw MDLError(code: .elementNotRequested, message: "a document of a type not requested was returned", documentIndex: index)
            }
            for (nameSpace, elements) in document.issuerSigned.merging(document.deviceSigned, uniquingKeysWith: { $0.merging($1) { a, _ in a } }) {
                for identifier in elements.keys.sorted() {
                    let element = ElementReference(nameSpace, identifier)
                    guard let retain = requested[element] else {
                        throw MDLError(code: .elementNotRequested, message: "\(element) was not requested", documentIndex: index)
                    }
                    disclosed.append(.init(element: element, retained: retain))
                }
            }
        }
        try await consumeNonce(of: request)
        let receipt = receipt(
            for: request, outcome: .presented, disclosed: disclosed.sorted { $0.element < $1.element },
            trustPath: presentation.documents.first?.trustPath ?? [], at: now)
        try await storage.audit.append(receipt)
        return .presented(presentation, receipt)
    }

    private func consumeNonce(of request: PresentationRequest) async throws(MDLError) {
        guard try await storage.replay.consume(request.nonce, until: request.expiresAt) else {
            throw MDLError(code: .replay, message: "this request was already answered")
        }
    }

    private func receipt(
        for request: PresentationRequest, outcome: ConsentReceipt.Outcome, disclosed: [ConsentReceipt.Disclosure], trustPath: [String], at now: Date
    ) -> ConsentReceipt {
        let shown = Set(disclosed.map(\.element))
        return ConsentReceipt(
            clientID: request.clientID, relyingPartyNameZH: request.relyingPartyNameZH, relyingPartyNameEN: request.relyingPartyNameEN,
            purpose: request.purpose, state: request.state, outcome: outcome, disclosed: disclosed,
            declined: request.elements.map(\.element).filter { !shown.contains($0) }, time: now, trustPath: trustPath)
    }
}
