import Foundation
import MDLCBOR
import MDLKit
import MDLSandbox
import Testing

/// A relying party whose pages live at ``origin``, and the sandbox wallet answering its Digital Credentials API
/// requests as a browser would hand them over.
struct DigitalCredentialsWorld {
    static let origin = "https://rental.sandbox.mdlkit.cn"
    static let otherOrigin = "https://phish.example"
    let world: RequestWorld

    init() throws { world = try RequestWorld() }

    func relyingParty(
        storage: RelyingPartyStorage = .inMemory(), clock: @escaping @Sendable () -> Date = { SandboxFixture.now },
        origins: Set<String> = [DigitalCredentialsWorld.origin], registered: RegisteredRelyingParty? = nil
    ) throws -> RelyingParty {
        RelyingParty(
            identity: try (registered ?? world.rental).identity(), verifier: try world.sandbox.verifier(), storage: storage, clock: clock,
            allowedOrigins: origins)
    }

    /// The wallet checks the request for `origin` (what the browser reports) and answers; the credential JSON.
    func answer(_ request: PresentationRequest, origin: String = DigitalCredentialsWorld.origin, decision: ConsentDecision = .approveAll) async throws -> [UInt8] {
        let received = try await world.walletVerifier.verifyDigitalCredentials(Array(try #require(request.navigatorArgument).utf8), origin: origin, at: SandboxFixture.now)
        return Array(try world.sandbox.wallet.answer(received, decision: decision).json().utf8)
    }

    /// The request as a relaying page would pass it on: the Annex C DeviceRequest without its readerAuth.
    static func withoutReaderAuth(_ request: PresentationRequest) throws -> PresentationRequest {
        let binding = try #require(request.digitalCredentials)
        let data = try #require(try JSONSerialization.jsonObject(with: Data(binding.requestData.utf8)) as? [String: String])
        let deviceRequestText = try #require(data["deviceRequest"])
        let deviceRequest = try AnnexCDeviceRequest(bytes: try #require(Base64URL.decode(deviceRequestText)))
        let bare = try AnnexCDeviceRequest(elements: deviceRequest.elements)
        var stripped = data
        stripped["deviceRequest"] = Base64URL.encode(bare.encoded)
        let json = String(decoding: try JSONSerialization.data(withJSONObject: stripped, options: [.sortedKeys]), as: UTF8.self)
        var file = try #require(try JSONSerialization.jsonObject(with: Data(try request.fileContents())) as? [String: Any])
        var stored = try #require(file["digitalCredentials"] as? [String: Any])
        stored["requestData"] = json
        file["digitalCredentials"] = stored
        return try PresentationRequest(fileContents: Array(try JSONSerialization.data(withJSONObject: file)))
    }

    /// The credential with one byte of its ciphertext changed.
    static func tampered(_ credential: [UInt8]) throws -> [UInt8] {
        var parsed = try DigitalCredentialResponse(json: credential)
        let response = try #require(parsed.data.response)
        if parsed.protocol == DigitalCredentialsProtocol.isoMdoc.rawValue {
            let sealed = try AnnexCEncryptedResponse(bytes: try #require(Base64URL.decode(response)))
            var cipherText = sealed.cipherText
            cipherText[cipherText.count / 2] ^= 0x01
            let bytes = MDLCBORAccess.encryptedResponse(enc: sealed.enc, cipherText: cipherText)
            parsed.data.response = Base64URL.encode(bytes)
        } else {
            var segments = response.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            var cipherText = try #require(Base64URL.decode(segments[3]))
            cipherText[cipherText.count / 2] ^= 0x01
            segments[3] = Base64URL.encode(cipherText)
            parsed.data.response = segments.joined(separator: ".")
        }
        return Array(try parsed.json().utf8)
    }
}

/// Builds CBOR for tests without going through the SDK's own writer of the structure under test.
enum MDLCBORAccess {
    static func encryptedResponse(enc: [UInt8], cipherText: [UInt8]) -> [UInt8] {
        CBOREncoder.encode(.array([.text("dcapi"), .map([.text("enc"): .bytes(enc), .text("cipherText"): .bytes(cipherText)])]))
    }
}
