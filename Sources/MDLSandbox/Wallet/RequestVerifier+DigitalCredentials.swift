import Foundation
import MDLKit
import X509

extension RequestVerifier {
    /// Checks a Digital Credentials API request as a platform hands it to the wallet: the page's
    /// `navigator.credentials.get` argument (`{"digital": {"requests": [...]}}`, or one `{"protocol", "data"}`)
    /// and the origin the browser reports. The first request in a protocol this wallet speaks is taken.
    ///
    /// - Signed OpenID4VP: `typ`, `x5c` to a trusted root, signature, client_id against the leaf,
    ///   `expected_origins` containing `origin` exactly (`originNotAllowed`), expiry, and the registration (when
    ///   there is one) covering the purpose and elements (`requestBeyondRegistration`).
    /// - Unsigned OpenID4VP: the relying party is `origin:<origin>`; `client_id` and `expected_origins` are ignored.
    /// - Annex C: the DeviceRequest and EncryptionInfo; the transcript hashes the EncryptionInfo text as sent. A
    ///   `readerAuth` is verified (chain to a trusted root with the mdoc-reader EKU, signature over this transcript:
    ///   `certificateUntrusted`, `readerSignatureInvalid`) and names the relying party; without one the relying
    ///   party is only its origin.
    public func verifyDigitalCredentials(_ argument: [UInt8], origin: String, at time: Date) async throws(MDLError) -> ReceivedDigitalCredentialsRequest {
        let (exchangeProtocol, data) = try Self.firstSupportedRequest(in: argument)
        switch exchangeProtocol {
        case .isoMdoc:
            guard let deviceRequestText = data["deviceRequest"] as? String, let deviceRequestBytes = Base64URL.decode(deviceRequestText),
                let encryptionInfoText = data["encryptionInfo"] as? String
            else { throw MDLError(code: .requestInvalid, message: "org-iso-mdoc data needs deviceRequest and encryptionInfo") }
            let deviceRequest = try AnnexCDeviceRequest(bytes: deviceRequestBytes)
            guard deviceRequest.docType == MDLProfile.docType else { throw MDLError(code: .requestInvalid, message: "the sandbox wallet holds an mDL only") }
            let info = try AnnexCEncryptionInfo(base64URL: encryptionInfoText)
            let transcript = SessionTranscript.isoDigitalCredentialsAPI(encryptionInfoBase64URL: encryptionInfoText, origin: origin)
            var registration: RelyingPartyRegistration?
            if let docRequest = deviceRequest.docRequest, docRequest["readerAuth"] != nil {
                let reader = try await ReaderAuthentication(readerRoots: registrarRoots).verify(docRequest: docRequest, sessionTranscript: transcript, at: time)
                registration = try await self.registration(of: reader.certificate, verifierInfo: nil, at: time)
            }
            return ReceivedDigitalCredentialsRequest(
                exchangeProtocol: exchangeProtocol, origin: origin, clientID: "origin:" + origin, registration: registration, purpose: nil,
                requested: deviceRequest.elements, queryID: nil, recipient: .hpke(info.recipientPublicKey), sessionTranscript: transcript)
        case .openID4VPSigned:
            guard let compact = data["request"] as? String else { throw MDLError(code: .requestInvalid, message: "a signed request carries data.request") }
            let jws = try JWS(compact: compact)
            guard jws.header.typ == PresentationRequest.requestObjectType else {
                throw MDLError(code: .requestInvalid, message: "the request object's typ is not \(PresentationRequest.requestObjectType)")
            }
            let chain = try certificates(jws.header.x5c ?? [])
            try await checkChain(chain, at: time)
            guard let leaf = chain.first, let leafKey = SignerPublicKey(leaf) else {
                throw MDLError(code: .relyingPartyUntrusted, message: "the relying-party key type is not supported")
            }
            try jws.verify(with: leafKey)
            let claims = try Self.claims(jws.payload)
            guard let clientID = claims.clientID else { throw MDLError(code: .requestInvalid, message: "a signed request names its client_id") }
            try checkClientID(clientID, leaf: leaf)
            guard claims.expectedOrigins?.contains(origin) == true else {
                throw MDLError(code: .originNotAllowed, message: "the request is not for the origin the browser reports")
            }
            if let exp = claims.exp, Double(exp) < time.timeIntervalSince1970 { throw MDLError(code: .requestExpired, message: "the request expired") }
            let registration = try await self.registration(of: leaf, verifierInfo: claims.verifierInfo, at: time)
            return try Self.openID4VP(claims, exchangeProtocol, origin: origin, clientID: clientID, registration: registration)
        case .openID4VPUnsigned:
            let payload: Data
            do { payload = try JSONSerialization.data(withJSONObject: data) } catch {
                throw MDLError(code: .requestInvalid, message: "the unsigned request is not a JSON object")
            }
            let claims = try Self.claims(Array(payload))
            return try Self.openID4VP(claims, exchangeProtocol, origin: origin, clientID: "origin:" + origin, registration: nil)
        }
    }

