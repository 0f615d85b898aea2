import Foundation
import MDLJOSE
import MDLVerifier

extension RelyingParty {
    /// Makes and opens a Digital Credentials API request for a page at `origin`, which must be one of
    /// ``allowedOrigins`` (`originNotAllowed` otherwise). Pass ``PresentationRequest/navigatorArgument`` to the page
    /// and keep ``PresentationRequest/id`` to bind the credential the page sends back.
    ///
    /// ```swift
    /// let request = try await rp.createDigitalCredentialsRequest(.carRental, protocol: .openID4VPSigned, origin: "https://rent.example.cn")
    /// // page: const credential = await navigator.credentials.get(<request.navigatorArgument>); POST it with request.id
    /// let received = await rp.receive(digitalCredential: body, forRequest: request.id, origin: "https://rent.example.cn")
    /// ```
    public func createDigitalCredentialsRequest(
        _ template: RequestTemplate, protocol exchangeProtocol: DigitalCredentialsProtocol, origin: String, lifetime: TimeInterval = 300,
        responseMode: String = DigitalCredentialsBinding.encryptedResponseMode
    ) async throws(MDLError) -> PresentationRequest {
        guard allowedOrigins.contains(origin) else {
            throw MDLError(code: .originNotAllowed, message: "the origin is not one of this relying party's pages")
        }
        let now = clock()
        await sweepIfDue(at: now)
        let request = try PresentationRequest(
            digitalCredentialsFor: identity, template: template, protocol: exchangeProtocol, origin: try WebOrigin(origin), now: now,
            lifetime: lifetime, responseMode: responseMode)
        try await storage.requests.insert(try SealedPresentationRequest(sealing: request, with: storage.sealer))
        return request
    }

    /// Checks the credential a page received from `navigator.credentials.get` for the request `id`.
    ///
    /// `origin` is the origin of the page that hands it in, as the relying party's server knows it (its own
    /// configuration, or the `Origin` header its framework checked), never a value read from the credential. It must
    /// be one of ``allowedOrigins`` and the request's own (`originNotAllowed`). Then: unexpired (`requestExpired`),
    /// the protocol of the request, decrypted with the request's key only (`jweDecryptionFailed`,
    /// `hpkeDecryptionFailed`; an unencrypted answer to a `dc_api.jwt` request is `structureInvalid`), device
    /// authentication over the transcript built from the request's origin, returned ⊆ requested, and the nonce
    /// used once across every instance sharing the storage (`replay`).
    public func receive(digitalCredential json: [UInt8], forRequest id: String, origin: String) async -> ReceivedResponse {
        let request: PresentationRequest
        switch await boundRequest(id) {
        case .found(let found): request = found
        case .answered(let answer): return answer
        }
        return observer.received(await receive(digitalCredential: json, for: request, origin: origin), purpose: request.purpose)
    }

    /// Checks the credential for its bound `request`.
    private func receive(digitalCredential json: [UInt8], for request: PresentationRequest, origin: String) async -> ReceivedResponse {
        do throws(MDLError) {
            guard let binding = request.digitalCredentials else {
                throw MDLError(code: .requestUnknown, message: "the request was made for a response_uri, not the Digital Credentials API")
            }
            guard allowedOrigins.contains(origin), origin == binding.origin else {
                throw MDLError(code: .originNotAllowed, message: "the response comes from an origin other than its request's")
            }
            let now = clock()
            guard !request.isExpired(at: now) else { throw MDLError(code: .requestExpired, message: "the request expired") }
            let credential = try DigitalCredentialResponse(json: json)
            guard credential.protocol == binding.exchangeProtocol.rawValue else {
                throw MDLError.structure("the credential answers protocol \(credential.protocol), not \(binding.exchangeProtocol.rawValue)")
            }
            switch binding.exchangeProtocol {
            case .isoMdoc:
                return await present(deviceResponse: try openAnnexC(credential.data, for: request), for: request, at: now)
            case .openID4VPSigned, .openID4VPUnsigned:
                let payload = try openOpenID4VP(credential.data, for: request, binding: binding)
                if let error = payload.error {
                    let receipt = try await decline(request, error: error, at: now)
                    return ReceivedResponse(requestID: request.id, requestState: request.state, outcome: .declined(receipt), isHolderAuthenticated: false)
                }
                return await present(payload, for: request, at: now)
            }
        } catch {
            return Self.refused(error, request, holderAuthenticated: false)
        }
    }

    private func openAnnexC(_ data: DigitalCredentialResponse.ResponseData, for request: PresentationRequest) throws(MDLError) -> [UInt8] {
        guard let text = data.response, let bytes = Base64URL.decode(text) else {
            throw MDLError.structure("an org-iso-mdoc credential carries a base64url EncryptedResponse in data.response")
        }
        guard case .p256(let key) = request.encryptionKey else {
            throw MDLError(code: .hpkeDecryptionFailed, message: "the request has no P-256 key")
        }
        return try AnnexCEncryptedResponse(bytes: bytes).open(with: key, transcript: try request.sessionTranscript())
    }

    private func openOpenID4VP(
        _ data: DigitalCredentialResponse.ResponseData, for request: PresentationRequest, binding: DigitalCredentialsBinding
    ) throws(MDLError) -> AuthorizationResponsePayload {
        if binding.responseMode == DigitalCredentialsBinding.plainResponseMode {
            return AuthorizationResponsePayload(vpToken: data.vpToken, state: nil, error: data.error)
        }
        if data.response == nil, let error = data.error {
            // OpenID4VP 1.0 A.4: protocol errors come back unencrypted in `data`.
            return AuthorizationResponsePayload(state: nil, error: error)
        }
        guard let jwe = data.response else {
            throw MDLError.structure("a dc_api.jwt request is answered with an encrypted response, not in the clear")
        }
        if let kid = try JWE.header(of: jwe).kid, kid != request.id {
            throw MDLError(code: .requestUnknown, message: "the response is encrypted to another request's key")
        }
        let plaintext = try JWE.decrypt(jwe, with: request.encryptionKey).plaintext
        return try JOSEJSON.decode(AuthorizationResponsePayload.self, from: plaintext, what: "response")
    }
}
