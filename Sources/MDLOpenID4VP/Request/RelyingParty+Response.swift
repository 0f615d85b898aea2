import Foundation
import MDLJOSE
import MDLVerifier

extension RelyingParty {
    /// Checks a `direct_post.jwt` body (`application/x-www-form-urlencoded` with exactly one `response=<JWE>`)
    /// posted to the `response_uri` of the request `id`.
    ///
    /// The body is read in one bounded pass (``FormBody``); a repeated `response` is refused (RFC 6749 §3.1).
    public func receive(formBody: [UInt8], forRequest id: String) async -> ReceivedResponse {
        let request: PresentationRequest
        switch await boundRequest(id) {
        case .found(let found): request = found
        case .answered(let answer): return answer
        }
        do throws(MDLError) {
            guard let jwe = try FormBody.uniqueValue(named: "response", in: formBody) else {
                throw MDLError(code: .joseMalformed, message: "the body has no response parameter")
            }
            return observer.received(await check(jwe, for: request), purpose: request.purpose)
        } catch {
            return observer.received(Self.refused(error, request, holderAuthenticated: false), purpose: request.purpose)
        }
    }

    /// Checks a response JWE for the request `id` (e.g. from a file exchange, or a framework that parsed the form).
    ///
    /// The JWE is decrypted only with that request's key; a `kid` in its header must be that request's key id.
    public func receive(jwe: String, forRequest id: String) async -> ReceivedResponse {
        switch await boundRequest(id) {
        case .found(let request): return observer.received(await check(jwe, for: request), purpose: request.purpose)
        case .answered(let answer): return answer
        }
    }

    /// The request a response is bound to, or the answer for a response bound to none.
    enum Binding {
        case found(PresentationRequest)
        case answered(ReceivedResponse)
    }

    func boundRequest(_ id: String) async -> Binding {
        let unbound = { (error: MDLError) in
            Binding.answered(self.observer.received(
                ReceivedResponse(requestID: id, requestState: nil, outcome: .refused(error, state: nil), isHolderAuthenticated: false),
                purpose: nil))
        }
        do throws(MDLError) {
            guard let row = try await storage.requests.request(id: id) else {
                return unbound(MDLError(code: .requestUnknown, message: "the response_uri names no open request"))
            }
            return .found(try row.unsealed(with: storage.sealer))
        } catch {
            return unbound(error)
        }
    }

    private func check(_ jwe: String, for request: PresentationRequest) async -> ReceivedResponse {
        do throws(MDLError) {
            let now = clock()
            guard request.digitalCredentials == nil else {
                throw MDLError(code: .requestUnknown, message: "the request was made for the Digital Credentials API, not a response_uri")
            }
            guard !request.isExpired(at: now) else { throw MDLError(code: .requestExpired, message: "the request expired") }
            if let kid = try JWE.header(of: jwe).kid, kid != request.id {
                throw MDLError(code: .requestUnknown, message: "the response is encrypted to another request's key")
            }
            let plaintext = try JWE.decrypt(jwe, with: request.encryptionKey).plaintext
            let payload = try JOSEJSON.decode(AuthorizationResponsePayload.self, from: plaintext, what: "response")
            guard payload.state == request.state else {
                throw MDLError(code: .requestUnknown, message: "the response's state does not match the request")
            }
            if let error = payload.error {
                let receipt = try await decline(request, error: error, at: now)
                return ReceivedResponse(requestID: request.id, requestState: request.state, outcome: .declined(receipt), isHolderAuthenticated: false)
            }
            return await present(payload, for: request, at: now)
        } catch {
            return Self.refused(error, request, holderAuthenticated: false)
        }
    }

    /// Records an `access_denied`. A decline proves nothing about who sent it (anyone holding the public request
    /// object can encrypt one to the request's key), so it does not use the nonce: the request stays open for
    /// the holder's device-signed response until it expires. One decline per request is recorded.
    func decline(_ request: PresentationRequest, error: String, at now: Date) async throws(MDLError) -> ConsentReceipt {
        guard error == "access_denied" else {
            throw MDLError(code: .responseStatusNotOK, message: "the wallet answered with error \(error)")
        }
        guard try await storage.replay.consume(Self.declineMarker(request), until: request.expiresAt) else {
            throw MDLError(code: .replay, message: "this request was already answered or declined")
        }
        let receipt = receipt(for: request, outcome: .declined, disclosed: [], trustPath: [], at: now)
        try await storage.audit.append(receipt)
        return receipt
    }

    func present(_ payload: AuthorizationResponsePayload, for request: PresentationRequest, at now: Date) async -> ReceivedResponse {
        guard let tokens = payload.vpToken?[request.queryID], tokens.count == 1, let token = tokens.first, let bytes = Base64URL.decode(token) else {
            let error = MDLError(code: .structureInvalid, message: "vp_token must hold one base64url DeviceResponse for query \(request.queryID)")
            return Self.refused(error, request, holderAuthenticated: false)
        }
        return await present(deviceResponse: bytes, for: request, at: now)
    }

    /// Verifies a DeviceResponse over the request's transcript; then, holder proven, checks returned ⊆ requested,
    /// uses the nonce and writes the receipt.
    func present(deviceResponse bytes: [UInt8], for request: PresentationRequest, at now: Date) async -> ReceivedResponse {
        let presentation: VerifiedPresentation
        do throws(MDLError) {
            presentation = try await verifier.verify(bytes, sessionTranscript: try request.sessionTranscript(), at: now)
        } catch {
            // Status is verification's last step, after device authentication: a status refusal concerns a holder
            // who proved possession, and it leaves the nonce unused, so the holder may answer again once the
            // status service is back.
            return Self.refused(error, request, holderAuthenticated: StatusCheckPolicy.statusCodes.contains(error.code))
        }
        // From here the holder is proven (device authentication over this request's transcript verified).
        do throws(MDLError) {
            let disclosed = try Self.disclosures(in: presentation, for: request)
            try await consumeNonce(of: request)
            // A decline arriving after the presentation is refused, not recorded.
            _ = try? await storage.replay.consume(Self.declineMarker(request), until: request.expiresAt)
            let receipt = receipt(
                for: request, outcome: .presented, disclosed: disclosed, trustPath: presentation.documents.first?.trustPath.subjects ?? [],
                status: presentation.documents.first.map { Self.statusRecord($0.status) }, at: now)
            try await storage.audit.append(receipt)
            return ReceivedResponse(
                requestID: request.id, requestState: request.state, outcome: .presented(presentation, receipt), isHolderAuthenticated: true)
        } catch {
            return Self.refused(error, request, holderAuthenticated: true)
        }
    }

    private static func disclosures(in presentation: VerifiedPresentation, for request: PresentationRequest) throws(MDLError) -> [ConsentReceipt.Disclosure] {
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
        return disclosed.sorted { $0.element < $1.element }
    }

    /// The receipt's record of a document's status.
    static func statusRecord(_ status: DocumentStatus) -> String {
        if case .notChecked(let reason) = status { return "not-checked: \(reason)" }
        return status.summary
    }

    /// The replay-store key that records the one decline of `request` (nonces are base64url, so it cannot collide).
    static func declineMarker(_ request: PresentationRequest) -> String { "declined:" + request.nonce }

    static func refused(_ error: MDLError, _ request: PresentationRequest, holderAuthenticated: Bool) -> ReceivedResponse {
        ReceivedResponse(
            requestID: request.id, requestState: request.state, outcome: .refused(error, state: request.state),
            isHolderAuthenticated: holderAuthenticated)
    }
}
