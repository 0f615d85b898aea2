import Crypto
import Foundation
import MDLKit
import Testing

/// JOSE headers that ask for more than MDLKit does are refused, not ignored (issue 14): any `crit` (MDLKit
/// understands no extension, RFC 7515 §4.1.11) in a JWS or JWE, and `zip` in a JWE (RFC 7516 §4.1.3; MDLKit does
/// not decompress). Both `joseMalformed`, before any signature check or decryption.
struct JOSEUnsupportedExtensionTests {
    /// A compact JWS over `header` (JSON text), genuinely signed with `key`.
    static func jws(header: String, key: P256.Signing.PrivateKey) throws -> String {
        let input = "\(Base64URL.encode(Array(header.utf8))).\(Base64URL.encode(Array(#"{"iss":"rp"}"#.utf8)))"
        return "\(input).\(Base64URL.encode(try key.signature(for: Array(input.utf8)).rawRepresentation))"
    }

    @Test(arguments: [
        #"{"alg":"ES256","crit":["exp"],"exp":1}"#, #"{"alg":"ES256","b64":false,"crit":["b64"]}"#,
        #"{"alg":"ES256","crit":[]}"#, #"{"alg":"ES256","crit":"exp"}"#, #"{"alg":"ES256","crit":null}"#,
    ])
    func aJWSWithCritIsRefused(header: String) throws {
        let key = P256.Signing.PrivateKey()
        // Control: the same header without crit parses and verifies.
        let plain = try JWS(compact: try Self.jws(header: #"{"alg":"ES256","exp":1}"#, key: key))
        try plain.verify(with: JWSSigningKey.es256(key).publicKey)
        #expect(throws: MDLError(code: .joseMalformed)) { _ = try JWS(compact: try Self.jws(header: header, key: key)) }
    }

    /// `token` with `members` (JSON members text) added to its protected header.
    static func addingMembers(_ members: String, to token: String) throws -> String {
        var parts = token.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        let headerBytes = try #require(Base64URL.decode(parts[0]))
        let header = try #require(String(bytes: headerBytes, encoding: .utf8))
        parts[0] = Base64URL.encode(Array((String(header.dropLast()) + "," + members + "}").utf8))
        return parts.joined(separator: ".")
    }

    @Test(arguments: [#""zip":"DEF""#, #""crit":["x-ext"],"x-ext":1"#, #""zip":"none""#])
    func aJWEWithZipOrCritIsRefusedBeforeDecryption(members: String) throws {
        let key = JWEDecryptionKey.generateP256()
        let token = try JWE.encrypt(Array(#"{"vp_token":{}}"#.utf8), to: key.publicJWK(kid: "k1"))
        _ = try JWE.decrypt(token, with: key)
        let changed = try Self.addingMembers(members, to: token)
        #expect(throws: MDLError(code: .joseMalformed)) { _ = try JWE.header(of: changed) }
        #expect(throws: MDLError(code: .joseMalformed)) { _ = try JWE.decrypt(changed, with: key) }
    }
}
