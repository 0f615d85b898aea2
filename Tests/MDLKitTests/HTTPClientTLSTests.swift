import Foundation
import MDLKit
import Testing

/// CurlHTTPClient against a TLS server on 127.0.0.1 with a certificate generated for the test.
struct HTTPClientTLSTests {
    private func send(to server: LoopbackTLSServer, anchors: String?, pins: [String]) async throws -> HTTPExchange {
        let client = CurlHTTPClient(
            configuration: .init(pinnedPublicKeys: pins, trustAnchorsPEM: anchors, proxy: .direct, retry: .none)
        )
        return try await client.exchange(try #require(URL(string: "https://127.0.0.1:\(server.port)/list")))
    }

    @Test func pinningAndCustomAnchors() async throws {
        let server = try LoopbackTLSServer()
        defer { server.stop() }
        let other = try LoopbackTLSServer()  // another key and certificate: its pin and anchor are wrong here
        defer { other.stop() }

        let anchored = try await send(to: server, anchors: server.certificatePEM, pins: [])
        #expect(anchored.status == 200)
        #expect(anchored.body == Array("tls-ok".utf8))

        let pinned = try await send(
            to: server,
            anchors: server.certificatePEM,
            pins: [other.publicKeyPin, server.publicKeyPin]
        )
        #expect(pinned.body == Array("tls-ok".utf8))

        let wrongPin = await #expect(throws: HTTPClientError.self) {
            try await send(to: server, anchors: server.certificatePEM, pins: [other.publicKeyPin])
        }
        #expect(wrongPin?.code == .pinMismatch)

        await #expect(throws: HTTPClientError(code: .tlsFailure)) {
            try await send(to: server, anchors: nil, pins: [])
        }
        await #expect(throws: HTTPClientError(code: .tlsFailure)) {
            try await send(to: server, anchors: other.certificatePEM, pins: [server.publicKeyPin])
        }
    }
}
