import Foundation
import HTTPTypes
import Hummingbird
import Logging
import MDLRelyingPartyServer
import NIOCore
import ServiceLifecycle

extension TrustListOperator {
    /// The path the latest list is published at.
    public static let publicationPath = "vical.cose"

    /// Serves the latest publication at `http://127.0.0.1:PORT/vical.cose` (a real Hummingbird HTTP server on
    /// loopback, the port chosen by the system) while `body` runs with that URL, then stops the server.
    ///
    /// Before the first publication the server answers 404. Each request gets the list current at that moment.
    public func serve<T: Sendable>(_ body: @Sendable (_ listURL: URL) async throws -> T) async throws -> T {
        let router = Router()
        router.get(RouterPath(stringLiteral: Self.publicationPath)) { [weak self] _, _ -> Response in
            guard let bytes = await self?.latest else { return Response(status: .notFound) }
            var headers = HTTPFields()
            headers[.contentType] = "application/cose"
            headers[.cacheControl] = "max-age=60"
            return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
        }
        var logger = Logger(label: "mdl.sandbox.trust-list-operator")
        logger.logLevel = .warning
        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let limits = HTTPServerLimits.standard
        let application = Application(
            router: router, server: limits.serverBuilder(logger: logger),
            configuration: limits.configuration(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                portContinuation.yield(channel.localAddress?.port ?? 0)
                portContinuation.finish()
            },
            logger: logger)
        let services = ServiceGroup(
            configuration: ServiceGroupConfiguration(services: [application], gracefulShutdownSignals: [], logger: logger))
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                do {
                    try await services.run()
                    portContinuation.finish()
                } catch {
                    portContinuation.finish()
                    throw error
                }
            }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next(), port > 0,
                let url = URL(string: "http://127.0.0.1:\(port)/\(Self.publicationPath)")
            else {
                await services.triggerGracefulShutdown()
                throw TrustListOperatorError("the trust-list server did not start")
            }
            let result: Result<T, any Error>
            do {
                result = .success(try await body(url))
            } catch {
                result = .failure(error)
            }
            await services.triggerGracefulShutdown()
            try await group.waitForAll()
            return try result.get()
        }
    }
}
