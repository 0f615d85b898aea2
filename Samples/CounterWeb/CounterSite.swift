import Foundation
import HTTPTypes
import Hummingbird
import Logging
import MDLKit
import MDLRelyingPartyServer
import MDLSandbox
import NIOCore

/// The web sample's HTTP server: the page, its JSON API, the relying parties' OpenID4VP endpoints and the
/// sandbox wallet. Logs only Hummingbird's warnings (never a URL body, a credential or a result).
struct CounterSite: Sendable {
    let sandbox: CounterSandbox
    let host: String
    let port: Int
    /// One sandbox relying party per use case, each with its own in-memory storage.
    let endpoints: [CounterUseCase: RelyingPartyEndpoints]
    let sessions = CounterSessions()
    /// The origins the page may be served from (the browser's `Origin` header must be one of them).
    let origins: Set<String>

    init(sandbox: CounterSandbox, host: String, port: Int) throws {
        self.sandbox = sandbox
        self.host = host
        self.port = port
        let origins: Set<String> = ["http://127.0.0.1:\(port)", "http://localhost:\(port)"]
        self.origins = origins
        let now = Date()
        var endpoints: [CounterUseCase: RelyingPartyEndpoints] = [:]
        for useCase in CounterUseCase.allCases {
            let registered = try WellKnownSandbox.relyingParty(for: useCase.purpose, now: now)
            // Status is a step of verification: the licence's status list is read from the sandbox status service.
            let verifier = PresentationVerifier(configuration: .init(trustAnchors: [sandbox.trustAnchor], status: .check(with: StatusClient())))
            let relyingParty = RelyingParty(
                identity: try registered.identity(), verifier: verifier, storage: .inMemory(), allowedOrigins: origins)
            endpoints[useCase] = RelyingPartyEndpoints(relyingParty: relyingParty)
        }
        self.endpoints = endpoints
    }

