import Crypto
import Foundation
import MDLCBOR
import MDLJOSE
import MDLVerifier

/// ISO/IEC 18013-7 Annex C `EncryptedResponse`, the wallet's answer (base64url in the credential's `response`):
///
/// ```cddl
/// EncryptedResponse = ["dcapi", {"enc": bstr, "cipherText": bstr}]
/// ```
///
/// HPKE (RFC 9180) base mode with DHKEM(P-256, HKDF-SHA256), HKDF-SHA256 and AES-128-GCM; `info` is the CBOR
/// encoding of the bare SessionTranscript array (the `dcapi` transcript), `aad` empty; the plaintext is the
/// DeviceResponse. Because `info` holds the transcript, a response made for another origin or another
/// EncryptionInfo does not open.
public struct AnnexCEncryptedResponse: Sendable, Hashable {
    /// The HPKE cipher suite of Annex C.
    public static let ciphersuite = HPKE.Ciphersuite(kem: .P256_HKDF_SHA256, kdf: .HKDF_SHA256, aead: .AES_GCM_128)

    /// The encapsulated key (an uncompressed P-256 point).
    public let enc: [UInt8]
    /// The ciphertext with its tag.
    public let cipherText: [UInt8]

    /// The encoding.
    public var encoded: [UInt8] {
        CBOREncoder.encode(.array([.text("dcapi"), .map([.text("enc"): .bytes(enc), .text("cipherText"): .bytes(cipherText)])]))
    }

    /// Reads a received EncryptedResponse.
    public init(bytes: [UInt8]) throws(MDLError) {
        let root = try CBORDecoder().decodeStructure(bytes, what: "EncryptedResponse")
        guard let array = root.array, array.count == 2, array[0].text == "dcapi", let parameters = array[1].map,
            let enc = parameters["enc"]?.bytes, let cipherText = parameters["cipherText"]?.bytes
        else { throw MDLError.structure("EncryptedResponse must be [\"dcapi\", {enc, cipherText}]") }
        self.enc = enc
        self.cipherText = cipherText
    }

    /// Encrypts `deviceResponse` to `recipient` for `transcript` (what a wallet does).
    public init(sealing deviceResponse: [UInt8], to recipient: P256.KeyAgreement.PublicKey, transcript: SessionTranscript) throws(MDLError) {
        do {
            var sender = try HPKE.Sender(recipientKey: recipient, ciphersuite: Self.ciphersuite, info: Data(transcript.encoded))
            cipherText = Array(try sender.seal(deviceResponse, authenticating: Data()))
            enc = Array(sender.encapsulatedKey)
        } catch {
            throw MDLError(code: .hpkeDecryptionFailed, message: "HPKE encryption failed")
        }
    }

    /// Decrypts with the relying party's key for `transcript`; throws `hpkeDecryptionFailed` when it does not open
    /// (another key, another origin or EncryptionInfo, or a changed byte).
    public func open(with key: P256.KeyAgreement.PrivateKey, transcript: SessionTranscript) throws(MDLError) -> [UInt8] {
        do {
            var recipient = try HPKE.Recipient(
                privateKey: key, ciphersuite: Self.ciphersuite, info: Data(transcript.encoded), encapsulatedKey: Data(enc))
            return Array(try recipient.open(cipherText, authenticating: Data()))
        } catch {
            throw MDLError(code: .hpkeDecryptionFailed, message: "the EncryptedResponse does not open with this request's key and transcript")
        }
    }
}
