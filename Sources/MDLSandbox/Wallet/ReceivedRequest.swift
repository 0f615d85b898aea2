import Foundation
import MDLKit
import X509

/// A request the wallet verified: signature, registrar chain, client_id and registration all checked.
public struct ReceivedRequest: Sendable {
    /// The request object's claims.
    public let claims: AuthorizationRequestObject
    /// The relying party's certificate (leaf of `x5c`).
    public let relyingPartyCertificate: Certificate
    /// Its registration.
    public let registration: RelyingPartyRegistration
    /// The registered purpose the request states.
    public let purpose: PresentationPurpose
    /// The elements asked for.
    public let requested: [RequestedElement]
    /// The DCQL credential query id.
    public let queryID: String
    /// The key to encrypt the response to.
    public let encryptionJWK: JWK

    /// What the holder is shown.
    public var summary: ConsentSummary {
        ConsentSummary(
            relyingPartyNameZH: registration.nameZH, relyingPartyNameEN: registration.nameEN, clientID: claims.clientID,
            purpose: purpose, elements: requested)
    }

    /// The OpenID4VP SessionTranscript the device signs.
    public func sessionTranscript() throws -> SessionTranscript {
        .openID4VP(clientID: claims.clientID, nonce: claims.nonce, jwkThumbprint: try encryptionJWK.thumbprint(), responseURI: claims.responseURI)
    }
}
