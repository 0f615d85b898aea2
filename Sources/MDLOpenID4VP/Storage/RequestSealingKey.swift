import CMDLSodium
import Foundation
import MDLCOSE
import MDLJOSE
import MDLVerifier

/// The relying party's 32-byte key that seals open requests (their response-decryption private keys) before they
/// reach storage, with libsodium's `crypto_secretbox` (XSalsa20-Poly1305).
///
/// Every instance that shares a store must be configured with the same key. Keep it out of the database (a
/// secret manager, an environment variable, a file readable by the service only).
///
/// ```swift
/// let key = try RequestSealingKey(base64: ProcessInfo.processInfo.environment["MDLKIT_SEALING_KEY"] ?? "")
/// ```
public struct RequestSealingKey: Sendable {
    /// The key length in bytes (`crypto_secretbox_KEYBYTES`).
    public static let byteCount = 32

    let bytes: [UInt8]

    /// A key from its 32 bytes; throws `MDLError.Code.sealingKeyInvalid` for any other length.
    public init(bytes: [UInt8]) throws(MDLError) {
        guard bytes.count == Self.byteCount, Self.byteCount == Int(crypto_secretbox_keybytes()) else {
            throw MDLError(code: .sealingKeyInvalid, message: "a sealing key has \(Self.byteCount) bytes, not \(bytes.count)")
        }
        self.bytes = bytes
    }

    /// A key from standard or URL-safe base64 of its 32 bytes (surrounding whitespace ignored).
    public init(base64: String) throws(MDLError) {
        let text = base64.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let bytes = Data(base64Encoded: text).map({ [UInt8]($0) }) ?? Base64URL.decode(text) else {
            throw MDLError(code: .sealingKeyInvalid, message: "the sealing key is not base64")
        }
        try self.init(bytes: bytes)
    }

    /// A fresh random key (libsodium's generator). Store its ``base64`` where every instance can read it.
    public static func generate() -> RequestSealingKey {
        RequestSealingKey(unchecked: SecureRandom.bytes(count: byteCount))
    }

    private init(unchecked bytes: [UInt8]) { self.bytes = bytes }

    /// The key as standard base64, for writing it to a secret store once.
    public var base64: String { Data(bytes).base64EncodedString() }
}

/// Seals and opens stored requests: seals with the current key, opens with the current key or any retired one
/// (so a key can be rotated while requests sealed with the old one are still open).
///
/// A sealed box is `0x01 ‖ 24-byte random nonce ‖ crypto_secretbox_easy(plaintext)`.
public struct RequestSealer: Sendable {
    /// The key that seals new requests.
    public let key: RequestSealingKey
    /// Earlier keys, still accepted for opening.
    public let retiredKeys: [RequestSealingKey]

    /// Creates a sealer.
    public init(key: RequestSealingKey, retiredKeys: [RequestSealingKey] = []) {
        self.key = key
        self.retiredKeys = retiredKeys
    }

    static let version: UInt8 = 1
    static let sodiumReady: Bool = sodium_init() >= 0

    /// Seals `plaintext` with ``key``.
    public func seal(_ plaintext: [UInt8]) throws(MDLError) -> [UInt8] {
        guard Self.sodiumReady else { throw MDLError(code: .storageFailed, message: "libsodium could not be initialised") }
        let nonce = SecureRandom.bytes(count: Int(crypto_secretbox_noncebytes()))
        var box = [UInt8](repeating: 0, count: plaintext.count + Int(crypto_secretbox_macbytes()))
        let message = plaintext.isEmpty ? [0] : plaintext
        // Arrays convert to the non-null pointers libsodium wants; none is empty (`message` holds a placeholder byte
        // when there is no plaintext, and its length is passed separately).
        let status = crypto_secretbox_easy(&box, message, UInt64(plaintext.count), nonce, key.bytes)
        guard status == 0 else { throw MDLError(code: .storageFailed, message: "sealing failed") }
        return [Self.version] + nonce + box
    }

    /// Opens a box made by ``seal(_:)`` with the current or a retired key; throws
    /// `MDLError.Code.sealedRequestInvalid` when no key opens it (tampered, or sealed with an unknown key).
    public func open(_ sealed: [UInt8]) throws(MDLError) -> [UInt8] {
        guard Self.sodiumReady else { throw MDLError(code: .storageFailed, message: "libsodium could not be initialised") }
        let nonceLength = Int(crypto_secretbox_noncebytes())
        let macLength = Int(crypto_secretbox_macbytes())
        guard sealed.count >= 1 + nonceLength + macLength, sealed[0] == Self.version else {
            throw MDLError(code: .sealedRequestInvalid, message: "a stored request is not a sealed box of version \(Self.version)")
        }
        let nonce = Array(sealed[1..<(1 + nonceLength)])
        let box = Array(sealed[(1 + nonceLength)...])
        for candidate in [key] + retiredKeys {
            var plaintext = [UInt8](repeating: 0, count: max(box.count - macLength, 1))
            let status = crypto_secretbox_open_easy(&plaintext, box, UInt64(box.count), nonce, candidate.bytes)
            if status == 0 { return Array(plaintext.prefix(box.count - macLength)) }
        }
        throw MDLError(code: .sealedRequestInvalid, message: "no configured sealing key opens a stored request")
    }
}
