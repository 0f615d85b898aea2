import Crypto
import Foundation
import MDLKit
import Testing

/// Round trips with an independent JOSE implementation (joserfc, via Tests/Interop/jose_peer.py in the .venv that
/// Tests/Interop/setup-venv.sh makes). Skipped, saying so, when the venv is absent.
@Suite(.enabled(if: JOSEPeer.available, "needs .venv/bin/python: run bash Tests/Interop/setup-venv.sh"))
struct JOSEInteropTests {
    @Test(arguments: ["P-256", "X25519"])
    func peerDecryptsOurJWE(curve: String) throws {
        let peer = try JOSEPeer()
        defer { peer.cleanUp() }
        let key: JWEDecryptionKey = curve == "P-256" ? .generateP256() : .x25519(Curve25519.KeyAgreement.PrivateKey())
        let plaintext = Array(#"{"state":"s-1","vp_token":{"mdl":["o2d2ZXJzaW9u"]}}"#.utf8)
        let token = try JWE.encrypt(plaintext, to: key.publicJWK(kid: "rp-1"), enc: "A128GCM")
        let privateFile = try peer.write(try JSONEncoder().encode(key.privateJWK(kid: "rp-1")), name: "private.jwk")
        let tokenFile = try peer.write(Data(token.utf8), name: "token.jwe")
        #expect(try peer.run(["decrypt-jwe", tokenFile, privateFile]) == plaintext)
    }

    @Test(arguments: ["P-256", "X25519"], ["A128GCM", "A256GCM"])
    func weDecryptThePeersJWE(curve: String, enc: String) throws {
        let peer = try JOSEPeer()
        defer { peer.cleanUp() }
        let key: JWEDecryptionKey = curve == "P-256" ? .generateP256() : .x25519(Curve25519.KeyAgreement.PrivateKey())
        let publicFile = try peer.write(try JSONEncoder().encode(key.publicJWK(kid: "rp-2")), name: "public.jwk")
        let payload = Array(#"{"vp_token":{"mdl":["AA"]},"state":"xyz"}"#.utf8)
        let payloadFile = try peer.write(Data(payload), name: "payload.json")
        let token = String(decoding: try peer.run(["make-jwe", payloadFile, publicFile, "--enc", enc, "--apu", "YXB1", "--apv", "YXB2"]), as: UTF8.self)
        let decrypted = try JWE.decrypt(token, with: key)
        #expect(decrypted.plaintext == payload)
        #expect(decrypted.header.kid == "rp-2")
    }

    @Test func peerVerifiesOurRequestObjectAndWeVerifyThePeers() async throws {
        let peer = try JOSEPeer()
        defer { peer.cleanUp() }
        let world = try RequestWorld()
        let request = try await world.relyingParty().createRequest(.carRental, baseURL: RequestWorld.baseURL)
        let tokenFile = try peer.write(Data(request.requestObject.utf8), name: "request.jwt")
        let verified = try JSONSerialization.jsonObject(with: Data(try peer.run(["verify-jws", tokenFile, "x5c"]))) as? [String: Any]
        let header = verified?["header"] as? [String: Any]
        #expect(header?["typ"] as? String == "oauth-authz-req+jwt")
        #expect((verified?["payload"] as? [String: Any])?["nonce"] as? String == request.nonce)

        // The peer signs with a key it made; we verify with the public JWK it wrote.
        let privateFile = peer.path("peer-private.jwk")
        let publicFile = peer.path("peer-public.jwk")
        _ = try peer.run(["gen-jwk", "P-256", privateFile, publicFile])
        let payloadFile = try peer.write(Data(#"{"hello":"world"}"#.utf8), name: "claims.json")
        let token = String(decoding: try peer.run(["sign-jws", payloadFile, privateFile, "--alg", "ES256", "--typ", "oauth-authz-req+jwt"]), as: UTF8.self)
        let publicJWK = try JSONDecoder().decode(JWK.self, from: Data(contentsOf: URL(fileURLWithPath: publicFile)))
        let x = try #require(Base64URL.decode(publicJWK.x))
        let yText = try #require(publicJWK.y)
        let y = try #require(Base64URL.decode(yText))
        let jws = try JWS(compact: token)
        try jws.verify(with: .p256([0x04] + x + y))
        #expect(jws.payload == Array(#"{"hello":"world"}"#.utf8))
        let thumbprint = String(decoding: try peer.run(["thumbprint", publicFile]), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(thumbprint == Base64URL.encode(try publicJWK.thumbprint()))
    }

    @Test func peerVerifiesOurEdDSASignature() throws {
        let peer = try JOSEPeer()
        defer { peer.cleanUp() }
        let key = Curve25519.Signing.PrivateKey()
        let token = try JWS.sign(payload: Array(#"{"n":1}"#.utf8), header: JOSEHeader(alg: "EdDSA"), key: .edDSA(key))
        let jwk = #"{"kty":"OKP","crv":"Ed25519","x":"\#(Base64URL.encode(key.publicKey.rawRepresentation))"}"#
        let keyFile = try peer.write(Data(jwk.utf8), name: "ed.jwk")
        let tokenFile = try peer.write(Data(token.utf8), name: "ed.jws")
        let output = try JSONSerialization.jsonObject(with: Data(try peer.run(["verify-jws", tokenFile, keyFile]))) as? [String: Any]
        #expect((output?["payload"] as? [String: Any])?["n"] as? Int == 1)
    }
}

/// Runs Tests/Interop/jose_peer.py with the repository's .venv.
struct JOSEPeer {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let python = packageRoot.appendingPathComponent(".venv/bin/python").path
    static var available: Bool { FileManager.default.isExecutableFile(atPath: python) }

    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("mdlkit-jose-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    func write(_ data: Data, name: String) throws -> String {
        try data.write(to: directory.appendingPathComponent(name))
        return path(name)
    }

    /// Runs the peer `script` of Tests/Interop; its stdout, or an error with its stderr when it exits non-zero.
    func run(_ arguments: [String], script: String = "jose_peer.py") throws -> [UInt8] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.python)
        process.arguments = [Self.packageRoot.appendingPathComponent("Tests/Interop/\(script)").path] + arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw PeerFailure(message: String(decoding: message, as: UTF8.self)) }
        return Array(data)
    }

    func cleanUp() { try? FileManager.default.removeItem(at: directory) }

    struct PeerFailure: Error, CustomStringConvertible { let message: String; var description: String { message } }
}
