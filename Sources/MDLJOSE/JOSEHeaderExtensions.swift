import Foundation
import MDLVerifier

/// The JOSE header members that ask a recipient for more than MDLKit does, refused rather than ignored.
///
/// - `crit` (RFC 7515 §4.1.11, RFC 7516 §4.1.13) lists extensions the recipient must understand or refuse the
///   object. MDLKit understands no extension (not `b64`, RFC 7797, nor any other), so any `crit` is refused, and a
///   malformed one (not a non-empty array of names) too.
/// - `zip` (RFC 7516 §4.1.3) says a JWE's plaintext is compressed. MDLKit does not decompress (a decompression
///   bomb, and nothing in OpenID4VP needs it), so a JWE with `zip` is refused.
///
/// Both are ``MDLError/Code/joseMalformed``.
enum JOSEHeaderExtensions {
    private struct Members: Decodable {
        let hasCritical: Bool
        let hasCompression: Bool

        private enum Keys: String, CodingKey {
            case crit, zip
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: Keys.self)
            hasCritical = container.contains(.crit)
            hasCompression = container.contains(.zip)
        }
    }

    /// Refuses the header JSON `bytes` when it carries `crit`, or `zip` in a JWE (`encrypted`).
    static func check(_ bytes: [UInt8], encrypted: Bool) throws(MDLError) {
        let members = try JOSEJSON.decode(Members.self, from: bytes, what: "JOSE header")
        if members.hasCritical {
            throw MDLError(
                code: .joseMalformed, message: "the JOSE header marks extensions critical (crit); MDLKit understands none")
        }
        if encrypted && members.hasCompression {
            throw MDLError(code: .joseMalformed, message: "the JWE is compressed (zip); MDLKit does not decompress")
        }
    }
}
