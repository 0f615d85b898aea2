import ArgumentParser
import Foundation
import MDLCBOR
import MDLCOSE
import MDLKit

/// `mdl-rp status`: check a Status List Token and look one licence up in it.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Verify a Token Status List (CWT) and print the status at one index.",
        discussion: """
            --token reads the token from a file (raw CBOR, hex or base64url); --url fetches it from a status service \
            (e.g. the sandbox's http://127.0.0.1:PORT/status/sh). The token must verify with --signer-key (a JWK, a PEM \
            public key or a PEM certificate): signature, typ application/statuslist+cwt, sub (with --uri), iat and exp \
            at --at (default now).
            Exit status: 0 answered, 1 refused (the JSON error code says why), 2 usage error or unreadable input.
            """)

    @Option(help: "The Status List Token file.") var token: String?
    @Option(help: "Fetch the token from this http(s) URL instead of a file.") var url: String?
    @Option(help: "The index to look up.") var index: Int
    @Option(help: "The signer's key: JWK, PEM public key or PEM certificate.") var signerKey: String
    @Option(help: "The status URI the credential references; the token's sub must equal it.") var uri: String?
    @Option(help: "Verification time, RFC 3339 (default: now).") var at: String?
    @Flag(help: "Print the result as JSON.") var json = false

    func validate() throws {
        if (token == nil) == (url == nil) { throw ValidationError("give --token FILE or --url URL (one of them)") }
        if index < 0 { throw ValidationError("--index must not be negative") }
    }

    func run() async throws {
        let time = try at.map { text -> Date in
            guard let parsed = TDate(rfc3339: text) else { throw InputError("--at must be RFC 3339, e.g. 2025-01-01T00:00:00Z") }
            return parsed.date
        } ?? Date()
        let key: SignaturePublicKey
        do { key = try StatusSignerKey.read(try PEMFiles.text(signerKey)) } catch let error as MDLError {
            throw InputError("--signer-key: \(error.message)")
        }
        do {
            let bytes = try await tokenBytes()
            let parsed = try StatusListToken(bytes: bytes)
            try parsed.verify(with: key, subject: uri, at: time)
            let value = try parsed.list.status(at: index)
            print(answer: parsed, value: value)
        } catch let error as MDLError {
            VerificationReport(json: json).failure(error)
            throw ExitCode(1)
        }
    }

    private func tokenBytes() async throws -> [UInt8] {
        if let token { return try InputBytes.read(token) }
        guard let url, let target = URL(string: url) else { throw InputError("--url is not a URL") }
        let head: HTTPRequest
        do { head = try HTTPRequest(checking: target, headerFields: [.accept: StatusListToken.mediaType]) } catch {
            throw InputError("--url is not a URL the client can fetch")
        }
        // The SDK's status check deadline, retries included: a server that never answers or trickles gives
        // statusUnavailable within it, never a wait of connect + transfer timeouts per retry.
        return try await StatusClient.withinDeadline(StatusClient.Configuration().deadline, what: "the status list") {
            () async throws(MDLError) -> [UInt8] in
            do {
                let (response, body) = try await CurlHTTPClient().send(head)
                guard response.status.code == 200 else { throw MDLError.statusUnavailable(.httpStatus(response.status.code)) }
                return body
            } catch let error as MDLError {
                throw error
            } catch let error as HTTPClientError {
                throw MDLError.statusUnavailable(error)
            } catch {
                throw MDLError(code: .statusUnavailable, message: "the status list fetch was cancelled")
            }
        }
    }

    private func print(answer token: StatusListToken, value: StatusList.Value) {
        let result: JSONValue = .object([
            "index": .integer(Int64(index)), "value": .integer(Int64(value.rawValue)), "status": .string(value.description),
            "issuedAt": .string(TDate.format(token.issuedAt)),
            "expiresAt": token.expiresAt.map { .string(TDate.format($0)) } ?? .null,
        ])
        if json {
            JSONOutput.print(result)
        } else {
            let mark = value == .valid ? Terminal.green("✔ ") : Terminal.red("✘ ")
            Swift.print(mark + "index \(index): \(value) (value \(value.rawValue))")
            Swift.print("   list of \(token.list.count) entries, \(token.list.bits) bits; issued \(TDate.format(token.issuedAt))"
                + (token.expiresAt.map { ", expires \(TDate.format($0))" } ?? ""))
        }
    }
}
