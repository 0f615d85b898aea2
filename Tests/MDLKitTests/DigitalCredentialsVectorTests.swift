import Crypto
import Foundation
import MDLCBOR
import MDLKit
import Testing

/// Published Digital Credentials API vectors, read from `../shared/vectors` (provenance in each folder's README and
/// in Documentation/Interop.md):
/// - `openid4vp-dcapi-handover/`: OpenID4VP 1.0 Appendix B.2.6.2's example (OpenID Foundation).
/// - `annexc-waltid-deterministic/`: walt.id's ISO/IEC 18013-7 Annex C vector with its recipient key (Apache-2.0).
struct DigitalCredentialsVectorTests {
    @Test(.enabled(if: VectorFiles.has("openid4vp-dcapi-handover"), "../shared/vectors/openid4vp-dcapi-handover is absent (Documentation/Interop.md says where it comes from)"))
    func openID4VPSpecificationExampleTranscript() throws {
        let vector = try JSONSerialization.jsonObject(with: Data(try VectorFiles.text("openid4vp-dcapi-handover/vector.json").utf8)) as? [String: Any]
        let fields = try #require(vector)
        let jwkData = try JSONSerialization.data(withJSONObject: try #require(fields["jwk"]))
        let jwk = try JSONDecoder().decode(JWK.self, from: jwkData)
        let thumbprint = try jwk.thumbprint()
        let infoHex = try #require(fields["handoverInfoHex"] as? String)
        let info = try #require(Hex.decode(infoHex))
        #expect(Array(info.suffix(32)) == thumbprint)
        let transcript = SessionTranscript.openID4VPDigitalCredentialsAPI(
            origin: try #require(fields["origin"] as? String), nonce: try #require(fields["nonce"] as? String), jwkThumbprint: thumbprint)
        #expect(Hex.encode(transcript.encoded) == (fields["sessionTranscriptHex"] as? String))
    }

    @Test(.enabled(if: VectorFiles.has("annexc-waltid-deterministic"), "../shared/vectors/annexc-waltid-deterministic is absent (Documentation/Interop.md says where it comes from)"))
    func annexCWaltIDVectorDecrypts() throws {
        let vector = try #require(
            try JSONSerialization.jsonObject(with: Data(try VectorFiles.text("annexc-waltid-deterministic/ANNEXC-DETERMINISTIC-001.json").utf8))
                as? [String: Any])
        let origin = try #require(vector["origin"] as? String)
        let encryptionInfoText = try #require(vector["encryptionInfoB64"] as? String)
        let expected = try #require(vector["expected"] as? [String: Any])
        let requestText = try #require(vector["deviceRequestB64"] as? String)
        let request = try AnnexCDeviceRequest(bytes: try #require(Base64URL.decode(requestText)))
        #expect(request.docType == expected["docType"] as? String)
        let requestedElement = try #require(expected["requestedElement"] as? String)
        #expect(request.elements.map(\.element.identifier) == [requestedElement])
        let info = try AnnexCEncryptionInfo(base64URL: encryptionInfoText)
        let keyHex = try #require(vector["recipientPrivateKeyHex"] as? String)
        let key = try P256.KeyAgreement.PrivateKey(rawRepresentation: try #require(Hex.decode(keyHex)))
        #expect(info.recipientPublicKey.rawRepresentation == key.publicKey.rawRepresentation)
        let transcript = SessionTranscript.isoDigitalCredentialsAPI(encryptionInfoBase64URL: encryptionInfoText, origin: origin)
        #expect(Hex.encode(Array(SHA256.hash(data: transcript.encoded))) == expected["sessionTranscriptCborSha256Hex"] as? String)
        let sealedText = try #require(vector["encryptedResponseB64"] as? String)
        let sealed = try AnnexCEncryptedResponse(bytes: try #require(Base64URL.decode(sealedText)))
        let deviceResponse = try sealed.open(with: key, transcript: transcript)
        #expect(Hex.encode(Array(SHA256.hash(data: deviceResponse))) == expected["deviceResponseCborSha256Hex"] as? String)
        // The same response does not open for another origin: the transcript is the HPKE info.
        let elsewhere = SessionTranscript.isoDigitalCredentialsAPI(encryptionInfoBase64URL: encryptionInfoText, origin: "https://phish.example")
        #expect(throws: MDLError(code: .hpkeDecryptionFailed)) { _ = try sealed.open(with: key, transcript: elsewhere) }
    }
}
