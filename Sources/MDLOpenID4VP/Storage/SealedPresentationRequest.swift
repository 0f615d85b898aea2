import Foundation
import MDLVerifier

/// An open ``PresentationRequest`` as a store keeps it: the columns a store indexes (id, state, expiry) in clear,
/// everything else, the response-decryption private key included, in a box sealed with the relying party's
/// ``RequestSealingKey``. A store never sees a private key in clear.
public struct SealedPresentationRequest: Sendable, Hashable {
    /// The request id (the path segment of the request_uri and the encryption key's `kid`).
    public let id: String
    /// The request's state, for correlating with receipts.
    public let state: String
    /// When the request stops being answerable.
    public let expiresAt: Date
    /// The sealed request (``RequestSealer`` box of the request's file form).
    public let sealed: [UInt8]

    /// A row as read back from a store.
    public init(id: String, state: String, expiresAt: Date, sealed: [UInt8]) {
        self.id = id
        self.state = state
        self.expiresAt = expiresAt
        self.sealed = sealed
    }

    /// Seals `request` with `sealer`'s current key.
    public init(sealing request: PresentationRequest, with sealer: RequestSealer) throws(MDLError) {
        self.init(id: request.id, state: request.state, expiresAt: request.expiresAt, sealed: try sealer.seal(try request.fileContents()))
    }

    /// Opens the box; throws `MDLError.Code.sealedRequestInvalid` when no key opens it or when it holds a request
    /// other than this row's (a box moved between rows).
    package func unsealed(with sealer: RequestSealer) throws(MDLError) -> PresentationRequest {
        let request = try PresentationRequest(fileContents: try sealer.open(sealed))
        guard request.id == id, request.state == state else {
            throw MDLError(code: .sealedRequestInvalid, message: "a stored request's box belongs to another row")
        }
        return request
    }
}
