import MDLJOSE

/// The OpenID4VP 1.0 request parameters sent over the Digital Credentials API (Appendix A.2): the claims of the
/// signed request object (`openid4vp-v1-signed`) or the `data` object itself (`openid4vp-v1-unsigned`).
///
/// Unlike the cross-device request there is no `response_uri` and no `state` (the browser carries the response
/// back to the page); a signed request names `client_id` and the `expected_origins` the wallet compares with the
/// origin the browser reports; an unsigned one names neither (the wallet identifies the relying party by origin).
public struct DigitalCredentialsRequestObject: Sendable, Hashable, Codable {
    /// The client identifier with its prefix (signed requests only).
    public var clientID: String?
    /// The origins the request may be used from (signed requests only).
    public var expectedOrigins: [String]?
    /// `vp_token`.
    public var responseType: String
    /// `dc_api.jwt` (encrypted response) or `dc_api`.
    public var responseMode: String
    /// The fresh nonce.
    public var nonce: String
    /// The DCQL query.
    public var dcqlQuery: DCQLQuery
    /// The response-encryption key and parameters.
    public var clientMetadata: ClientMetadata
    /// Issued at, seconds since 1970 (signed requests).
    public var iat: Int64?
    /// Expiry, seconds since 1970 (signed requests).
    public var exp: Int64?
    /// The registered purpose (MDLKit extension; wallets ignore what they do not know).
    public var purpose: PresentationPurpose?
    /// Attestations about the relying party (OpenID4VP 1.0 §5.1 `verifier_info`), e.g. its registration.
    public var verifierInfo: [VerifierInfo]?

    /// Creates request parameters.
    public init(
        clientID: String?, expectedOrigins: [String]?, responseMode: String, nonce: String, dcqlQuery: DCQLQuery,
        clientMetadata: ClientMetadata, iat: Int64?, exp: Int64?, purpose: PresentationPurpose?, verifierInfo: [VerifierInfo]? = nil
    ) {
        self.clientID = clientID
        self.expectedOrigins = expectedOrigins
        self.responseType = "vp_token"
        self.responseMode = responseMode
        self.nonce = nonce
        self.dcqlQuery = dcqlQuery
        self.clientMetadata = clientMetadata
        self.iat = iat
        self.exp = exp
        self.purpose = purpose
        self.verifierInfo = verifierInfo
    }

    enum CodingKeys: String, CodingKey {
        case nonce, iat, exp, purpose
        case clientID = "client_id"
        case expectedOrigins = "expected_origins"
        case responseType = "response_type"
        case responseMode = "response_mode"
        case dcqlQuery = "dcql_query"
        case clientMetadata = "client_metadata"
        case verifierInfo = "verifier_info"
    }
}

/// One `verifier_info` entry (OpenID4VP 1.0 §5.1): an attestation about the relying party.
public struct VerifierInfo: Sendable, Hashable, Codable {
    /// The attestation's format, e.g. `jwt`.
    public var format: String
    /// The attestation (a compact JWS for `jwt`).
    public var data: String
    /// The DCQL credential query ids it concerns; all when absent.
    public var credentialIDs: [String]?

    /// Creates an entry.
    public init(format: String, data: String, credentialIDs: [String]? = nil) {
        self.format = format
        self.data = data
        self.credentialIDs = credentialIDs
    }

    enum CodingKeys: String, CodingKey {
        case format, data
        case credentialIDs = "credential_ids"
    }
}
