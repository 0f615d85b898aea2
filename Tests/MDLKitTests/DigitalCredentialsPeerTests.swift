import Crypto
import Foundation
import MDLKit
import Testing

/// The Digital Credentials API's transcripts and Annex C's HPKE against an independent implementation:
/// Tests/Interop/dcapi_peer.py builds both transcripts from the specifications' CDDL with cbor2 and joserfc and seals
/// Annex C responses with cryptography's HPKE. Runs wherever the interop venv is (CI sets it up); the published
/// vectors of ``DigitalCredentialsVectorTests`` complement it where `../shared/vectors` holds them.
@Suite(.enabled(if: JOSEPeer.available, "needs .venv/bin/python: run bash Tests/Interop/setup-venv.sh"))
struct DigitalCredentialsPeerTests {
    struct PeerTranscript: Decodable {
        let thumbprint: String?
        let sessionTranscriptHex: String
    }

    struct PeerSealed: Decodable {
        let sessionTranscriptHex: String
        let encryptedResponseHex: String
    }

    @Test(arguments: [true, false])
    func theOpenID4VPHandoverMatchesThePeers(encrypted: Bool) throws {
        let peer = try JOSEPeer()
        defer { peer.cleanUp() }
        let key = JWEDecryptionKey.generateP256()
        let jwk = key.publicJWK(kid: "rp-dc")
        let jwkFile = try peer.write(try JSONEncoder().encode(jwk), name: "public.jwk")
        let origin = "https://claims.insurer.example"
        let nonce = "n-0S6_WzA2Mj"
        let output = try peer.run(["openid4vp-transcript", origin, nonce, encrypted ? jwkFile : "-none"], script: "dcapi_peer.py")
        let theirs = try JSONDecoder().decode(PeerTranscript.self, from: Data(output))
        let thumbprint = encrypted ? try jwk.thumbprint() : nil
        #expect(theirs.thumbprint == thumbprint.map(Base64URL.encode))
        let ours = SessionTranscript.openID4VPDigitalCredentialsAPI(origin: origin, nonce: nonce, jwkThumbprint: thumbprint)
        #expect(Hex.encode(ours.encoded) == theirs.sessionTranscriptHex)
    }

    @Test func anAnnexCResponseSealedByThePeerVerifiesAndOnlyForItsOrigin() async throws {
        let peer = try JOSEPeer()
        defer { peer.cleanUp() }
        let dc = try DigitalCredentialsWorld()
        let rp = try dc.relyingParty()
        let request = try await rp.createDigitalCredentialsRequest(.carRental, protocol: .isoMdoc, origin: DigitalCredentialsWorld.origin)
        let binding = try #require(request.digitalCredentials)
        let data = try #require(try JSONSerialization.jsonObject(with: Data(binding.requestData.utf8)) as? [String: String])
        let encryptionInfo = try #require(data["encryptionInfo"])
        let transcript = try request.sessionTranscript()
        let deviceResponse = try dc.world.sandbox.presentation(request.elements.map(\.element).byNameSpace, transcript: transcript)
        let plaintextFile = try peer.write(Data(deviceResponse), name: "device-response.cbor")

        func sealed(for origin: String) throws -> (PeerSealed, [UInt8]) {
            let output = try peer.run(["annexc-seal", encryptionInfo, origin, plaintextFile], script: "dcapi_peer.py")
            let sealed = try JSONDecoder().decode(PeerSealed.self, from: Data(output))
            let credential = DigitalCredentialResponse(protocol: .isoMdoc, data: .init(response: Base64URL.encode(try #require(Hex.decode(sealed.encryptedResponseHex)))))
            return (sealed, Array(try credential.json().utf8))
        }

        // Sealed for a phishing page's origin, the response does not open for the relying party's.
        let (phished, phishedCredential) = try sealed(for: DigitalCredentialsWorld.otherOrigin)
        #expect(phished.sessionTranscriptHex != Hex.encode(transcript.encoded))
        let refused = await rp.receive(digitalCredential: phishedCredential, forRequest: request.id, origin: DigitalCredentialsWorld.origin)
        #expect(refused.error?.code == .hpkeDecryptionFailed)

        let (theirs, credential) = try sealed(for: DigitalCredentialsWorld.origin)
        #expect(theirs.sessionTranscriptHex == Hex.encode(transcript.encoded))
        let received = await rp.receive(digitalCredential: credential, forRequest: request.id, origin: DigitalCredentialsWorld.origin)
        #expect(received.error == nil)
        #expect(received.isHolderAuthenticated)
    }
}
