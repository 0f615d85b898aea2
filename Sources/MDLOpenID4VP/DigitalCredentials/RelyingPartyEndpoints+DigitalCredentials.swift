import MDLVerifier

extension RelyingPartyEndpoints {
    /// The media type of the browser flow's JSON.
    public static let jsonContentType = "application/json"

    /// A page's call for a new Digital Credentials API request: 200 `{"id": "<request id>", "request": <argument>}`,
    /// where `argument` is what the page passes to `navigator.credentials.get`; 403 for an origin the relying
    /// party does not serve, 503 when the store is down.
    ///
    /// `origin` is the origin of the page as the server knows it (its configuration, or a checked `Origin` header).
    public func digitalCredentialsRequest(
        _ template: RequestTemplate, protocol exchangeProtocol: DigitalCredentialsProtocol, origin: String
    ) async -> (Reply, PresentationRequest?) {
        do {
            let request = try await relyingParty.createDigitalCredentialsRequest(template, protocol: exchangeProtocol, origin: origin)
            guard let argument = request.navigatorArgument else { return (Self.failure(500, "server_error", .requestInvalid), nil) }
            let body = "{\"id\":\"\(request.id)\",\"request\":\(argument)}"
            return (Reply(status: 200, contentType: Self.jsonContentType, body: Array(body.utf8)), request)
        } catch {
            switch error.code {
            case .originNotAllowed: return (Self.failure(403, "invalid_request", error.code), nil)
            case .storageFailed: return (Self.failure(503, "temporarily_unavailable", error.code), nil)
            default: return (Self.failure(500, "server_error", error.code), nil)
            }
        }
    }

    /// The page posting the credential `navigator.credentials.get` resolved to (`{"protocol", "data"}`) for the
    /// request `id`. A verified presentation or a decline answers 200 (`{}`); a credential for no known request 404;
    /// a refused one 400 with the error code only (never personal data); a storage failure 503. The outcome is for
    /// the application (the decision and receipt go to the page through the application, not this reply).
    public func digitalCredentialResponse(body: [UInt8], forRequest id: String, origin: String) async -> (Reply, ReceivedResponse) {
        let received = await relyingParty.receive(digitalCredential: body, forRequest: id, origin: origin)
        switch received.outcome {
        case .presented, .declined:
            return (Reply(status: 200, contentType: Self.jsonContentType, body: Array("{}".utf8)), received)
        case .refused(let error, _) where error.code == .storageFailed:
            return (Self.failure(503, "temporarily_unavailable", error.code), received)
        case .refused(let error, _) where !received.isBound:
            return (Self.failure(404, "invalid_request", error.code), received)
        case .refused(let error, _):
            return (Self.failure(400, "invalid_request", error.code), received)
        }
    }

    private static func failure(_ status: Int, _ oauthError: String, _ code: MDLError.Code) -> Reply {
        let json = "{\"error\":\"\(oauthError)\",\"error_description\":\"\(code.rawValue)\"}"
        return Reply(status: status, contentType: jsonContentType, body: Array(json.utf8))
    }
}
