import Foundation
import MDLCOSE
import MDLVerifier

/// A compact JWS (RFC 7515) as received: the protected header, the payload and the signature, with the signing input
/// kept as the exact received text.
///
/// ```swift
/// let token = try JWS.sign(payload: claims, header: JOSEHeader(alg: "ES256", typ: "oauth-authz-req+jwt"), key: key)
/// let jws = try JWS(compact: token)
/// try jws.verify(with: leafKey, allowedAlgorithms: ["ES256", "EdDSA"])
/// ```
public struct JWS: Sendable {
    /// The decoded protected header.
    public let header: JOSEHeader
    /// The payload bytes.
    public let payload: [UInt8]
    /// The signature bytes.
    public let signature: [UInt8]
    /// `BASE64URL(header) '.' BASE64URL(payload)` exactly as received.
    let signingInput: [UInt8]

    /// Parses a compact JWS; the signature is not checked yet.
    public init(compact: String) throws(MDLError) {
        let parts = compact.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3 else { throw MDLError(code: .joseMalformed, message: "a compact JWS has three segments") }
        header = try JOSEHeader.decode(parts[0])
        guard let payload = Base64URL.decode(parts[1]), let signature = Base64URL.decode(parts[2]) else {
            throw MDLError(code: .joseMalformed, message: "the JWS payload or signature is not base64url")
        }
        self.payload = payload
        self.signature = signature
        signingInput = Array("\(parts[0]).\(parts[1])".utf8)
    }

    /// Signs `payload` with `key`; the header's `alg` is set from the key.
    public static func sign(payload: [UInt8], header: JOSEHeader, key: JWSSigningKey) throws(MDLError) -> String {
        var header = header
        header.alg = key.algorithm
        let input = "\(try header.encoded()).\(Base64URL.encode(payload))"
        return "\(input).\(Base64URL.encode(try key.signature(for: Array(input.utf8))))"
    }

    /// Verifies the signature with `key`.
    ///
    /// - Throws: `jwsSignatureInvalid` when `alg` is not allowed or does not fit the key, or the signature is wrong.
    public func verify(with key: SignerPublicKey, allowedAlgorithms: Set<String> = ["ES256", "EdDSA"]) throws(MDLError) {
        guard allowedAlgorithms.contains(header.alg) else {
            throw MDLError(code: .jwsSignatureInvalid, message: "JWS alg \(header.alg) is not allowed")
        }
        let algorithm: COSEAlgorithm
        switch (header.alg, key) {
        case ("ES256", .p256): algorithm = .es256
        case ("EdDSA", .ed25519), ("Ed25519", .ed25519): algorithm = .edDSA
        case ("ES384", .p384): algorithm = .es384
        case ("ES512", .p521): algorithm = .es512
        default: throw MDLError(code: .jwsSignatureInvalid, message: "JWS alg \(header.alg) does not fit a \(key.curveName) key")
        }
        do {
            try key.coseKey().verify(signature: signature, message: signingInput, algorithm: algorithm)
        } catch {
            throw MDLError(code: .jwsSignatureInvalid, message: "the JWS signature does not verify")
        }
    }
}
