import Foundation
import MDLKit
import MDLStoragePostgres
import MDLRelyingPartyServer
import PostgresNIO
import Testing

/// One relying-party process on loopback: its own PostgreSQL connection pool, its own ``RelyingParty`` actor and
/// its own HTTP server, sharing tables (by prefix) with the other instances.
final class RelyingPartyInstance: Sendable {
    let relyingParty: RelyingParty
    let store: PostgresStore
    let port: Int
    let outcomes: AsyncStream<PresentationOutcome>
    private let server: Task<Void, any Error>
    private let database: Task<Void, Never>

    init(world: PostgresWorld, prefix: String) async throws {
        let configuration = try PostgresStore.configuration(url: try #require(PostgresWorld.url))
        let store = try PostgresStore(client: PostgresClient(configuration: configuration, backgroundLogger: PostgresWorld.quietLogger), tablePrefix: prefix)
        self.store = store
        database = Task { await store.client.run() }
        try await store.migrate()
        let relyingParty = try world.relyingParty(storage: store.storage(sealer: world.sealer))
        self.relyingParty = relyingParty
        let (outcomes, sink) = AsyncStream.makeStream(of: PresentationOutcome.self)
        self.outcomes = outcomes
        let (ports, portSink) = AsyncStream.makeStream(of: Int.self)
        var server = RelyingPartyServer(relyingParty: relyingParty) { sink.yield($0) }
        server.logger.logLevel = .critical
        self.server = Task { [server] in try await server.run(host: "127.0.0.1", port: 0) { portSink.yield($0) } }
        var iterator = ports.makeAsyncIterator()
        port = try #require(await iterator.next())
    }

    /// `http://127.0.0.1:<port>`.
    var baseURL: URL { URL(string: "http://127.0.0.1:\(port)")! }

    /// Stops the HTTP server and closes the connection pool: the process is gone.
    func stop() async {
        server.cancel()
        _ = await server.result
        database.cancel()
        await database.value
    }

    /// Runs `body` with `count` instances on shared tables, stopping them all afterwards.
    static func with<T: Sendable>(
        _ count: Int, world: PostgresWorld, _ body: @Sendable ([RelyingPartyInstance]) async throws -> T
    ) async throws -> T {
        let prefix = PostgresWorld.freshPrefix()
        var instances: [RelyingPartyInstance] = []
        do {
            for _ in 0..<count { instances.append(try await RelyingPartyInstance(world: world, prefix: prefix)) }
            let result = try await body(instances)
            for instance in instances { await instance.stop() }
            return result
        } catch {
            for instance in instances { await instance.stop() }
            throw error
        }
    }
}

/// A load balancer in front of the instances as the wallet sees it: GETs go to one instance, POSTs to another,
/// the path kept.
struct LoadBalancer: HTTPClient {
    let getTarget: URL
    let postTarget: URL
    let transport: any HTTPClient = CurlHTTPClient()

    func send(
        _ request: HTTPRequest,
        body: [UInt8]?,
        options: HTTPRequestOptions
    ) async throws -> (response: HTTPResponse, body: [UInt8]) {
        var routed = request
        let target = request.method == .post ? postTarget : getTarget
        guard let original = request.url, var components = URLComponents(url: original, resolvingAgainstBaseURL: false)
        else { throw URLError(.badURL) }
        components.scheme = target.scheme
        components.host = target.host
        components.port = target.port
        guard let url = components.url else { throw URLError(.badURL) }
        routed.url = url
        return try await transport.send(routed, body: body, options: options)
    }
}
