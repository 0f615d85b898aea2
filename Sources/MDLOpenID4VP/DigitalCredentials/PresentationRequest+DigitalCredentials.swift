import Crypto
import Foundation
import MDLCOSE
import MDLJOSE
import MDLVerifier

extension PresentationRequest {
    /// Makes a request for the W3C Digital Credentials API, for a page served from `origin`, with a fresh nonce
    /// and a fresh P-256 response-encryption key.
    ///
    /// - `openid4vp-v1-signed`: a request object signed like the cross-device one (`typ: oauth-authz-req+jwt`, `x5c`,
    ///   the identity's client_id) with `expected_origins: [origin]`; `data` is `{"request": "<JWS>"}`.
    /// - `openid4vp-v1-unsigned`: `data` is the request parameters themselves, without client_id.
    /// - `org-iso-mdoc`: `data` is `{"deviceRequest": …, "encryptionInfo": …}` (ISO/IEC 18013-7 Annex C); the
    ///   DocRequest carries `readerAuth` signed with the identity's key over the `dcapi` transcript.
    ///
    /// - Parameters:
    ///   - identity: the relying party (it signs `openid4vp-v1-signed` requests; its names go into receipts).
    ///   - template: the elements to ask for, and the purpose.
    ///   - exchangeProtocol: the Digital Credentials API protocol.
    ///   - origin: the page's origin, which the transcript binds.
    ///   - now: the issue time; expiry counts from it.
    ///   - lifetime: seconds until the request expires.
    ///   - encryptionKey: the key the response is encrypted to (a JWE for OpenID4VP, HPKE for Annex C); fresh by default.
    ///   - responseMode: for OpenID4VP, `dc_api.jwt` (an encrypted response, the default) or `dc_api`.
    public init(
        digitalCredentialsFor identity: RelyingPartyIdentity, template: RequestTemplate, protocol exchangeProtocol: DigitalCredentialsProtocol,
        origin: WebOrigin, now: Date, lifetime: TimeInterval = 300, encryptionKey: P256.KeyAgreement.PrivateKey = .init(),
        responseMode: String = DigitalCredentialsBinding.encryptedResponseMode
    ) throws(MDLError) {
        guard !template.elements.isEmpty else { throw MDLError(code: .requestInvalid, message: "a request needs at least one element") }
        guard responseMode == DigitalCredentialsBinding.encryptedResponseMode || responseMode == DigitalCredentialsBinding.plainResponseMode else {
            throw MDLError(code: .requestInvalid, message: "the response mode over the Digital Credentials API is dc_api.jwt or dc_api")
        }
        let id = Base64URL.encode(SecureRandom.bytes(count: 16))
        let nonceBytes = SecureRandom.bytes(count: 32)
        self.id = id
        state = Base64URL.encode(SecureRandom.bytes(count: 16))
        nonce = Base64URL.encode(nonceBytes)
        clientID = exchangeProtocol == .openID4VPSigned ? identity.clientID : "origin:" + origin.serialized
        requestURI = ""
        responseURI = ""
        purpose = template.purpose
        elements = template.elements
        queryID = "mdl"
        issuedAt = now
        expiresAt = now.addingTimeInterval(lifetime)
        self.encryptionKey = .p256(encryptionKey)
        relyingPartyNameZH = identity.displayNameZH
        relyingPartyNameEN = identity.displayNameEN
        let data: String
        var encryptionInfo: String?
        switch exchangeProtocol {
        case .isoMdoc:
            let info = AnnexCEncryptionInfo(nonce: nonceBytes, recipientPublicKey: encryptionKey.publicKey)
            let transcript = SessionTranscript.isoDigitalCredentialsAPI(encryptionInfoBase64URL: info.base64URL, origin: origin.serialized)
            let deviceRequest = try AnnexCDeviceRequest(elements: template.elements, reader: identity, sessionTranscript: transcript)
            encryptionInfo = info.base64URL
            data = try Self.json(["deviceRequest": Base64URL.encode(deviceRequest.encoded), "encryptionInfo": info.base64URL])
            requestObject = data
        case .openID4VPSigned, .openID4VPUnsigned:
            let signed = exchangeProtocol == .openID4VPSigned
            let claims = DigitalCredentialsRequestObject(
                clientID: signed ? clientID : nil, expectedOrigins: signed ? [origin.serialized] : nil, responseMode: responseMode,
                nonce: nonce, dcqlQuery: .mDL(id: queryID, elements: elements),
                clientMetadata: ClientMetadata(
                    jwks: JWKSet(keys: [JWEDecryptionKey.p256(encryptionKey).publicJWK(kid: id)]),
                    vpFormatsSupported: ["mso_mdoc": ["issuerauth_alg_values": [-7, -8, -9, -35, -36], "deviceauth_alg_values": [-7, -8, -9]]]),
                iat: signed ? Int64(now.timeIntervalSince1970) : nil, exp: signed ? Int64(expiresAt.timeIntervalSince1970) : nil,
                purpose: purpose, verifierInfo: identity.verifierInfo)
            if signed {
                let jws = try JWS.sign(
                    payload: try JOSEJSON.encode(claims),
                    header: JOSEHeader(alg: identity.signingKey.algorithm, typ: Self.requestObjectType, x5c: identity.x5c), key: identity.signingKey)
                data = try Self.json(["request": jws])
                requestObject = jws
            } else {
                data = String(decoding: try JOSEJSON.encode(claims), as: UTF8.self)
                requestObject = data
            }
        }
        digitalCredentials = DigitalCredentialsBinding(
            exchangeProtocol: exchangeProtocol, origin: origin.serialized,
            responseMode: exchangeProtocol.isOpenID4VP ? responseMode : nil, encryptionInfo: encryptionInfo, requestData: data)
    }

    /// The argument a page passes to `navigator.credentials.get` for a Digital Credentials API request:
    /// `{"digital": {"requests": [{"protocol": P, "data": DATA}]}}` as JSON text; `nil` for a cross-device request.
    public var navigatorArgument: String? {
        guard let binding = digitalCredentials else { return nil }
        return "{\"digital\":{\"requests\":[{\"protocol\":\"\(binding.exchangeProtocol.rawValue)\",\"data\":\(binding.requestData)}]}}"
    }

    private static func json(_ members: [String: String]) throws(MDLError) -> String {
        String(decoding: try JOSEJSON.encode(members), as: UTF8.self)
    }
}
