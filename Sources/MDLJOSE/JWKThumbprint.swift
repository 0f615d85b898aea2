import Crypto
import Foundation
import MDLVerifier

/// RFC 7638 JWK thumbprints: SHA-256 over the JWK's required members, in lexicographic order, without whitespace.
///
/// OpenID4VP 1.0 puts the thumbprint of the response-encryption key into the SessionTranscript's handover.
///
/// ```swift
/// let thumbprint = try JWKThumbprint.sha256(of: ["kty": "EC", "crv": "P-256", "x": x, "y": y])
/// ```
public enum JWKThumbprint {
    /// The SHA-256 thumbprint of a JWK given as its members (extra members such as `kid` or `alg` are ignored).
    public static func sha256(of jwk: [String: String]) throws(MDLError) -> [UInt8] {
        guard let keyType = jwk["kty"] else { throw MDLError.structure("a JWK needs kty") }
        let required: [String]
        switch keyType {
        case "EC": required = ["crv", "kty", "x", "y"]
        case "OKP": required = ["crv", "kty", "x"]
        case "RSA": required = ["e", "kty", "n"]
        case "oct": required = ["k", "kty"]
        default: throw MDLError.structure("JWK kty \(keyType) is not supported")
        }
        var members: [String] = []
        for name in required {
            guard let value = jwk[name] else { throw MDLError.structure("the JWK lacks \(name)") }
            members.append("\"\(name)\":\"\(value)\"")
        }
        let canonical = "{" + members.joined(separator: ",") + "}"
        return Array(SHA256.hash(data: Array(canonical.utf8)))
    }

    /// The SHA-256 thumbprint of a JWK given as JSON text.
    public static func sha256(ofJSON json: [UInt8]) throws(MDLError) -> [UInt8] {
        guard let object = try? JSONSerialization.jsonObject(with: Data(json)) as? [String: Any] else {
            throw MDLError.structure("the JWK is not a JSON object")
        }
        return try sha256(of: object.compactMapValues { $0 as? String })
    }
}
