import Foundation
import HTTPTypes
import Hummingbird
import ServiceLifecycle
import Logging
import MDLKit
import NIOCore

/// A Hummingbird HTTP server for a ``RelyingParty``: `GET /request/{id}` serves request objects and
/// `POST /response` takes `direct_post.jwt` responses, through ``RelyingPartyEndpoints``.
///
/// ```swift
/// let server = RelyingPartyServer(relyingParty: rp) { outcome in print(outcome.state ?? "-") }
/// try await server.run(host: "127.0.0.1", port: 0) { port in print("listening on \(port)") }
/// ```
public struct RelyingPartyServer: Sendable {
    /// The endpoints served.
    public let endpoints: RelyingPartyEndpoints
    /// Called with every response's outcome.
    public let onOutcome: @Sendable (PresentationOutcome) async -> Void
    /// The largest accepted response body.
    public var maximumBodySize = 4 * 1024 * 1024
    /// The server's logger (Hummingbird's connection and lifecycle messages; never personal data).
    public var logger: Logger = {
        var logger = Logger(label: "mdlkit-rp")
        logger.logLevel = .warning
        return logger
    }()

    /// Creates a server for `relyingParty`.
    public init(relyingParty: RelyingParty, onOutcome: @escaping @Sendable (PresentationOutcome) async -> Void) {
        endpoints = RelyingPartyEndpoints(relyingParty: relyingParty)
        self.onOutcome = onOutcome
    }

    /// Serves until the task is cancelled; `onRunning` gets the bound port (useful with port 0).
    public func run(host: String, port: Int, onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        let router = Router()
        let endpoints = self.endpoints
        let onOutcome = self.onOutcome
        let limit = maximumBodySize
        router.get("request/:id") { _, context -> Response in
            let id = context.parameters.get("id") ?? ""
            return Self.response(await endpoints.requestObject(id: id))
        }
        router.post("response") { request, _ -> Response in
            let buffer = try await request.body.collect(upTo: limit)
            let (reply, outcome) = await endpoints.response(body: Array(buffer.readableBytesView))
            await onOutcome(outcome)
            return Self.response(reply)
        }
        let application = Application(
            router: router,
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: "mdlkit-rp"),
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
