import Foundation
import MDLVerifier

/// A web origin a relying party serves pages from (`https://host[:port]`, as the browser serializes it), the value
/// the Digital Credentials API reports to the wallet and the transcript binds.
///
/// Origins compare as text, exactly (OpenID4VP 1.0 Appendix A: "simple string comparison"), so only the
/// serialized form is accepted: lower-case scheme and host, no path, query, fragment or user info, no default port.
/// `http` is accepted only on loopback (`localhost`, `127.0.0.1`, `[::1]`), where browsers treat a page as a secure
/// context: local development and the sandbox.
///
/// ```swift
/// let origin = try WebOrigin("https://rent.example.cn")
/// ```
public struct WebOrigin: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The serialized origin, e.g. `https://rent.example.cn`.
    public let serialized: String

    /// Validates `text` as a serialized origin; throws `requestInvalid` otherwise.
    public init(_ text: String) throws(MDLError) {
        guard let components = URLComponents(string: text), let scheme = components.scheme, let host = components.host, !host.isEmpty,
            components.path.isEmpty, components.query == nil, components.fragment == nil, components.user == nil, components.password == nil
        else {
            throw MDLError(code: .requestInvalid, message: "an origin is scheme://host[:port], nothing more")
        }
        guard scheme == "https" || (scheme == "http" && Self.loopbackHosts.contains(host)) else {
            throw MDLError(code: .requestInvalid, message: "an origin must be https (http only on loopback)")
        }
        let port = components.port.map { ":\($0)" } ?? ""
        let serialized = "\(scheme)://\(host)\(port)"
        guard serialized == text, text == text.lowercased() || host.hasPrefix("[") else {
            throw MDLError(code: .requestInvalid, message: "an origin must be given in its serialized form")
        }
        if (scheme == "https" && components.port == 443) || (scheme == "http" && components.port == 80) {
            throw MDLError(code: .requestInvalid, message: "a serialized origin leaves out the default port")
        }
        self.serialized = serialized
    }

    /// The hosts on which `http` origins are accepted.
    public static let loopbackHosts: Set<String> = ["localhost", "127.0.0.1", "[::1]", "::1"]

    /// Whether the origin is on loopback.
    public var isLoopback: Bool { URLComponents(string: serialized)?.host.map { Self.loopbackHosts.contains($0) } ?? false }

    public var description: String { serialized }
}
