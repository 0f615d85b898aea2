import Foundation
import Hummingbird
import MDLCBOR
import MDLCOSE
import MDLKit
import Testing

/// StatusClient against hostile or failing loopback servers: every failure fails closed with its own code.
struct StatusClientFailureTests {
    private static let now = Date(timeIntervalSince1970: 1_764_000_000)

    private func client(totalTimeout: Duration = .seconds(10), maxResponseBytes: Int = 1024 * 1024, pins: [String] = [], anchors: String? = nil) -> StatusClient {
        StatusClient(
            client: CurlHTTPClient(
                configuration: .init(
                    connectTimeout: .seconds(5), totalTimeout: totalTimeout, maxResponseBytes: maxResponseBytes,
                    pinnedPublicKeys: pins, trustAnchorsPEM: anchors, proxy: .direct, retry: .none)),
            now: { Self.now })
    }

    private func reference(_ port: Int, _ path: String = "/status/sh") -> MobileSecurityObject.StatusReference {
        .init(index: 1, uri: "http://127.0.0.1:\(port)\(path)")
    }

    private func signedToken(uri: String, key: SigningPrivateKey) throws -> [UInt8] {
        try StatusListToken.sign(
            list: try StatusList(bits: 2, values: [0, 2]), subject: uri, issuedAt: Self.now, expiresAt: Self.now + 3600,
            timeToLive: 300, algorithm: key.algorithm, signer: key.sign)
    }

    /// The MDLError code `body` throws, or nil.
    private func code(_ body: () async throws -> LicenseStatusResult) async -> MDLError.Code? {
        await error(body)?.code
    }

    /// The MDLError `body` throws, or nil.
    private func error(_ body: () async throws -> LicenseStatusResult) async -> MDLError? {
        do {
            _ = try await body()
            return nil
        } catch {
            return error as? MDLError
        }
    }

    @Test func timeoutConnectionRefusedAnd500() async throws {
        let key = try SigningPrivateKey.generate(for: .edDSA)
        let trust = StatusSignerTrust.key(try key.publicKey)
        let codes = try await LoopbackHTTPServer.run({ router in
            router.get("/slow") { _, _ in
                try await Task.sleep(for: .seconds(2))
                return loopbackResponse(body: [0])
            }
            router.get("/error") { _, _ in loopbackResponse(status: 500, body: Array("down".utf8)) }
        }) { port in
            [
                await code { try await client(totalTimeout: .milliseconds(300)).status(for: reference(port, "/slow"), trust: trust) },
                await code { try await client().status(for: reference(port, "/error"), trust: trust) },
            ]
        }
        #expect(codes == [.statusUnavailable, .statusUnavailable])

        // The server is gone: its port refuses connections.
        let closedPort = try await LoopbackHTTPServer.run({ _ in }) { port in port }
        #expect(await code { try await client().status(for: reference(closedPort), trust: trust) } == .statusUnavailable)
    }

    @Test func oversizedMalformedAndWronglySignedBodies() async throws {
        let key = try SigningPrivateKey.generate(for: .edDSA)
        let other = try SigningPrivateKey.generate(for: .edDSA)
        let trust = StatusSignerTrust.key(try key.publicKey)
        let codes = try await LoopbackHTTPServer.run({ router in
            router.get("/big") { _, _ in loopbackStreamedResponse(total: 2 * 1024 * 1024, declared: false) }
            router.get("/garbage") { _, _ in loopbackResponse(body: [0xA2, 0x01, 0x02, 0x03]) }
            router.get("/notcose") { _, _ in loopbackResponse(body: CBOREncoder.encode(.map(["bits": 1]))) }
            router.get("/forged") { request, _ in
                let uri = "http://\(request.head.authority ?? request.header("Host") ?? "")/forged"
                return loopbackResponse(body: try signedToken(uri: uri, key: other))
            }
            router.get("/good") { request, _ in
                let uri = "http://\(request.head.authority ?? request.header("Host") ?? "")/good"
                return loopbackResponse(headers: ["Cache-Control": "max-age=60"], body: try signedToken(uri: uri, key: key))
            }
        }) { port in
            [
                await code { try await client(maxResponseBytes: 64 * 1024).status(for: reference(port, "/big"), trust: trust) },
                await code { try await client().status(for: reference(port, "/garbage"), trust: trust) },
                await code { try await client().status(for: reference(port, "/notcose"), trust: trust) },
                await code { try await client().status(for: reference(port, "/forged"), trust: trust) },
                await code { try await client().status(for: reference(port, "/good"), trust: trust) },
            ]
        }
        // A token that does not decode is a status failure (statusListInvalid): the document verified, its status did not.
        #expect(Array(codes.prefix(4)) == [.statusUnavailable, .statusListInvalid, .statusListInvalid, .statusSignatureInvalid])
        #expect(codes.count == 5 && codes[4] == nil)  // the good token verifies (index 1 is suspended, a value, not an error)
    }

    /// A TLS loopback server (LoopbackTLSServer, a python3 subprocess with a generated self-signed certificate).
    @Test
    func pinnedKeyMismatchOverTLS() async throws {
        let server = try LoopbackTLSServer()
        defer { server.stop() }
        let other = try LoopbackTLSServer()
        defer { other.stop() }
        let trust = StatusSignerTrust.key(try SigningPrivateKey.generate(for: .edDSA).publicKey)
        let reference = MobileSecurityObject.StatusReference(index: 0, uri: "https://127.0.0.1:\(server.port)/status/sh")
        let mismatch = await error { try await client(pins: [other.publicKeyPin], anchors: server.certificatePEM).status(for: reference, trust: trust) }
        #expect(mismatch?.code == .statusUnavailable)
        #expect(mismatch?.message.contains("pinMismatch") == true)
    }
}
