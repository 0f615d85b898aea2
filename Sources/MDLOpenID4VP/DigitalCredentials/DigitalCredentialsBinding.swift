import MDLJOSE
import MDLVerifier

/// What a ``PresentationRequest`` made for the Digital Credentials API keeps beyond a cross-device request: the
/// protocol, the origin it was made for, and for Annex C the EncryptionInfo as sent (the transcript hashes it).
public struct DigitalCredentialsBinding: Sendable, Hashable, Codable {
    /// The exchange protocol.
    public var exchangeProtocol: DigitalCredentialsProtocol
    /// The serialized origin of the page the request was made for.
    public var origin: String
    /// `dc_api.jwt` (encrypted) or `dc_api` for OpenID4VP; `nil` for Annex C.
    public var responseMode: String?
    /// The base64url EncryptionInfo passed to the browser (Annex C only).
    public var encryptionInfo: String?
    /// The JSON text of the `data` member passed to `navigator.credentials.get`.
    public var requestData: String

    /// The encrypted OpenID4VP response mode.
    public static let encryptedResponseMode = "dc_api.jwt"
    /// The unencrypted OpenID4VP response mode.
    public static let plainResponseMode = "dc_api"

    /// Creates a binding.
    public init(exchangeProtocol: DigitalCredentialsProtocol, origin: String, responseMode: String?, encryptionInfo: String?, requestData: String) {
        self.exchangeProtocol = exchangeProtocol
        self.origin = origin
        self.responseMode = responseMode
        self.encryptionInfo = encryptionInfo
        self.requestData = requestData
    }

    /// The transcript the wallet signs for a request with `nonce` whose response is encrypted to `encryptionJWK`.
    func sessionTranscript(nonce: String, encryptionJWK: JWK) throws(MDLError) -> SessionTranscript {
        switch exchangeProtocol {
        case .isoMdoc:
            guard let encryptionInfo else { throw MDLError.structure("an Annex C request keeps its EncryptionInfo") }
            return .isoDigitalCredentialsAPI(encryptionInfoBase64URL: encryptionInfo, origin: origin)
        case .openID4VPSigned, .openID4VPUnsigned:
            let thumbprint = responseMode == Self.plainResponseMode ? nil : try encryptionJWK.thumbprint()
            return .openID4VPDigitalCredentialsAPI(origin: origin, nonce: nonce, jwkThumbprint: thumbprint)
        }
    }
}
