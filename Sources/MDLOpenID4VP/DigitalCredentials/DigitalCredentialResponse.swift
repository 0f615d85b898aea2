import MDLJOSE
import MDLVerifier

/// The credential a page receives from `navigator.credentials.get` and hands to its server:
/// `{"protocol": P, "data": {...}}`. `data` holds `response` (a JWE for OpenID4VP `dc_api.jwt`, a base64url
/// EncryptedResponse for Annex C), or `vp_token` (OpenID4VP `dc_api`), or an OAuth `error`.
public struct DigitalCredentialResponse: Sendable, Hashable, Codable {
    /// The protocol the wallet answered in.
    public var `protocol`: String
    /// The protocol's response.
    public var data: ResponseData

    /// The members of `data` MDLKit reads (others are ignored).
    public struct ResponseData: Sendable, Hashable, Codable {
        /// The encrypted response.
        public var response: String?
        /// An unencrypted `vp_token` (`dc_api`).
        public var vpToken: [String: [String]]?
        /// An OAuth error code (e.g. `access_denied`).
        public var error: String?

        /// Creates response data.
        public init(response: String? = nil, vpToken: [String: [String]]? = nil, error: String? = nil) {
            self.response = response
            self.vpToken = vpToken
            self.error = error
        }

        enum CodingKeys: String, CodingKey {
            case response, error
            case vpToken = "vp_token"
        }
    }

    /// Creates a credential.
    public init(protocol exchangeProtocol: DigitalCredentialsProtocol, data: ResponseData) {
        self.protocol = exchangeProtocol.rawValue
        self.data = data
    }

    /// Reads the JSON a page posts (duplicate members refused); throws `joseMalformed` when it is not this shape.
    public init(json: [UInt8]) throws(MDLError) {
        self = try JOSEJSON.decode(Self.self, from: json, what: "digital credential")
    }

    /// The JSON text (compact, keys sorted).
    public func json() throws(MDLError) -> String { String(decoding: try JOSEJSON.encode(self), as: UTF8.self) }
}
