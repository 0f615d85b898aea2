import Foundation
import MDLCOSE
import MDLJOSE
import MDLVerifier

/// One request of a relying party, as the relying party keeps it until the response comes: the signed request
/// object, the per-request encryption key, and what the response will be checked against.
///
/// ```swift
/// let request = try PresentationRequest(identity: identity, template: .carRental, baseURL: url, now: Date())
/// print(request.authorizationRequestURI)   // openid4vp://?client_id=…&request_uri=…
/// ```
public struct PresentationRequest: Sendable {
    /// The path segment of the request_uri.
    public let id: String
    /// The state the response must echo.
    public let state: String
    /// The fresh nonce (32 random bytes, base64url).
    public let nonce: String
    /// The client_id with its prefix.
    public let clientID: String
    /// Where the wallet fetches the request object.
    public let requestURI: String
    /// Where the wallet POSTs the response: `<base>/response/<id>`, this request's own, so a response is bound
    /// to its request before anything is decrypted (and the SessionTranscript names it).
    public let responseURI: String
    /// The purpose.
    public let purpose: PresentationPurpose
    /// The elements asked for, with retention flags.
    public let elements: [RequestedElement]
    /// The DCQL credential query id (the key of `vp_token`).
    public let queryID: String
    /// When the request was made.
    public let issuedAt: Date
    /// When it stops being answerable.
    public let expiresAt: Date
    /// The response-decryption key (private; never leaves the relying party).
    public let encryptionKey: JWEDecryptionKey
    /// The signed request object (compact JWS, `typ: oauth-authz-req+jwt`).
    public let requestObject: String
    /// The relying party's registered names, for the receipt.
    public let relyingPartyNameZH: String
    /// The relying party's registered English name.
    public let relyingPartyNameEN: String
    /// For a request made for the Digital Credentials API: its protocol, origin and what was passed to the browser;
    /// `nil` for a cross-device (`openid4vp://`) request.
    public let digitalCredentials: DigitalCredentialsBinding?

    /// The media type of a request object.
    public static let requestObjectType = "oauth-authz-req+jwt"

    /// Makes and signs a request with a fresh nonce, state and encryption key.
    ///
    /// - Parameters:
    ///   - identity: the relying party that signs the request.
    ///   - template: the elements to ask for, and the purpose.
    ///   - baseURL: where the relying party serves `request/<id>` and `response/<id>`.
    ///   - now: the issue time; expiry counts from it.
    ///   - lifetime: seconds until the request expires.
    ///   - encryptionKey: the response-decryption key, fresh per request (P-256 by default; X25519 works too).
    ///   - acceptedAlgorithms: the COSE algorithms the verifier accepts (`VerifierConfiguration.allowedAlgorithms`);
    ///     the request advertises its signature algorithms for issuer and device authentication, nothing else.
    public init(
        identity: RelyingPartyIdentity, template: RequestTemplate, baseURL: URL, now: Date, lifetime: TimeInterval = 300,
        encryptionKey: JWEDecryptionKey = .generateP256(),
        acceptedAlgorithms: Set<COSEAlgorithm> = VerifierConfiguration.implementedSignatureAlgorithms
    ) throws(MDLError) {
        guard !template.elements.isEmpty else { throw MDLError(code: .requestInvalid, message: "a request needs at least one element") }
        try identity.checkEndpoint(baseURL)
        let id = Base64URL.encode(SecureRandom.bytes(count: 16))
        let base = baseURL.absoluteString.hasSuffix("/") ? String(baseURL.absoluteString.dropLast()) : baseURL.absoluteString
        self.id = id
        state = Base64URL.encode(SecureRandom.bytes(count: 16))
        nonce = Base64URL.encode(SecureRandom.bytes(count: 32))
        clientID = identity.clientID
        requestURI = "\(base)/request/\(id)"
        responseURI = "\(base)/response/\(id)"
        purpose = template.purpose
        elements = template.elements
        queryID = "mdl"
        issuedAt = now
        expiresAt = now.addingTimeInterval(lifetime)
        self.encryptionKey = encryptionKey
        relyingPartyNameZH = identity.displayNameZH
        relyingPartyNameEN = identity.displayNameEN
        digitalCredentials = nil
        var claims = AuthorizationRequestObject(
            clientID: clientID, responseURI: responseURI, nonce: nonce, state: state,
            dcqlQuery: .mDL(id: queryID, elements: elements),
            clientMetadata: ClientMetadata(
                jwks: JWKSet(keys: [encryptionKey.publicJWK(kid: id)]),
                vpFormatsSupported: ClientMetadata.mdocFormats(accepting: acceptedAlgorithms)),
            iat: Int64(now.timeIntervalSince1970), exp: Int64(expiresAt.timeIntervalSince1970), purpose: purpose)
        claims.verifierInfo = identity.verifierInfo
        requestObject = try JWS.sign(
            payload: try JOSEJSON.encode(claims),
            header: JOSEHeader(alg: identity.signingKey.algorithm, typ: Self.requestObjectType, x5c: identity.x5c), key: identity.signingKey)
    }

    /// The response-encryption public JWK as the request object carries it.
    public var encryptionJWK: JWK { encryptionKey.publicJWK(kid: id) }

    /// The SessionTranscript the wallet must have signed: OpenID4VP 1.0 with the encryption key's thumbprint, or for
    /// the Digital Credentials API the transcript of its protocol built from the request's origin.
    public func sessionTranscript() throws(MDLError) -> SessionTranscript {
        if let digitalCredentials {
            return try digitalCredentials.sessionTranscript(nonce: nonce, encryptionJWK: encryptionJWK)
        }
        return .openID4VP(clientID: clientID, nonce: nonce, jwkThumbprint: try encryptionJWK.thumbprint(), responseURI: responseURI)
    }

    /// `openid4vp://?client_id=…&request_uri=…`, for a QR code or a link.
    public var authorizationRequestURI: String {
        "openid4vp://?client_id=\(Self.percentEncoded(clientID))&request_uri=\(Self.percentEncoded(requestURI))"
    }

    /// Whether the request has expired at `time`.
    public func isExpired(at time: Date) -> Bool { time > expiresAt }

    /// Form-encodes a query value (RFC 3986 unreserved characters kept).
    static func percentEncoded(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }

    init(stored: StoredPresentationRequest) throws(MDLError) {
        id = stored.id
        state = stored.state
        nonce = stored.nonce
        clientID = stored.clientID
        requestURI = stored.requestURI
        responseURI = stored.responseURI
        purpose = stored.purpose
        elements = stored.elements
        queryID = stored.queryID
        issuedAt = Date(timeIntervalSince1970: stored.issuedAt)
        expiresAt = Date(timeIntervalSince1970: stored.expiresAt)
        encryptionKey = try JWEDecryptionKey(privateJWK: stored.encryptionKey)
        requestObject = stored.requestObject
        relyingPartyNameZH = stored.relyingPartyNameZH
        relyingPartyNameEN = stored.relyingPartyNameEN
        digitalCredentials = stored.digitalCredentials
    }
}
