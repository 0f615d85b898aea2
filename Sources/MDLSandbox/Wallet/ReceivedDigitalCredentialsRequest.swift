import Crypto
import Foundation
import MDLKit
import X509

/// A Digital Credentials API request as the sandbox wallet received it from the platform, with the origin the
/// browser reported: checked, and with the transcript the wallet will sign and the key it will encrypt to.
public struct ReceivedDigitalCredentialsRequest: Sendable {
    /// Where the response must go.
    public enum Recipient: Sendable {
        /// OpenID4VP `dc_api.jwt`: a JWE to this key.
        case jwe(JWK, enc: String)
        /// OpenID4VP `dc_api`: in the clear.
        case plain
        /// Annex C: HPKE to this key.
        case hpke(P256.KeyAgreement.PublicKey)
    }

    /// The protocol.
    public let exchangeProtocol: DigitalCredentialsProtocol
    /// The origin the browser reported.
    public let origin: String
    /// How the relying party is named: its client_id for signed requests, `origin:<origin>` otherwise.
    public let clientID: String
    /// The registration, when the request carried one that verified.
    public let registration: RelyingPartyRegistration?
    /// The purpose stated (OpenID4VP requests of MDLKit).
    public let purpose: PresentationPurpose?
    /// The elements asked for.
    public let requested: [RequestedElement]
    /// The DCQL query id (OpenID4VP).
    public let queryID: String?
    /// Where the response goes.
    public let recipient: Recipient
    /// The transcript the device signs.
    public let sessionTranscript: SessionTranscript
}

extension HolderWallet {
    /// Answers a checked Digital Credentials API request with the holder's `decision`: the credential the browser
    /// hands back to the page (`{"protocol": P, "data": {"response": …}}`), or for a decline an OpenID4VP
    /// `access_denied` (Annex C has no decline: the wallet returns nothing, so this throws `holderDeclined`).
    public func answer(_ request: ReceivedDigitalCredentialsRequest, decision: ConsentDecision) throws -> DigitalCredentialResponse {
        let requested = request.requested.map(\.element)
        let approved: [ElementReference]
        switch decision {
        case .approveAll: approved = requested
        case .approveSubset(let subset): approved = requested.filter { subset.contains($0) }
        case .decline:
            guard request.exchangeProtocol.isOpenID4VP else { throw MDLError(code: .holderDeclined, message: "the holder declined") }
            return DigitalCredentialResponse(protocol: request.exchangeProtocol, data: .init(error: "access_denied"))
        }
        let declined = requested.filter { !approved.contains($0) }
        let response = try present(elements: approved.byNameSpace, transcript: request.sessionTranscript, notReturned: declined.byNameSpace)
        return try digitalCredential(response.encoded, for: request)
    }

    /// Wraps any DeviceResponse bytes as the credential for `request` (tests use it to send misbehaving responses).
    public func digitalCredential(_ deviceResponse: [UInt8], for request: ReceivedDigitalCredentialsRequest) throws -> DigitalCredentialResponse {
        switch request.recipient {
        case .hpke(let key):
            let sealed = try AnnexCEncryptedResponse(sealing: deviceResponse, to: key, transcript: request.sessionTranscript)
            return DigitalCredentialResponse(protocol: request.exchangeProtocol, data: .init(response: Base64URL.encode(sealed.encoded)))
        case .plain:
            return DigitalCredentialResponse(
                protocol: request.exchangeProtocol, data: .init(vpToken: [request.queryID ?? "mdl": [Base64URL.encode(deviceResponse)]]))
        case .jwe(let jwk, let enc):
            let payload = AuthorizationResponsePayload(vpToken: [request.queryID ?? "mdl": [Base64URL.encode(deviceResponse)]], state: nil)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            let jwe = try JWE.encrypt(Array(try encoder.encode(payload)), to: jwk, enc: enc)
            return DigitalCredentialResponse(protocol: request.exchangeProtocol, data: .init(response: jwe))
        }
    }
}