    private static func claims(_ json: [UInt8]) throws(MDLError) -> DigitalCredentialsRequestObject {
        do { return try JSONDecoder().decode(DigitalCredentialsRequestObject.self, from: Data(json)) } catch {
            throw MDLError(code: .requestInvalid, message: "the request parameters are not OpenID4VP over the DC API")
        }
    }

    private static func openID4VP(
        _ claims: DigitalCredentialsRequestObject, _ exchangeProtocol: DigitalCredentialsProtocol, origin: String, clientID: String,
        registration: RelyingPartyRegistration?
    ) throws(MDLError) -> ReceivedDigitalCredentialsRequest {
        guard claims.responseType == "vp_token",
            claims.responseMode == DigitalCredentialsBinding.encryptedResponseMode || claims.responseMode == DigitalCredentialsBinding.plainResponseMode
        else { throw MDLError(code: .requestInvalid, message: "response_mode must be dc_api.jwt or dc_api") }
        guard claims.dcqlQuery.credentials.count == 1, let query = claims.dcqlQuery.credentials.first, query.format == "mso_mdoc",
            query.meta.doctypeValue == MDLProfile.docType
        else { throw MDLError(code: .requestInvalid, message: "the sandbox wallet answers one mso_mdoc mDL query") }
        var requested: [RequestedElement] = []
        for claim in query.claims {
            guard let element = claim.element else { throw MDLError(code: .requestInvalid, message: "an mso_mdoc claim path has two parts") }
            requested.append(RequestedElement(element, intentToRetain: claim.intentToRetain ?? false))
        }
        if let registration {
            guard let purpose = claims.purpose, let allowed = registration.allowedElements(for: purpose) else {
                throw MDLError(code: .requestBeyondRegistration, message: "the relying party is not registered for this purpose")
            }
            if let outside = requested.first(where: { !allowed.contains($0.element) }) {
                throw MDLError(code: .requestBeyondRegistration, message: "\(outside.element) is outside the registration")
            }
        }
        let recipient: ReceivedDigitalCredentialsRequest.Recipient
        let thumbprint: [UInt8]?
        if claims.responseMode == DigitalCredentialsBinding.plainResponseMode {
            recipient = .plain
            thumbprint = nil
        } else {
            guard let key = claims.clientMetadata.jwks.keys.first(where: { $0.use == nil || $0.use == "enc" }) else {
                throw MDLError(code: .requestInvalid, message: "client_metadata has no encryption key")
            }
            let enc = claims.clientMetadata.encryptedResponseEncValuesSupported.first { JWE.contentEncryptions[$0] != nil } ?? "A128GCM"
            recipient = .jwe(key, enc: enc)
            thumbprint = try key.thumbprint()
        }
        return ReceivedDigitalCredentialsRequest(
            exchangeProtocol: exchangeProtocol, origin: origin, clientID: clientID, registration: registration, purpose: claims.purpose,
            requested: requested, queryID: query.id, recipient: recipient,
            sessionTranscript: .openID4VPDigitalCredentialsAPI(origin: origin, nonce: claims.nonce, jwkThumbprint: thumbprint))
    }

    /// The first `{"protocol", "data"}` in a protocol of ``DigitalCredentialsProtocol``.
    private static func firstSupportedRequest(in argument: [UInt8]) throws(MDLError) -> (DigitalCredentialsProtocol, [String: Any]) {
        guard let object = try? JSONSerialization.jsonObject(with: Data(argument)) as? [String: Any] else {
            throw MDLError(code: .requestInvalid, message: "the request is not a JSON object")
        }
        let requests: [[String: Any]]
        if let digital = object["digital"] as? [String: Any], let list = digital["requests"] as? [[String: Any]] {
            requests = list
        } else {
            requests = [object]
        }
        for request in requests {
            if let name = request["protocol"] as? String, let known = DigitalCredentialsProtocol(rawValue: name), let data = request["data"] as? [String: Any] {
                return (known, data)
            }
        }
        throw MDLError(code: .requestInvalid, message: "no request in a protocol the wallet speaks")
    }
}
