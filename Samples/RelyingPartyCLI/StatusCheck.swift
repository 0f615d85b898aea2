import Foundation
import MDLCBOR
import MDLKit

/// The `status` member of `verify --json`: fetches the Token Status List the MSO references (libcurl), trusts it
/// when its `x5chain` leads to the IACA that anchors the document's signer, and fails closed.
enum StatusCheck {
    /// The status of `document` at `time`.
    ///
    /// The token's signer must chain to the very anchor that validated the document's signer
    /// (`document.issuerAnchor`, compared as a certificate), never to another trusted IACA with the same name.
    /// - Parameters:
    ///   - anchors: the anchors the verifier trusted; when given, the document's anchor must be one of them.
    ///   - client: the status client (default: libcurl, fail closed).
    /// - Throws: `MDLError` `statusUnavailable` when the status cannot be established, the token checks' codes, and
    ///   `statusRevoked` / `statusSuspended` / `statusSuperseded` when the list says so.
    static func run(
        for document: VerifiedDocument, mode: VerifyCommand.StatusMode, at time: Date, anchors: [TrustAnchor] = [],
        client: StatusClient? = nil
    ) async throws -> JSONValue {
        guard mode == .check else { return .object(["checked": .bool(false)]) }
        guard let reference = document.statusReference else { return .null }
        let issuer = document.issuerAnchor
        guard anchors.isEmpty || anchors.contains(where: { $0.certificate == issuer.certificate }) else {
            throw MDLError(code: .statusUnavailable, message: "the document's IACA is not among the trusted anchors to check the status signer against")
        }
        let statusClient = client ?? StatusClient(now: { time })
        let result = try await statusClient.status(for: reference, trust: .issuer(of: document))
        if let refusal = result.refusal { throw refusal }
        return json(result, uri: reference.uri)
    }

    /// The JSON form of a status result.
    static func json(_ result: LicenseStatusResult, uri: String) -> JSONValue {
        let (seconds, _) = result.age.components
        return .object([
            "checked": .bool(true), "index": .integer(Int64(result.index)), "uri": .string(uri),
            "value": .integer(Int64(result.value.rawValue)), "status": .string(result.value.description),
            "issuedAt": .string(TDate.format(result.asOf)),
            "expiresAt": result.expiresAt.map { .string(TDate.format($0)) } ?? .null,
            "ageSeconds": .integer(seconds), "degraded": .bool(result.degraded),
        ])
    }
}
