import Foundation
import MDLVerifier

/// The protected header of a compact JWS or JWE: the members MDLKit writes and checks.
public struct JOSEHeader: Codable, Sendable, Hashable {
    /// The signature or key-management algorithm (`ES256`, `EdDSA`, `ECDH-ES`).
    public var alg: String
    /// The content-encryption algorithm (JWE: `A128GCM`, `A256GCM`).
    public var enc: String?
    /// The media type of the whole object, e.g. `oauth-authz-req+jwt`.
    public var typ: String?
    /// The key identifier.
    public var kid: String?
    /// The signer's certificate chain, standard base64 DER, leaf first.
    public var x5c: [String]?
    /// The sender's ephemeral public key (JWE ECDH-ES).
    public var epk: JWK?
    /// Agreement PartyUInfo, base64url.
    public var apu: String?
    /// Agreement PartyVInfo, base64url.
    public var apv: String?

    /// Creates a header.
    public init(alg: String, enc: String? = nil, typ: String? = nil, kid: String? = nil, x5c: [String]? = nil, epk: JWK? = nil, apu: String? = nil, apv: String? = nil) {
        self.alg = alg
        self.enc = enc
        self.typ = typ
        self.kid = kid
        self.x5c = x5c
        self.epk = epk
        self.apu = apu
        self.apv = apv
    }

    /// The header as compact JSON, base64url-encoded.
    func encoded() throws(MDLError) -> String { Base64URL.encode(try JOSEJSON.encode(self)) }

    /// Reads a header from its base64url segment, refusing a `crit` (and, for a JWE, a `zip`) MDLKit does not
    /// support (see ``JOSEHeaderExtensions``).
    static func decode(_ segment: Substring, encrypted: Bool = false) throws(MDLError) -> JOSEHeader {
        guard let bytes = Base64URL.decode(segment) else { throw MDLError(code: .joseMalformed, message: "the JOSE header is not base64url") }
        let header = try JOSEJSON.decode(JOSEHeader.self, from: bytes, what: "JOSE header")
        try JOSEHeaderExtensions.check(bytes, encrypted: encrypted)
        return header
    }
}

/// JSON for JOSE headers and payloads: compact writing (slashes unescaped, keys sorted), and reading that refuses what two parsers could read
/// differently (a member named twice) before decoding.
package enum JOSEJSON {
    package static func encode(_ value: some Encodable) throws(MDLError) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do { return Array(try encoder.encode(value)) } catch {
            throw MDLError(code: .joseMalformed, message: "could not encode JSON")
        }
    }

    package static func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8], what: String) throws(MDLError) -> T {
        switch JSONDuplicateMembers.find(in: bytes) {
        case .duplicate(let name)?:
            throw MDLError(code: .joseMalformed, message: "the \(what) names the member \"\(name)\" twice")
        case .tooDeep?:
            throw MDLError(code: .joseMalformed, message: "the \(what) nests deeper than \(JSONDuplicateMembers.maximumDepth) levels")
        case .malformed?:
            throw MDLError(code: .joseMalformed, message: "the \(what) is not well-formed JSON")
        case nil:
            break
        }
        do { return try JSONDecoder().decode(type, from: Data(bytes)) } catch {
            throw MDLError(code: .joseMalformed, message: "the \(what) is not the expected JSON")
        }
    }
}
