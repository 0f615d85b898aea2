import Crypto
import Foundation
import MDLKit
import Testing

/// Our JWS and JWE on their own.
struct JOSETests {
    @Test(arguments: ["ES256", "EdDSA"])
    func jwsRoundTripsAndRefusesTampering(algorithm: String) throws {
        let key: JWSSigningKey = algorithm == "ES256" ? .es256(P256.Signing.PrivateKey()) : .edDSA(Curve25519.Signing.PrivateKey())
        let token = try JWS.sign(payload: Array(#"{"a":1}"#.utf8), header: JOSEHeader(alg: "", typ: "oauth-authz-req+jwt"), key: key)
        let jws = try JWS(compact: token)
        #expect(jws.header.alg == algorithm)
        try jws.verify(with: key.publicKey)
        var parts = token.split(separator: ".").map(String.init)
        parts[1] = Base64URL.encode(Array(#"{"a":2}"#.utf8))
        #expect(throws: MDLError(code: .jwsSignatureInvalid)) { try JWS(compact: parts.joined(separator: ".")).verify(with: key.publicKey) }
        #expect(throws: MDLError(code: .jwsSignatureInvalid)) { try jws.verify(with: key.publicKey, allowedAlgorithms: ["ES384"]) }
        let other: JWSSigningKey = algorithm == "ES256" ? .edDSA(Curve25519.Signing.PrivateKey()) : .es256(P256.Signing.PrivateKey())
        #expect(throws: MDLError(code: .jwsSignatureInvalid)) { try jws.verify(with: other.publicKey) }
    }

    @Test(arguments: ["P-256", "X25519"], ["A128GCM", "A256GCM"])
    func jweRoundTripsAndRefusesTampering(curve: String, enc: String) throws {
        let key: JWEDecryptionKey = curve == "P-256" ? .generateP256() : .x25519(Curve25519.KeyAgreement.PrivateKey())
        let plaintext = Array("{\"vp_token\":{}}".utf8)
        let token = try JWE.encrypt(plaintext, to: key.publicJWK(kid: "k1"), enc: enc, apu: [1, 2], apv: [3])
        let decrypted = try JWE.decrypt(token, with: key)
        #expect(decrypted.plaintext == plaintext)
        #expect(decrypted.header.kid == "k1")
        #expect(decrypted.header.enc == enc)
        var parts = token.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        var ciphertext = try #require(Base64URL.decode(parts[3]))
        ciphertext[0] ^= 1
        parts[3] = Base64URL.encode(ciphertext)
        #expect(throws: MDLError(code: .jweDecryptionFailed)) { try JWE.decrypt(parts.joined(separator: "."), with: key) }
        let stranger: JWEDecryptionKey = curve == "P-256" ? .generateP256() : .x25519(Curve25519.KeyAgreement.PrivateKey())
        #expect(throws: MDLError(code: .jweDecryptionFailed)) { try JWE.decrypt(token, with: stranger) }
        #expect(throws: MDLError(code: .joseMalformed)) { try JWE.decrypt(token, with: key, allowedEncryptions: []) }
    }

    @Test func privateJWKRoundTrips() throws {
        let key = JWEDecryptionKey.generateP256()
        let restored = try JWEDecryptionKey(privateJWK: key.privateJWK(kid: "x"))
        #expect(restored.publicJWK(kid: "x") == key.publicJWK(kid: "x"))
        #expect(try key.publicJWK(kid: "x").thumbprint().count == 32)
    }

    @Test func base64URLRefusesForeignCharacters() {
        #expect(Base64URL.decode("_-8") == [0xFF, 0xEF])
        #expect(Base64URL.decode("a+b/") == nil)
        #expect(Base64URL.encode([0xFF, 0xEF]) == "_-8")
    }
}
