import Crypto
import Foundation
import MDLVerifier

/// Compact JWE (RFC 7516) with direct key agreement `ECDH-ES` (RFC 7518 §4.6: Concat KDF, no key wrapping) and
/// AES-GCM content encryption (`A128GCM`, `A256GCM`), over P-256 or X25519 keys.
///
/// ```swift
/// let token = try JWE.encrypt(payload, to: relyingPartyJWK, enc: "A128GCM")
/// let (header, plaintext) = try JWE.decrypt(token, with: requestKey)
/// ```
public enum JWE {
    /// The content-encryption algorithms supported, with their key lengths in bits.
    public static let contentEncryptions: [String: Int] = ["A128GCM": 128, "A192GCM": 192, "A256GCM": 256]
    /// The content encryptions ``decrypt(_:with:allowedEncryptions:)`` accepts unless told otherwise, and so the
    /// ones a request advertises in `encrypted_response_enc_values_supported`.
    public static let defaultAllowedEncryptions: Set<String> = ["A128GCM", "A256GCM"]

    /// Encrypts `plaintext` to `recipient` (a P-256 or X25519 public JWK); its `kid` is copied into the header.
    package static func encrypt(
        _ plaintext: [UInt8], to recipient: JWK, enc: String = "A128GCM", apu: [UInt8]? = nil, apv: [UInt8]? = nil
    ) throws(MDLError) -> String {
        guard let bits = contentEncryptions[enc] else { throw MDLError(code: .joseMalformed, message: "enc \(enc) is not supported") }
        let epk: JWK
        let z: [UInt8]
        do {
            switch (recipient.kty, recipient.crv) {
            case ("EC", "P-256"):
                let ephemeral = P256.KeyAgreement.PrivateKey()
                epk = JWK(p256: ephemeral.publicKey)
                z = try ephemeral.sharedSecretFromKeyAgreement(with: try recipient.p256PublicKey()).withUnsafeBytes { Array($0) }
            case ("OKP", "X25519"):
                let ephemeral = Curve25519.KeyAgreement.PrivateKey()
                epk = JWK(x25519: ephemeral.publicKey)
                z = try ephemeral.sharedSecretFromKeyAgreement(with: try recipient.x25519PublicKey()).withUnsafeBytes { Array($0) }
            default: throw MDLError(code: .joseMalformed, message: "JWK \(recipient.kty)/\(recipient.crv) cannot receive ECDH-ES")
            }
        } catch let error as MDLError {
            throw error
        } catch {
            throw MDLError(code: .weakKey, message: "key agreement with the recipient's key failed")
        }
        let header = JOSEHeader(alg: "ECDH-ES", enc: enc, kid: recipient.kid, epk: epk, apu: apu.map(Base64URL.encode), apv: apv.map(Base64URL.encode))
        let protected = try header.encoded()
        let key = ConcatKDF.derive(z: z, keyBitLength: bits, algorithmID: enc, partyUInfo: apu ?? [], partyVInfo: apv ?? [])
        let iv = Array(AES.GCM.Nonce())
        do {
            let sealed = try AES.GCM.seal(plaintext, using: SymmetricKey(data: key), nonce: try AES.GCM.Nonce(data: iv), authenticating: Array(protected.utf8))
            return [protected, "", Base64URL.encode(iv), Base64URL.encode(sealed.ciphertext), Base64URL.encode(sealed.tag)].joined(separator: ".")
        } catch {
            throw MDLError(code: .joseMalformed, message: "AES-GCM sealing failed")
        }
    }

    /// The protected header of a compact JWE, without decrypting (to pick the key by `kid`).
    public static func header(of compact: String) throws(MDLError) -> JOSEHeader {
        let parts = compact.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 5 else { throw MDLError(code: .joseMalformed, message: "a compact JWE has five segments") }
        return try JOSEHeader.decode(parts[0], encrypted: true)
    }

    /// Decrypts a compact JWE with `key`.
    ///
    /// - Throws: `joseMalformed` for a malformed token or an unsupported `alg`/`enc`; `jweDecryptionFailed` when
    ///   the tag does not verify (wrong key, tampered header or ciphertext).
    public static func decrypt(
        _ compact: String, with key: JWEDecryptionKey, allowedEncryptions: Set<String> = defaultAllowedEncryptions
    ) throws(MDLError) -> (header: JOSEHeader, plaintext: [UInt8]) {
        let parts = compact.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 5 else { throw MDLError(code: .joseMalformed, message: "a compact JWE has five segments") }
        let header = try JOSEHeader.decode(parts[0], encrypted: true)
        guard header.alg == "ECDH-ES" else { throw MDLError(code: .joseMalformed, message: "JWE alg \(header.alg) is not ECDH-ES") }
        guard let enc = header.enc, allowedEncryptions.contains(enc), let bits = contentEncryptions[enc] else {
            throw MDLError(code: .joseMalformed, message: "JWE enc is missing or not allowed")
        }
        guard let epk = header.epk else { throw MDLError(code: .joseMalformed, message: "JWE header lacks epk") }
        guard parts[1].isEmpty else { throw MDLError(code: .joseMalformed, message: "ECDH-ES direct has an empty encrypted key") }
        guard let iv = Base64URL.decode(parts[2]), iv.count == 12, let ciphertext = Base64URL.decode(parts[3]),
            let tag = Base64URL.decode(parts[4]), tag.count == 16
        else { throw MDLError(code: .joseMalformed, message: "the JWE IV, ciphertext or tag is malformed") }
        let apu = try header.apu.map(decodeMember) ?? []
        let apv = try header.apv.map(decodeMember) ?? []
        let z = try key.sharedSecret(with: epk)
        let cek = ConcatKDF.derive(z: z, keyBitLength: bits, algorithmID: enc, partyUInfo: apu, partyVInfo: apv)
        do {
            let box = try AES.GCM.SealedBox(nonce: try AES.GCM.Nonce(data: iv), ciphertext: ciphertext, tag: tag)
            let plaintext = try AES.GCM.open(box, using: SymmetricKey(data: cek), authenticating: Array(parts[0].utf8))
            return (header, Array(plaintext))
        } catch {
            throw MDLError(code: .jweDecryptionFailed, message: "the JWE does not decrypt with this key")
        }
    }

    private static func decodeMember(_ text: String) throws(MDLError) -> [UInt8] {
        guard let bytes = Base64URL.decode(text) else { throw MDLError(code: .joseMalformed, message: "apu/apv is not base64url") }
        return bytes
    }
}
