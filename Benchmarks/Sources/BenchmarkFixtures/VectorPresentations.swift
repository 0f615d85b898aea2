import Foundation
import MDLKit

/// The documents of `../shared/vectors` that carry a device signature, prepared for timing: auth0's example mdoc
/// and the EU reference wallet's mDL over OpenID4VP 1.0 (both verified under `.interop`, as their issuers need).
/// ISO 18013-5 Annex D is left out: it authenticates the device with a MAC, so it has no second signature.
public enum VectorPresentations {
    /// The prepared documents found under `folder` (empty when the folder is absent).
    public static func all(in folder: URL) throws -> [BenchmarkPresentation] {
        guard FileManager.default.fileExists(atPath: folder.path) else { return [] }
        return [try auth0(folder), try euReference(folder)]
    }

    static func auth0(_ folder: URL) throws -> BenchmarkPresentation {
        let base = folder.appendingPathComponent("auth0-mdl-example1")
        return try .external(
            name: "auth0 example (ES256)", bytes: try hex(base.appendingPathComponent("device-response.hex")),
            transcript: try SessionTranscript(bytes: try hex(base.appendingPathComponent("session-transcript-bytes.hex"))),
            anchor: try TrustAnchor(pemEncoded: try text(base.appendingPathComponent("issuer.pem"))), policy: .interop,
            time: try date("2026-11-25T00:00:00Z"))
    }

    static func euReference(_ folder: URL) throws -> BenchmarkPresentation {
        let base = folder.appendingPathComponent("eudi-mdl-openid4vp")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: base.appendingPathComponent("openid4vp-handover.json"))) as? [String: Any] ?? [:]
        let jwkData = try JSONSerialization.data(withJSONObject: json["response_encryption_jwk"] as? [String: Any] ?? [:])
        let jwk = try JSONDecoder().decode(JWK.self, from: jwkData)
        let transcript = SessionTranscript.openID4VP(
            clientID: json["client_id"] as? String ?? "", nonce: json["nonce"] as? String ?? "",
            jwkThumbprint: try jwk.thumbprint(), responseURI: json["response_uri"] as? String ?? "")
        return try .external(
            name: "EU reference mDL (ES256)", bytes: try base64URL(base.appendingPathComponent("device-response.b64u")),
            transcript: transcript,
            anchor: try TrustAnchor(pemEncoded: try text(base.appendingPathComponent("iaca-pid-issuer-ca-ut-02.pem"))), policy: .interop,
            time: try date(json["verification_time"] as? String ?? ""))
    }

    static func text(_ url: URL) throws -> String { try String(contentsOf: url, encoding: .utf8) }

    static func hex(_ url: URL) throws -> [UInt8] {
        guard let bytes = Hex.decode(try text(url).filter { !$0.isWhitespace }) else { throw FixtureError("\(url.lastPathComponent) is not hex") }
        return bytes
    }

    static func base64URL(_ url: URL) throws -> [UInt8] {
        guard let bytes = Base64URL.decode(try text(url).trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw FixtureError("\(url.lastPathComponent) is not base64url")
        }
        return bytes
    }

    static func date(_ text: String) throws -> Date {
        guard let date = TDate(rfc3339: text)?.date else { throw FixtureError("\(text) is not an RFC 3339 time") }
        return date
    }
}
