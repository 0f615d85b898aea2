import Crypto
import Foundation
import MDLCBOR
import MDLCOSE
import MDLKit
import MDLSandbox
import Testing

@testable import MDLVerifier

/// A request advertises only what the SDK verifies: every algorithm, encryption and format in the request object's
/// `client_metadata` and DCQL query is checked against the real thing (a signature made and verified, a response
/// encrypted and decrypted, a presentation answered and verified), not against a list.
struct AdvertisedSupportTests {
    /// The request object's claims as the wallet reads them off the wire.
    static func claims(of request: PresentationRequest) throws -> [String: Any] {
        let parts = request.requestObject.split(separator: ".", omittingEmptySubsequences: false)
        let payload = try #require(parts.count == 3 ? Base64URL.decode(String(parts[1])) : nil)
        return try #require(try JSONSerialization.jsonObject(with: Data(payload)) as? [String: Any])
    }

    static func mdocAlgorithms(_ claims: [String: Any], _ key: String) throws -> [Int] {
        let metadata = try #require(claims["client_metadata"] as? [String: Any])
        let formats = try #require(metadata["vp_formats_supported"] as? [String: Any])
        let mdoc = try #require(formats["mso_mdoc"] as? [String: Any])
        return try #require(mdoc[key] as? [Int])
    }

    /// The key a DS certificate would carry, in the form the issuer-authentication step reads it.
    static func signerKey(_ key: SigningPrivateKey) throws -> SignerPublicKey {
        switch key {
        case .ed25519: .ed25519(try key.publicKey.coseKeyParameters.x)
        case .p256(let secret): .p256(Array(secret.publicKey.x963Representation))
        case .p384(let secret): .p384(Array(secret.publicKey.x963Representation))
        case .p521(let secret): .p521(Array(secret.publicKey.x963Representation))
        }
    }

    static func headers(_ algorithm: COSEAlgorithm) -> COSEHeaders {
        COSEHeaders(protected: [.int(COSEHeaders.Label.algorithm): .int(algorithm.coseValue)], unprotected: [:])
    }

    @Test func everyAdvertisedIssuerAlgorithmVerifiesAnIssuerSignature() async throws {
        let world = try RequestWorld()
        let relyingParty = try world.relyingParty()
        let configuration = try world.sandbox.verifier().configuration
        let request = try await relyingParty.createRequest(.carRental, baseURL: RequestWorld.baseURL)
        let advertised = try Self.mdocAlgorithms(try Self.claims(of: request), "issuerauth_alg_values")
        #expect(!advertised.isEmpty)
        #expect(!advertised.contains(-9), "ESP256 (-9) is not implemented")
        for value in advertised {
            let algorithm = try #require(
                COSEAlgorithm(coseValue: Int64(value)),
                "\(value) is advertised, not implemented"
            )
            #expect(configuration.allowedAlgorithms.contains(algorithm))
            let key = try SigningPrivateKey.generate(for: algorithm)
            let message = try COSESign1(signing: Array("mso".utf8), headers: Self.headers(algorithm)) {
                try key.sign($0)
            }
            let verified = try message.verifyAttached(
                with: try Self.signerKey(key).coseKey(),
                allowedAlgorithms: configuration.allowedAlgorithms
            )
            #expect(verified == Array("mso".utf8))
        }
    }

    @Test func everyAdvertisedDeviceAlgorithmVerifiesADeviceSignatureWithACOSEKey() async throws {
        let world = try RequestWorld()
        let configuration = try world.sandbox.verifier().configuration
        let request = try await world.relyingParty().createRequest(.carRental, baseURL: RequestWorld.baseURL)
        let advertised = try Self.mdocAlgorithms(try Self.claims(of: request), "deviceauth_alg_values")
        #expect(!advertised.isEmpty)
        let content = Array("DeviceAuthentication".utf8)
        for value in advertised {
            let algorithm = try #require(
                COSEAlgorithm(coseValue: Int64(value)),
                "\(value) is advertised, not implemented"
            )
            let key = try SigningPrivateKey.generate(for: algorithm)
            let parameters = try key.publicKey.coseKeyParameters
            // The device key travels as a COSE_Key in the MSO: it must be readable as one.
            let curve = try #require(
                COSEKey.Curve(rawValue: parameters.curve.coseValue),
                "no COSE_Key for \(algorithm)"
            )
            let deviceKey = COSEKey(
                keyType: parameters.y == nil ? .okp : .ec2,
                curve: curve,
                x: parameters.x,
                y: parameters.y
            )
            let signature = try COSESign1(signing: content, headers: Self.headers(algorithm), detached: true) {
                try key.sign($0)
            }
            try signature.verifyDetached(
                content: content,
                with: try COSEKey(deviceKey.cbor).signaturePublicKey(),
                allowedAlgorithms: configuration.allowedAlgorithms
            )
        }
    }

    @Test func aVerifierThatAllowsFewerAlgorithmsAdvertisesFewer() async throws {
        let world = try RequestWorld()
        let verifier = PresentationVerifier(
            configuration: .init(
                trustAnchors: [try world.sandbox.authority.iaca.trustAnchor()],
                allowedAlgorithms: [.es256]
            )
        )
        let relyingParty = RelyingParty(
            identity: try world.rental.identity(),
            verifier: verifier,
            replayStore: InMemoryReplayStore(),
            auditLog: InMemoryAuditLog(),
            clock: { SandboxFixture.now }
        )
        let claims = try Self.claims(
            of: try await relyingParty.createRequest(.carRental, baseURL: RequestWorld.baseURL)
        )
        #expect(try Self.mdocAlgorithms(claims, "issuerauth_alg_values") == [-7])
        #expect(try Self.mdocAlgorithms(claims, "deviceauth_alg_values") == [-7])
    }

    @Test func everyAdvertisedEncryptionDecryptsAResponse() async throws {
        let world = try RequestWorld()
        let request = try await world.relyingParty().createRequest(.carRental, baseURL: RequestWorld.baseURL)
        let metadata = try #require(try Self.claims(of: request)["client_metadata"] as? [String: Any])
        let encryptions = try #require(metadata["encrypted_response_enc_values_supported"] as? [String])
        #expect(!encryptions.isEmpty)
        for enc in encryptions {
            let jwe = try JWE.encrypt(Array("{}".utf8), to: request.encryptionJWK, enc: enc)
            // The relying party's decryption, with its own defaults.
            #expect(try JWE.decrypt(jwe, with: request.encryptionKey).plaintext == Array("{}".utf8))
        }
    }

    @Test func everyAdvertisedFormatIsAnsweredAndVerified() async throws {
        let world = try RequestWorld()
        let relyingParty = try world.relyingParty()
        let request = try await relyingParty.createRequest(.carRental, baseURL: RequestWorld.baseURL)
        let claims = try Self.claims(of: request)
        let metadata = try #require(claims["client_metadata"] as? [String: Any])
        let formats = Set(try #require(metadata["vp_formats_supported"] as? [String: Any]).keys)
        let query = try #require(claims["dcql_query"] as? [String: Any])
        let credentials = try #require(query["credentials"] as? [[String: Any]])
        let queried = Set(credentials.compactMap { $0["format"] as? String })
        #expect(!formats.isEmpty && queried.isSubset(of: formats))
        // The one format a request carries is presented by a wallet and verified by the relying party.
        #expect(formats.count == 1)
        let outcome = await relyingParty.receive(
            jwe: try world.answer(request, .approveAll).jwe,
            forRequest: request.id
        )
        #expect(outcome.receipt?.outcome == .presented)
    }
}
