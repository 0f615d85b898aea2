import MDLVerifier

/// The two HTTP endpoints of a relying party as plain functions, for any web framework: `GET request/<id>` serves
/// the request object, `POST response/<id>` takes the wallet's `direct_post.jwt` form for that request.
///
/// ```swift
/// let endpoints = RelyingPartyEndpoints(relyingParty: rp)
/// let reply = await endpoints.requestObject(id: id)                          // 200 application/oauth-authz-req+jwt, or 404
/// let (answer, received) = await endpoints.response(body: body, forRequest: id)   // 200 {} ; the outcome for the application
/// ```
public struct RelyingPartyEndpoints: Sendable {
    /// An HTTP reply for the framework to send.
    public struct Reply: Sendable, Hashable {
        /// The status code.
        public var status: Int
        /// The Content-Type.
        public var contentType: String
        /// The body.
        public var body: [UInt8]
        /// Creates a reply.
        public init(status: Int, contentType: String, body: [UInt8]) {
            self.status = status
            self.contentType = contentType
            self.body = body
        }
    }

    /// The media type of the request object.
    public static let requestObjectContentType = "application/oauth-authz-req+jwt"

    /// The relying party behind the endpoints.
    public let relyingParty: RelyingParty

    /// Creates endpoints.
    public init(relyingParty: RelyingParty) { self.relyingParty = relyingParty }

    /// `GET request/<id>`.
    public func requestObject(id: String) async -> Reply {
        let jws: String?
        do {
            jws = try await relyingParty.requestObject(id: id)
        } catch {
            return Reply(status: 503, contentType: "text/plain", body: Array("the request store is unavailable\n".utf8))
        }
        guard let jws else {
            return Reply(status: 404, contentType: "text/plain", body: Array("no open request\n".utf8))
        }
        return Reply(status: 200, contentType: Self.requestObjectContentType, body: Array(jws.utf8))
    }

    /// `POST response/<id>` with a form body. A verified presentation and a decline answer 200 (`{}`); a response
    /// for no known request answers 404 and concerns no session; a refused response answers 400 with the
    /// OAuth-style error code, never personal data; a storage failure answers 503.
    public func response(body: [UInt8], forRequest id: String) async -> (Reply, ReceivedResponse) {
        let received = await relyingParty.receive(formBody: body, forRequest: id)
        switch received.outcome {
        case .presented, .declined:
            return (Reply(status: 200, contentType: "application/json", body: Array("{}".utf8)), received)
        case .refused(let error, _) where error.code == .storageFailed:
            // The store is down, not the response wrong: the wallet (or the load balancer) may try again.
            return (Self.error(503, "temporarily_unavailable", error), received)
        case .refused(let error, _) where !received.isBound:
            return (Self.error(404, "invalid_request", error), received)
        case .refused(let error, _):
            return (Self.error(400, "invalid_request", error), received)
        }
    }

    private static func error(_ status: Int, _ oauthError: String, _ error: MDLError) -> Reply {
        let json = "{\"error\":\"\(oauthError)\",\"error_description\":\"\(error.code.rawValue)\"}"
        return Reply(status: status, contentType: "application/json", body: Array(json.utf8))
    }
}
