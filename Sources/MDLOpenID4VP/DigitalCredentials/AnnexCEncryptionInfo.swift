import Crypto
import MDLCBOR
import MDLCOSE
import MDLJOSE
import MDLVerifier

/// ISO/IEC 18013-7 Annex C `EncryptionInfo`, the key the wallet encrypts its response to:
///
/// ```cddl
/// EncryptionInfo = ["dcapi", EncryptionParameters]
/// EncryptionParameters = {"nonce": bstr, "recipientPublicKey": COSE_Key}   ; an EC2 P-256 key
/// ```
///
/// The page passes it base64url-encoded (``base64URL``); the transcript hashes **that text**, so it is kept as sent.
public struct AnnexCEncryptionInfo: Sendable, Hashable {
    /// The relying party's nonce.
    public let nonce: [UInt8]
    /// The P-256 key the response is HPKE-encrypted to.
    public let recipientPublicKey: P256.KeyAgreement.PublicKey
    /// The encoding, as built or received.
    public let encoded: [UInt8]

    /// The base64url text (no padding) of ``encoded``, as passed to the browser and hashed in the transcript.
    public var base64URL: String { Base64URL.encode(encoded) }

    /// Builds an EncryptionInfo (deterministic encoding).
    public init(nonce: [UInt8], recipientPublicKey: P256.KeyAgreement.PublicKey) {
        let x963 = Array(recipientPublicKey.x963Representation)
        let key = COSEKey(keyType: .ec2, curve: .p256, x: Array(x963[1..<33]), y: Array(x963[33..<65]))
        self.nonce = nonce
        self.recipientPublicKey = recipientPublicKey
        encoded = CBOREncoder.encode(.array([.text("dcapi"), .map([.text("nonce"): .bytes(nonce), .text("recipientPublicKey"): key.cbor])]))
    }

    /// Reads a received EncryptionInfo; throws `structureInvalid` (or `weakKey` for a key not on P-256).
    public init(bytes: [UInt8]) throws(MDLError) {
        let root = try CBORDecoder().decodeStructure(bytes, what: "EncryptionInfo")
        guard let array = root.array, array.count == 2, array[0].text == "dcapi", let parameters = array[1].map,
            let nonce = parameters["nonce"]?.bytes, let keyItem = parameters["recipientPublicKey"]
        else { throw MDLError.structure("EncryptionInfo must be [\"dcapi\", {nonce, recipientPublicKey}]") }
        do {
            recipientPublicKey = try COSEKey(keyItem).p256AgreementKey()
        } catch {
            throw MDLError(code: .weakKey, message: "recipientPublicKey is not a P-256 key")
        }
        self.nonce = nonce
        encoded = bytes
    }

    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.encoded == rhs.encoded }
    public func hash(into hasher: inout Hasher) { hasher.combine(encoded) }

    /// Reads the base64url text passed to the browser.
    public init(base64URL text: String) throws(MDLError) {
        guard let bytes = Base64URL.decode(text) else { throw MDLError.structure("encryptionInfo is not base64url") }
        try self.init(bytes: bytes)
    }
}
