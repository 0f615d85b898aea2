import Foundation
import MDLKit
import MDLSandbox
import Testing

/// The sandbox's own Hummingbird servers use the same `HTTPServerLimits` as the relying party's (issue 20).
struct SandboxServerLimitsTests {
    /// A point-statement POST past the status service's body limit is answered 413, and the service goes on
    /// answering.
    @Test func theStatusServiceRefusesAnOversizedBodyAndKeepsServing() async throws {
        let world = try await StatusServiceTests.World.start()
        let port = try #require(world.service.port)
        let body = [UInt8](repeating: 0x41, count: 2 * 1024 * 1024)
        let connection = try RawConnection(port: port)
        let head = "POST /points/sh HTTP/1.1\r\nHost: x\r\nContent-Length: \(body.count)\r\nConnection: close\r\n\r\n"
        let reply = await offThePool {
            connection.send(Array(head.utf8) + body)
            return connection.readUntilClosed(seconds: 20)
        }
        #expect(RelyingPartyHarness.status(of: reply.bytes) == 413)
        #expect(try await world.client().status(for: world.reference, trust: try world.trust()).value == .valid)
        await world.service.stop()
    }

    /// An idle connection to the status service is closed at the standard idle deadline (10 s), not held forever.
    @Test func theStatusServiceClosesIdleConnections() async throws {
        let world = try await StatusServiceTests.World.start()
        let idle = try RawConnection(port: try #require(world.service.port))
        #expect(await idle.closes(within: 30))
        await world.service.stop()
    }
}
