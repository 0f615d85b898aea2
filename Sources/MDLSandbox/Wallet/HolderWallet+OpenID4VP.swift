import Foundation
import MDLKit

/// The wallet's reply to one request: the decision and the `direct_post.jwt` JWE.
public struct WalletReply: Sendable {
    /// What the holder decided.
    public let decision: ConsentDecision
    /// The elements actually presented (empty on decline).
    public let presented: [ElementReference]
    /// The compact JWE for `response=`.
    public let jwe: String
    /// Where to POST it.
    public let responseURI: String

    /// The form body `response=<JWE>`.
    public var formBody: [UInt8] { FormBody.encode([("response", jwe)]) }
}

extension HolderWallet {
    /// Answers a verified request with the holder's `decision`: a DeviceResponse with only the approved elements,
    /// device-signed over the OpenID4VP transcript and encrypted to the relying party; or `access_denied`.
    public func answer(_ request: ReceivedRequest, decision: ConsentDecision) throws -> WalletReply {
        let requested = request.requested.map(\.element)
        let approved: [ElementReference]
        switch decision {
        case .approveAll: approved = requested
        case .approveSubset(let subset): approved = requested.filter { subset.contains($0) }
        case .decline:
            let payload = AuthorizationResponsePayload(state: request.claims.state, error: "access_denied", errorDescription: "the holder declined")
            return WalletReply(decision: decision, presented: [], jwe: try encrypt(payload, for: request), responseURI: request.claims.responseURI)
        }
        let declined = requested.filter { !approved.contains($0) }
        let response = try present(elements: approved.byNameSpace, transcript: try request.sessionTranscript(), notReturned: declined.byNameSpace)
        return WalletReply(
            decision: decision, presented: approved, jwe: try encryptedResponse(response.encoded, for: request), responseURI: request.claims.responseURI)
    }

    /// Encrypts any DeviceResponse bytes as the `vp_token` for `request` (tests use it to send misbehaving responses).
    public func encryptedResponse(_ deviceResponse: [UInt8], for request: ReceivedRequest) throws -> String {
        let payload = AuthorizationResponsePayload(vpToken: [request.queryID: [Base64URL.encode(deviceResponse)]], state: request.claims.state)
        return try encrypt(payload, for: request)
    }

    private func encrypt(_ payload: AuthorizationResponsePayload, for request: ReceivedRequest) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let supported = request.claims.clientMetadata.encryptedResponseEncValuesSupported
        let enc = supported.first { JWE.contentEncryptions[$0] != nil } ?? "A128GCM"
        return try JWE.encrypt(Array(try encoder.encode(payload)), to: request.encryptionJWK, enc: enc)
    }

    /// The whole remote flow: fetch the request object (from an `openid4vp://` URI's `request_uri`, an `http(s)` URL
    /// or a file holding the JWS), verify it, ask `consent`, and POST the answer to `response_uri` (or, for a
    /// file request, return it without posting).
    ///
    /// - Returns: the reply and the HTTP status of the POST (`nil` when nothing was posted).
    public func respond(
        to location: String, client: any HTTPClient, verifier: RequestVerifier, consent: any ConsentPrompt, now: Date
    ) async throws -> (reply: WalletReply, httpStatus: Int?, summary: ConsentSummary) {
        let (jws, fetched) = try await RequestLocation.fetch(location, client: client)
        let request = try await verifier.verify(jws, at: now)
        if let expectedClientID = RequestLocation.clientID(in: location), expectedClientID != request.claims.clientID {
            throw MDLError(code: .requestInvalid, message: "the URI's client_id differs from the request object's")
        }
        let summary = request.summary
        let reply = try answer(request, decision: await consent.decide(summary))
        guard fetched, let url = URL(string: reply.responseURI) else { return (reply, nil, summary) }
        let head = try HTTPRequest(
            checking: url, method: .post, headerFields: [.contentType: "application/x-www-form-urlencoded"])
        let (response, _) = try await client.send(head, body: reply.formBody)
        return (reply, response.status.code, summary)
    }
}

/// Where a request object comes from: an `openid4vp://` URI, an http(s) URL, or a file.
enum RequestLocation {
    static func fetch(_ location: String, client: any HTTPClient) async throws -> (jws: String, fetched: Bool) {
        var target = location
        if location.hasPrefix("openid4vp:"), let requestURI = parameter("request_uri", in: location) { target = requestURI }
        if target.hasPrefix("http://") || target.hasPrefix("https://") {
            guard let url = URL(string: target) else { throw MDLError(code: .requestInvalid, message: "request_uri is not a URL") }
            let head = try HTTPRequest(checking: url, headerFields: [.accept: RelyingPartyEndpoints.requestObjectContentType])
            let (response, body) = try await client.send(head)
            guard response.status.code == 200 else {
                throw MDLError(code: .requestUnknown, message: "request_uri answered \(response.status.code)")
            }
            return (String(decoding: body, as: UTF8.self), true)
        }
        let text = try String(contentsOfFile: target, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        if text.hasPrefix("openid4vp:") { return try await fetch(text, client: client) }
        return (text, false)
    }

    static func clientID(in location: String) -> String? {
        location.hasPrefix("openid4vp:") ? parameter("client_id", in: location) : nil
    }

    static func parameter(_ name: String, in uri: String) -> String? {
        URLComponents(string: uri)?.queryItems?.first { $0.name == name }?.value
    }
}