    /// Serves until cancelled; `onRunning` gets the port.
    func run(onRunning: @escaping @Sendable (Int) async -> Void) async throws {
        var logger = Logger(label: "mdl-rp-web")
        logger.logLevel = .warning
        let application = Application(
            router: router(), configuration: .init(address: .hostname(host, port: port), serverName: "mdl-rp-web"),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? port) }, logger: logger)
        try await application.runService()
    }

    func router() -> Router<BasicRequestContext> {
        let router = Router()
        let site = self
        router.get("/") { _, _ -> Response in Self.reply(200, "text/html; charset=utf-8", Array(CounterPage.html.utf8)) }
        router.get("app.js") { _, _ -> Response in Self.reply(200, "text/javascript; charset=utf-8", Array(CounterPage.script.utf8)) }
        router.post("api/start") { request, _ -> Response in try await site.start(request) }
        router.get("api/result/:id") { _, context -> Response in
            let id = context.parameters.get("id") ?? ""
            if let result = await site.sessions.take(id) { return Self.reply(200, "application/json", result) }
            // 204: still waiting; 404: no such session (collected, dropped, or never opened).
            return await site.sessions.useCase(of: id) == nil ? Self.failure(404, "requestUnknown") : Self.reply(204, "text/plain", [])
        }
        router.post("api/credential/:id") { request, context -> Response in
            try await site.credential(request, id: context.parameters.get("id") ?? "")
        }
        router.get("request/:id") { _, context -> Response in
            let id = context.parameters.get("id") ?? ""
            guard let useCase = await site.sessions.useCase(of: id), let endpoints = site.endpoints[useCase] else {
                return Self.reply(404, "text/plain", Array("no open request\n".utf8))
            }
            return Self.reply(await endpoints.requestObject(id: id))
        }
        router.post("response/:id") { request, context -> Response in
            let id = context.parameters.get("id") ?? ""
            guard let useCase = await site.sessions.useCase(of: id), let endpoints = site.endpoints[useCase] else {
                return Self.reply(404, "application/json", Array("{\"error\":\"invalid_request\"}".utf8))
            }
            let body = try await request.body.collect(upTo: Self.maximumBody)
            let (reply, received) = await endpoints.response(body: Array(body.readableBytesView), forRequest: id)
            // As `mdl-rp request`: only a response that proved the holder ends the page's wait (anyone holding the
            // public request object can post junk or a decline to the response_uri).
            if received.isBound, received.isHolderAuthenticated {
                await site.sessions.finish(id, result: CounterResult.json(received.outcome, useCase: useCase, now: Date()))
            }
            return Self.reply(reply)
        }
        router.post("sandbox/wallet/present") { request, _ -> Response in
            let uri = String(buffer: try await request.body.collect(upTo: Self.maximumBody))
            do {
                let status = try await site.sandbox.present(uri.trimmingCharacters(in: .whitespacesAndNewlines), now: Date())
                return Self.reply(200, "application/json", Array("{\"posted\":\(status)}".utf8))
            } catch {
                return Self.failure(400, (error as? MDLError)?.code.rawValue ?? "walletFailed")
            }
        }
        router.post("sandbox/wallet/dc-api") { request, _ -> Response in
            guard let origin = request.headers[.origin], site.origins.contains(origin) else { return Self.failure(403, "originNotAllowed") }
            let argument = try await request.body.collect(upTo: Self.maximumBody)
            do {
                let credential = try await site.sandbox.answerDigitalCredentials(Array(argument.readableBytesView), origin: origin, now: Date())
                return Self.reply(200, "application/json", Array(credential.utf8))
            } catch {
                return Self.failure(400, (error as? MDLError)?.code.rawValue ?? "walletFailed")
            }
        }
        return router
    }

    /// `POST /api/start` `{"useCase", "flow": "dc-api" | "qr"}`: a new request for the page.
    private func start(_ request: Request) async throws -> Response {
        let body = try await request.body.collect(upTo: 4_096)
        guard let object = try? JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any],
            let useCase = (object["useCase"] as? String).flatMap(CounterUseCase.init(rawValue:)), let endpoints = endpoints[useCase]
        else { return Self.failure(400, "requestInvalid") }
        guard let origin = request.headers[.origin], origins.contains(origin) else { return Self.failure(403, "originNotAllowed") }
        let template = RequestTemplate.template(for: useCase.purpose)
        if object["flow"] as? String == "dc-api" {
            let (reply, made) = await endpoints.digitalCredentialsRequest(template, protocol: .openID4VPSigned, origin: origin)
            if let made { await sessions.open(made.id, useCase: useCase) }
            return Self.reply(reply)
        }
        guard let base = URL(string: origin) else { return Self.failure(400, "requestInvalid") }
        let made: PresentationRequest
        do {
            made = try await endpoints.relyingParty.createRequest(template, baseURL: base)
        } catch {
            return Self.failure(503, error.code.rawValue)
        }
        await sessions.open(made.id, useCase: useCase)
        let uri = made.authorizationRequestURI
        guard let svg = QRCodeSVG.svg(for: uri) else { return Self.failure(500, "requestInvalid") }
        let json: [String: Any] = ["id": made.id, "uri": uri, "qr": svg]
        return Self.reply(200, "application/json", Array(try JSONSerialization.data(withJSONObject: json)))
    }

    /// `POST /api/credential/{id}`: the credential `navigator.credentials.get` resolved to; answers the result.
    private func credential(_ request: Request, id: String) async throws -> Response {
        guard let useCase = await sessions.useCase(of: id), let endpoints = endpoints[useCase] else {
            return Self.failure(404, "requestUnknown")
        }
        guard let origin = request.headers[.origin] else { return Self.failure(403, "originNotAllowed") }
        let body = try await request.body.collect(upTo: Self.maximumBody)
        let (_, received) = await endpoints.digitalCredentialResponse(body: Array(body.readableBytesView), forRequest: id, origin: origin)
        await sessions.finish(id, result: CounterResult.json(received.outcome, useCase: useCase, now: Date()))
        return Self.reply(200, "application/json", await sessions.take(id) ?? [])
    }

    static let maximumBody = 1 << 20

    static func reply(_ reply: RelyingPartyEndpoints.Reply) -> Response { Self.reply(reply.status, reply.contentType, reply.body) }

    static func failure(_ status: Int, _ code: String) -> Response {
        reply(status, "application/json", Array("{\"outcome\":\"refused\",\"error\":{\"code\":\"\(code)\"}}".utf8))
    }

    static func reply(_ status: Int, _ contentType: String, _ body: [UInt8]) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = contentType
        headers[.cacheControl] = "no-store"
        return Response(status: HTTPResponse.Status(code: status), headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }
}
