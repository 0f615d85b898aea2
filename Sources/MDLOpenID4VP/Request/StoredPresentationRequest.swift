import Foundation
import MDLJOSE
import MDLVerifier

/// The file form of a pending ``PresentationRequest``, so a relying party can survive a restart or run an offline
/// (file-exchange) flow. It holds the response-decryption **private** key: keep the file private to the relying party.
struct StoredPresentationRequest: Codable {
    var version = 1
    var id: String
    var state: String
    var nonce: String
    var clientID: String
    var requestURI: String
    var responseURI: String
    var purpose: PresentationPurpose
    var elements: [RequestedElement]
    var queryID: String
    var issuedAt: Double
    var expiresAt: Double
    var encryptionKey: JWK
    var requestObject: String
    var relyingPartyNameZH: String
    var relyingPartyNameEN: String
    var digitalCredentials: DigitalCredentialsBinding? = nil
}

extension PresentationRequest {
    /// The pending request as JSON, private decryption key included (for the relying party's own storage).
    public func fileContents() throws(MDLError) -> [UInt8] {
        try JOSEJSON.encode(StoredPresentationRequest(
            id: id, state: state, nonce: nonce, clientID: clientID, requestURI: requestURI, responseURI: responseURI, purpose: purpose,
            elements: elements, queryID: queryID, issuedAt: issuedAt.timeIntervalSince1970, expiresAt: expiresAt.timeIntervalSince1970,
            encryptionKey: encryptionKey.privateJWK(kid: id), requestObject: requestObject, relyingPartyNameZH: relyingPartyNameZH,
            relyingPartyNameEN: relyingPartyNameEN, digitalCredentials: digitalCredentials))
    }

    /// Reads a pending request written by ``fileContents()``.
    public init(fileContents: [UInt8]) throws(MDLError) {
        try self.init(stored: try JOSEJSON.decode(StoredPresentationRequest.self, from: fileContents, what: "stored request"))
    }
}
