import Foundation
import HTTPTypes
import MDLKit
import Testing

/// libcurl connections are reused per host: a client keeps its easy handles (and their connection caches).
struct CurlConnectionReuseTests {
    @Test func successiveRequestsToOneHostShareOneConnection() async throws {
        let server = try KeepAliveLoopbackServer()
        defer { server.stop() }
        let client = CurlHTTPClient(configuration: .init(proxy: .direct, retry: .none))
        for _ in 0..<5 {
            let (response, body) = try await client.send(try HTTPRequest(checking: URL(string: "http://127.0.0.1:\(server.port)/status")!))
            #expect(response.status == .ok && body == Array("ok".utf8))
        }
        #expect(server.connections == 1)
        // A copy of the client shares the handles, hence the connection.
        let copy = client
        _ = try await copy.send(try HTTPRequest(checking: URL(string: "http://127.0.0.1:\(server.port)/other")!))
        #expect(server.connections == 1)
    }

    @Test func twoClientsDoNotShareConnections() async throws {
        let server = try KeepAliveLoopbackServer()
        defer { server.stop() }
        for _ in 0..<2 {
            let client = CurlHTTPClient(configuration: .init(proxy: .direct, retry: .none))
            _ = try await client.send(try HTTPRequest(checking: URL(string: "http://127.0.0.1:\(server.port)/")!))
        }
        #expect(server.connections == 2)
    }
}
