import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import MDLCBOR
import MDLKit
import NIOCore
import Synchronization

extension StatusService {
    /// The largest point statement request accepted.
    static let maxRequestBytes = 256 * 1024

    func addRoutes(to router: Router<BasicRequestContext>) {
        router.get("/status/:authority") { [self] request, context in
            try statusList(request, authority: context.parameters.get("authority") ?? "")
        }
        router.post("/points/:authority") { [self] request, context in
            let body = try await request.body.collect(upTo: Self.maxRequestBytes)
            return await pointStatement(Array(body.readableBytesView), authority: context.parameters.get("authority") ?? "")
        }
    }

    private func statusList(_ request: Request, authority name: String) throws -> Response {
        guard let publisher = publishers[name], let port else { return Self.response(status: .notFound, text: "unknown authority") }
        let time = now()
        let maxAge = configuration.cacheMaxAge
        // Re-sign when the list changed or the token is older than half its lifetime.
        let token: SignedToken = try state.withLock { state in
            let version = state.ledger.version(of: name)
            if let held = state.tokens[name], held.version == version,
                time.timeIntervalSince(held.issuedAt) < configuration.tokenLifetime / 2
            {
                return held
            }
            let bytes = try publisher.token(
                values: state.ledger.values(of: name), subject: "http://127.0.0.1:\(port)/status/\(name)",
                issuedAt: time, configuration: configuration)
            let signed = SignedToken(version: version, issuedAt: time, bytes: bytes)
            state.tokens[name] = signed
            return signed
        }
        var headers = HTTPFields()
        headers[.eTag] = token.entityTag
        headers[.cacheControl] = "max-age=\(maxAge)"
        if let tags = request.headers[.ifNoneMatch], tags.split(separator: ",").contains(where: {
            $0.trimmingCharacters(in: .whitespaces) == token.entityTag
        }) {
            return Response(status: .notModified, headers: headers)
        }
        headers[.contentType] = StatusListToken.mediaType
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: token.bytes)))
    }

    private func pointStatement(_ body: [UInt8], authority name: String) async -> Response {
        guard let publisher = publishers[name] else { return Self.response(status: .notFound, text: "unknown authority") }
        let request: PointStatementRequest
        do { request = try PointStatementRequest(bytes: body) } catch {
            return Self.response(status: .badRequest, text: error.code.rawValue)
        }
        let time = now()
        if let instant = request.at {
            do { try PointStatement.checkInstant(instant, from: time, lookBack: configuration.lookBack) } catch {
                return Self.response(status: .unprocessableContent, text: error.code.rawValue)
            }
        }
        let document: Document
        do {
            // The holder's consent: a presentation device-signed for this relying party's session.
            let anchors = [try publisher.authority.iaca.trustAnchor()]
            // Consent is judged here, not status: the service answers from its own records.
            let verifier = PresentationVerifier(configuration: VerifierConfiguration(
                trustAnchors: anchors, clock: { time }, status: .skip(reason: "the status service judges consent, not status")))
            _ = try await verifier.verify(request.presentation, sessionTranscript: request.sessionTranscript)
            guard let first = try DeviceResponse(bytes: request.presentation).documents.first else {
                return Self.response(status: .forbidden, text: "no document")
            }
            document = first
        } catch let error as MDLError {
            return Self.response(status: .forbidden, text: error.code.rawValue)
        } catch {
            return Self.response(status: .forbidden, text: "presentation refused")
        }
        let binding = PointStatement.binding(for: document)
        // One statement per consent: the presentation was signed over this session's transcript, so the transcript
        // (with the licence) names the consent; a second request carrying it gets no second statement.
        let consent = Array(SHA256.hash(data: binding + request.sessionTranscript.encoded))
        let answer = state.withLock { state -> (LicenseStatusEntry, fresh: Bool)? in
            guard let found = state.ledger.entry(binding: binding, authority: name),
                let entry = request.at.map({ state.ledger.entry(authority: name, index: found.index, at: $0) }) ?? found.entry
            else { return nil }
            return (entry, state.answeredConsents.insert(consent).inserted)
        }
        guard let (entry, fresh) = answer else { return Self.response(status: .notFound, text: "unknown licence") }
        guard fresh else { return Self.response(status: .conflict, text: "consent already used") }
        do {
            let statement = try publisher.statement(
                for: entry, request: request, at: time, lifetime: configuration.statementLifetime)
            var headers = HTTPFields()
            headers[.contentType] = PointStatement.mediaType
            headers[.cacheControl] = "no-store"
            return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: statement)))
        } catch {
            return Self.response(status: .internalServerError, text: "signing failed")
        }
    }

    private static func response(status: HTTPResponse.Status, text: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/plain"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}
