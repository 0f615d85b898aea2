import Crypto
import Foundation
import MDLCOSE
import MDLJOSE
import MDLVerifier
import SwiftASN1
import X509

/// Reads a status signer's public key as relying parties receive it: a JWK, a PEM `PUBLIC KEY`, or a PEM
/// `CERTIFICATE` (its subject key).
///
/// ```swift
/// let key = try StatusSignerKey.read(String(decoding: fileData, as: UTF8.self))
/// try token.verify(with: key, subject: uri, at: Date())
/// ```
public enum StatusSignerKey {
    /// The key in `text`.
    /// - Throws: `MDLError.Code.structureInvalid` when `text` is none of the three forms or holds an unsupported
    ///   key; `MDLError.Code.weakKey` for an unusable point.
    public static func read(_ text: String) throws(MDLError) -> SignaturePublicKey {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.hasPrefix("{") { return try JWK(json: Array(trimmed.utf8)).signaturePublicKey() }
        let publicKey: Certificate.PublicKey
        do {
            if trimmed.contains("-----BEGIN CERTIFICATE-----") {
                publicKey = try Certificate(pemEncoded: trimmed).publicKey
            } else if trimmed.contains("-----BEGIN PUBLIC KEY-----") {
                publicKey = try Certificate.PublicKey(pemEncoded: trimmed)
            } else {
                throw MDLError(code: .structureInvalid, message: "the signer key is neither a JWK nor a PEM public key or certificate")
            }
        } catch let error as MDLError {
            throw error
        } catch {
            throw MDLError(code: .structureInvalid, message: "the PEM signer key does not parse")
        }
        do {
            if let key = Curve25519.Signing.PublicKey(publicKey) {
                return try SignaturePublicKey(ed25519RawRepresentation: Array(key.rawRepresentation))
            }
            if let key = P256.Signing.PublicKey(publicKey) { return .p256(key) }
            if let key = P384.Signing.PublicKey(publicKey) { return .p384(key) }
            if let key = P521.Signing.PublicKey(publicKey) { return .p521(key) }
        } catch {
            throw MDLError(code: .weakKey, message: "the signer's Ed25519 key is unusable")
        }
        throw MDLError(code: .structureInvalid, message: "the signer key is not Ed25519, P-256, P-384 or P-521")
    }
}
