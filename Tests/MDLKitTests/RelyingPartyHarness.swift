import Foundation
import Logging
import MDLKit
import MDLRelyingPartyServer
import MDLSandbox
import Synchronization
import Testing

/// A relying party served over loopback HTTP with given limits, recording every response it reports, plus the
/// honest sandbox wallet's exchange against it.
final class RelyingPartyHarness: Sendable {
    let world: RequestWorld
    let relyingParty: RelyingParty
    let audit: any AuditLog
    let port: Int
    private let server: Task<Void, any Error>
    private let received = Mutex<[ReceivedResponse]>([])

    private init(world: RequestWorld, relyingParty: RelyingParty, audit: any AuditLog, port: Int, server: Task<Void, any Error>) {
        self.world = world
        self.relyingParty = relyingParty
        self.audit = audit
        self.port = port
        self.server = server
    }

    /// Starts a server with `limits` on `storage` (in memory by default), runs `body`, stops the server.
    static func with<T: Sendable>(
        limits: HTTPServerLimits = .standard, storage: RelyingPartyStorage = .inMemory(),
        _ body: @Sendable (RelyingPartyHarness) async throws -> T
    ) async throws -> T {
        let world = try RequestWorld()
        let audit = storage.audit
        let relyingParty = try world.relyingParty(storage: storage)
        let (ports, portSink) = AsyncStream.makeStream(of: Int.self)
        let (responses, responseSink) = AsyncStream.makeStream(of: ReceivedResponse.self)
        var server = RelyingPartyServer(relyingParty: relyingParty, onResponse: { responseSink.yield($0) })
        server.limits = limits
        server.logger.logLevel = .critical
        let running = server
        let task = Task { try await running.run(host: "127.0.0.1", port: 0) { portSink.yield($0) } }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else {
            task.cancel()
            throw LoopbackError.noPort
        }
        let harness = RelyingPartyHarness(world: world, relyingParty: relyingParty, audit: audit, port: port, server: task)
        let collector = Task { for await response in responses { harness.received.withLock { $0.append(response) } } }
        defer {
            task.cancel()
            responseSink.finish()
            collector.cancel()
        }
        return try await body(harness)
    }

    var baseURL: URL { URL(string: "http://127.0.0.1:\(port)")! }

    /// Every response the server reported so far.
    var responses: [ReceivedResponse] { received.withLock { $0 } }

    /// A new request on this server.
    func newRequest() async throws -> PresentationRequest {
        try await relyingParty.createRequest(.carRental, baseURL: baseURL)
    }

    /// The honest sandbox wallet fetches `request` over HTTP, approves everything and posts; returns the POST's status.
    func honestExchange(_ request: PresentationRequest) async throws -> Int? {
        let client = CurlHTTPClient(configuration: .init(proxy: .direct, retry: .none))
        return try await world.sandbox.wallet.respond(
            to: request.authorizationRequestURI, client: client, verifier: world.walletVerifier, consent: ScriptedConsent(.approveAll),
            now: SandboxFixture.now
        ).httpStatus
    }

    /// POSTs `body` as a form to `path` over a fresh connection; the status code, or `nil` when the connection
    /// closed without one.
    func post(_ body: [UInt8], to path: String) async throws -> Int? {
        let connection = try RawConnection(port: port)
        let head = "POST \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
            + "Content-Length: \(body.count)\r\nConnection: close\r\n\r\n"
        return await offThePool {
            connection.send(Array(head.utf8) + body)
            return Self.status(of: connection.readUntilClosed(seconds: 20).bytes)
        }
    }

    /// The status code at the start of an HTTP/1.1 response.
    static func status(of response: [UInt8]) -> Int? {
        let text = String(decoding: response.prefix(12), as: UTF8.self)
        guard text.hasPrefix("HTTP/1.1 ") else { return nil }
        return Int(text.dropFirst(9).prefix(3))
    }
}
