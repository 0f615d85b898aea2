import MDLJOSE

/// The claims of an OpenID4VP 1.0 signed request object (JWS `typ: oauth-authz-req+jwt`).
///
/// `purpose` is MDLKit's extension claim: the registered purpose the holder is asked to consent to.
public struct AuthorizationRequestObject: Sendable, Hashable, Codable {
    /// The audience for static wallet discovery.
    public static let selfIssuedAudience = "https://self-issued.me/v2"

    /// The issuer: the client_id.
    public var iss: String?
    /// The audience.
    public var aud: String?
    /// The client identifier with its prefix.
    public var clientID: String
    /// `vp_token`.
    public var responseType: String
    /// `direct_post.jwt`.
    public var responseMode: String
    /// Where the wallet POSTs the response.
    public var responseURI: String
    /// The fresh nonce.
    public var nonce: String
    /// The state, echoed in the response.
    public var state: String
    /// The DCQL query.
    public var dcqlQuery: DCQLQuery
    /// The response-encryption key and parameters.
    public var clientMetadata: ClientMetadata
    /// Issued at, seconds since 1970.
    public var iat: Int64?
    /// Expiry, seconds since 1970.
    public var exp: Int64?
    /// The registered purpose (MDLKit extension).
    public var purpose: PresentationPurpose?
    /// Attestations about the relying party (`verifier_info`), e.g. its registration.
    public var verifierInfo: [VerifierInfo]?

    /// Creates request claims.
    public init(
        clientID: String, responseURI: String, nonce: String, state: String, dcqlQuery: DCQLQuery, clientMetadata: ClientMetadata,
        iat: Int64?, exp: Int64?, purpose: PresentationPurpose?
    ) {
        self.iss = clientID
        self.aud = Self.selfIssuedAudience
        self.clientID = clientID
        self.responseType = "vp_token"
        self.responseMode = "direct_post.jwt"
        self.responseURI = responseURI
        self.nonce = nonce
        self.state = state
        self.dcqlQuery = dcqlQuery
        self.clientMetadata = clientMetadata
        self.iat = iat
        self.exp = exp
        self.purpose = purpose
    }

    enum CodingKeys: String, CodingKey {
        case iss, aud, nonce, state, iat, exp, purpose
        case clientID = "client_id"
        case responseType = "response_type"
        case responseMode = "response_mode"
        case responseURI = "response_uri"
        case dcqlQuery = "dcql_query"
        case clientMetadata = "client_metadata"
        case verifierInfo = "verifier_info"
    }
}

/// `client_metadata` of a request: the encryption key and what the relying party accepts.
public struct ClientMetadata: Sendable, Hashable, Codable {
    /// The response-encryption keys (one per request, `use: enc`).
    public var jwks: JWKSet
    /// The content-encryption algorithms the relying party decrypts.
    public var encryptedResponseEncValuesSupported: [String]
    /// Per format, the algorithms accepted.
    public var vpFormatsSupported: [String: [String: [Int]]]?

    /// Creates metadata. The default content encryptions are exactly those the relying party's decryption
    /// accepts (`JWE.defaultAllowedEncryptions`).
    public init(
        jwks: JWKSet, encryptedResponseEncValuesSupported: [String] = JWE.defaultAllowedEncryptions.sorted(),
        vpFormatsSupported: [String: [String: [Int]]]? = nil
    ) {
        self.jwks = jwks
        self.encryptedResponseEncValuesSupported = encryptedResponseEncValuesSupported
        self.vpFormatsSupported = vpFormatsSupported
    }

    enum CodingKeys: String, CodingKey {
        case jwks
        case encryptedResponseEncValuesSupported = "encrypted_response_enc_values_supported"
        case vpFormatsSupported = "vp_formats_supported"
    }
}

/// The plaintext of a `direct_post.jwt` response: a presentation or an error.
package struct AuthorizationResponsePayload: Sendable, Hashable, Codable {
    /// Per DCQL query id, the base64url DeviceResponses.
    package var vpToken: [String: [String]]?
    /// The request's state.
    package var state: String?
    /// An OAuth error code (e.g. `access_denied`) when the holder declined.
    package var error: String?
    /// A description of the error.
    package var errorDescription: String?

    /// Creates a payload.
    package init(vpToken: [String: [String]]? = nil, state: String?, error: String? = nil, errorDescription: String? = nil) {
        self.vpToken = vpToken
        self.state = state
        self.error = error
        self.errorDescription = errorDescription
    }

    enum CodingKeys: String, CodingKey {
        case state, error
        case vpToken = "vp_token"
        case errorDescription = "error_description"
    }
}
