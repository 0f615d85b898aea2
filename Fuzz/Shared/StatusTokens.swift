// Status list tokens for the harnesses: a token signed by a sandbox document signer with a chosen `x5chain`, and a
// status client that "fetches" given bytes (an in-process HTTPClient: the harness fuzzes what arrives, not libcurl).

import Foundation
import MDLCOSE
import MDLKit
import MDLSandbox

/// The status list URI the harnesses' tokens are for.
let fuzzStatusURI = "https://status.sandbox.mdlkit.cn/lists/1"

/// An HTTPClient that answers every request with `body`.
struct FixedBodyClient: HTTPClient {
    let body: [UInt8]
    func send(
        _ request: HTTPRequest, body _: [UInt8]?, options _: HTTPRequestOptions
    ) async throws -> (response: HTTPResponse, body: [UInt8]) {
        (HTTPResponse(status: .ok, headerFields: [.contentType: "application/statuslist+cwt"]), body)
    }
}

/// A token over a small list, signed by `authority`'s document signer, carrying `x5chain`.
func statusToken(by authority: IssuingAuthority, x5chain: [[UInt8]]? = nil) throws -> [UInt8] {
    let signer = authority.documentSigner
    let algorithm: COSEAlgorithm = signer.signingKey.algorithm == .ed25519 ? .edDSA : .es256
    return try StatusListToken.sign(
        list: try StatusList(bits: 2, values: [0, 1, 2, 3, 0, 0, 0, 0]), subject: fuzzStatusURI, issuedAt: fuzzNow,
        expiresAt: fuzzNow.addingTimeInterval(86_400), timeToLive: 300, algorithm: algorithm,
        x5chain: x5chain ?? signer.x5chain, signer: { try signer.signingKey.signature(for: $0) })
}

/// The status at `index` of the token `bytes`, trusted as signed under `anchor`; the error code on refusal.
func checkStatus(_ bytes: [UInt8], index: UInt64, anchor: TrustAnchor) async -> String? {
    let client = StatusClient(client: FixedBodyClient(body: bytes), now: { fuzzNow })
    do throws(MDLError) {
        _ = try await client.status(
            for: .init(index: index, uri: fuzzStatusURI), trust: .issuer([anchor]))
        return nil
    } catch {
        return error.code.rawValue
    }
}
