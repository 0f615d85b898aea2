import Foundation
import HTTPTypes
import Hummingbird
import Logging
import MDLHTTP
import MDLOpenID4VP
import NIOCore
import ServiceLifecycle

/// A Hummingbird HTTP server for a ``RelyingParty``: `GET /request/{id}` serves request objects and
/// `POST /response/{id}` takes `direct_post.jwt` responses for that request, through ``RelyingPartyEndpoints``.
/// A POST for no known request is answered 404 and reported to no session. The server is bounded by
/// ``limits`` (body size, head and body deadlines, connections).
///
/// ```swift
/// let server = RelyingPartyServer(relyingParty: rp) { received in
///     if received.isHolderAuthenticated { print(received.state ?? "-") }
/// }
/// try await server.run(host: "127.0.0.1", port: 0) { port in print("listening on \(port)") }
/// ```
public struct RelyingPartyServer: Sendable {
    /// The endpoints served.
    public let endpoints: RelyingPartyEndpoints
    /// Called with every response posted to a request's `response_uri`, bound or not (see
    /// ``ReceivedResponse/isBound`` and ``ReceivedResponse/isHolderAuthenticated``).
    public let onResponse: @Sendable (ReceivedResponse) async -> Void
    /// Bounds on bodies, deadlines and connections.
    public var limits = HTTPServerLimits.standard
    /// The largest accepted response body (``HTTPServerLimits/maximumBodyBytes`` of ``limits``).
    public var maximumBodySize: Int {
        get { limits.maximumBodyBytes }
        set { limits.maximumBodyBytes = max(1, newValue) }
    }
    /// The server's logger (Hummingbird's connection and lifecycle messages; never personal data).
    public var logger: Logger = {
        var logger = Logger(label: "mdlkit-rp")
        logger.logLevel = .warning
        return logger
    }()

    /// Creates a server for `relyingParty`; `onResponse` sees every response posted to a `response_uri`.
    public init(relyingParty: RelyingParty, onResponse: @escaping @Sendable (ReceivedResponse) async -> Void) {
        endpoints = RelyingPartyEndpoints(relyingParty: relyingParty)
        self.onResponse = onResponse
    }

    /// Creates a server for `relyingParty`; `onOutcome` sees the outcome of every response bound to a known request.
    public init(relyingParty: RelyingParty, onOutcome: @escaping @Sendable (PresentationOutcome) async -> Void) {
        self.init(relyingParty: relyingParty) { received in
            if received.isBound { await onOutcome(received.outcome) }
        }
    }

    /// Serves until the task is cancelled; `onRunning` gets the bound port (useful with port 0).
    public func run(host: String, port: Int, onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        let router = Router()
        let endpoints = self.endpoints
        let onResponse = self.onResponse
        let limit = limits.maximumBodyBytes
        router.get("request/:id") { _, context -> Response in
            let id = context.parameters.get("id") ?? ""
            return Self.response(await endpoints.requestObject(id: id))
        }
        router.post("response/:id") { request, context -> Response in
            let id = context.parameters.get("id") ?? ""
            let buffer = try await request.body.collect(upTo: limit)
            let (reply, received) = await endpoints.response(body: Array(buffer.readableBytesView), forRequest: id)
            await onResponse(received)
            return Self.response(reply)
        }
        let application = Application(
            router: router, server: limits.serverBuilder(logger: logger),
            configuration: limits.configuration(address: .hostname(host, port: port), serverName: "mdlkit-rp"),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? port) }, logger: logger)
        // Cancellation shuts down gracefully: a wallet whose response was just verified still gets its reply.
        let services = ServiceGroup(
            configuration: ServiceGroupConfiguration(services: [application], gracefulShutdownSignals: [], logger: logger))
        let serving = Task { try await services.run() }
        try await withTaskCancellationHandler {
            try await serving.value
        } onCancel: {
            Task {
                await services.triggerGracefulShutdown()
                try? await Task.sleep(for: Self.shutdownGrace)
                serving.cancel()  // a client that holds its connection open does not keep the process alive
            }
        }
    }

    /// How long a graceful shutdown waits for in-flight exchanges before closing connections.
    static let shutdownGrace = Duration.seconds(5)

    static func response(_ reply: RelyingPartyEndpoints.Reply) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = reply.contentType
        headers[.cacheControl] = "no-store"
        return Response(status: HTTPResponse.Status(code: reply.status), headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: reply.body)))
    }
}
