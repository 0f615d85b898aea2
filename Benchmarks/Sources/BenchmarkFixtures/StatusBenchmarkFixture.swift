import Foundation
import MDLKit
import MDLSandbox

/// A presentation whose MSO references entry `index` of an issuer's Token Status List of `entries` entries, the
/// signed token (by the document signer, `x5chain` to the IACA), and a transport that serves it from memory with
/// `Cache-Control: max-age` (so a status check after the first is a hit in the client's cache of verified lists).
public struct StatusBenchmarkFixture: Sendable {
    /// The presentation, verified with status skipped (`.skip`) or checked (`.check`).
    public let presentation: BenchmarkPresentation
    /// The status list token.
    public let token: [UInt8]
    /// The trust anchor (the IACA).
    public let anchor: TrustAnchor
    /// The status URI in the MSO.
    public let uri: String

    /// Issues the licence and signs a list of `entries` entries (2 bits, every 997th suspended; the licence's entry
    /// valid).
    public static func make(_ algorithm: SigningKey.Algorithm, elements: Int, entries: Int) throws -> StatusBenchmarkFixture {
        let uri = "https://status.bench.mdlkit.cn/status/sh"
        let now = Date()
        let authority = try IssuingAuthority(region: .shanghai, keyAlgorithm: algorithm, now: now)
        let reference = MobileSecurityObject.StatusReference(index: 1, uri: uri)
        let presentation = try BenchmarkPresentation.make(algorithm, elements: elements, authority: authority, status: reference, now: now)
        var values = [UInt8](repeating: 0, count: entries)
        for index in stride(from: 0, to: entries, by: 997) { values[index] = 2 }
        let token = try authority.signStatusList(
            values: values, subject: uri, issuedAt: now, expiresAt: now + 86_400, timeToLive: 3_600)
        return StatusBenchmarkFixture(presentation: presentation, token: token, anchor: try authority.iaca.trustAnchor(), uri: uri)
    }

    /// A status client over an in-memory transport serving ``token``.
    public func client() -> StatusClient {
        StatusClient(client: InMemoryStatusServer(token: token))
    }

    /// The presentation's verifier with `status`.
    public func verifier(_ status: StatusCheckPolicy) -> PresentationVerifier {
        PresentationVerifier(configuration: .init(trustAnchors: [anchor], status: status))
    }
}

/// Serves one token from memory, fresh for an hour.
struct InMemoryStatusServer: HTTPClient {
    let token: [UInt8]

    func send(
        _ request: HTTPRequest, body: [UInt8]?, options: HTTPRequestOptions
    ) async throws -> (response: HTTPResponse, body: [UInt8]) {
        var response = HTTPResponse(status: .ok)
        response.headerFields[.cacheControl] = "max-age=3600"
        response.headerFields[.contentType] = "application/statuslist+cwt"
        return (response, token)
    }
}
