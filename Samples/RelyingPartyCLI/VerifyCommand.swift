import ArgumentParser
import Crypto
import Foundation
import MDLCBOR
import MDLKit

/// `mdl-rp verify RESPONSE`: the verification contract of ARCHITECTURE section 7.
struct VerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Verify a DeviceResponse: issuer signature and chain, MSO, digests, device binding, status.",
        discussion: """
            RESPONSE and --session-transcript may be raw CBOR, hex text or base64url text. The transcript may be \
            SessionTranscriptBytes (tag 24) or the bare array; --openid4vp builds the OpenID4VP 1.0 transcript instead.
            Exit status: 0 verified, 1 refused (the JSON error code says why), 2 usage error or unreadable input.
            """)

    @Argument(help: "The DeviceResponse file.") var response: String
    @Option(help: "SessionTranscript file (bytes as the wallet signed them).") var sessionTranscript: String?
    @Option(parsing: .upToNextOption, help: ArgumentHelp("OpenID4VP 1.0 handover: CLIENT_ID NONCE RESPONSE_URI.", valueName: "value"))
    var openid4vp: [String] = []
    @Option(help: "Base64url RFC 7638 thumbprint of the response-encryption JWK (with --openid4vp).") var jwkThumbprint: String?
    @Option(help: "A trusted IACA certificate (PEM); repeat for several.") var trustAnchor: [String] = []
    @Option(help: "A VICAL trust list (COSE_Sign1) whose IACAs to trust.") var vical: String?
    @Option(help: "The anchor (PEM) the VICAL signer must chain to.") var vicalSignerAnchor: String?
    @Option(help: "The reader's ephemeral private key (PEM, P-256), for DeviceMac.") var readerKey: String?
    @Option(help: "Verification time, RFC 3339 (default: now).") var at: String?
    @Option(help: "strict (ISO 18013-5 profile) or interop (the documented relaxations).") var policy: PolicyName = .strict
    @Option(help: "check (fetch the status list, fail closed) or skip.") var status: StatusMode = .check
    @Flag(help: "Print the result as JSON.") var json = false
    @Option(help: "Write the disclosed portrait's bytes to this file (they are never printed).") var portraitOut: String?

    enum PolicyName: String, ExpressibleByArgument, CaseIterable { case strict, interop }
    enum StatusMode: String, ExpressibleByArgument, CaseIterable { case check, skip }

    func validate() throws {
        if !openid4vp.isEmpty && openid4vp.count != 3 {
            throw ValidationError("--openid4vp takes three values: CLIENT_ID NONCE RESPONSE_URI")
        }
        if sessionTranscript != nil && !openid4vp.isEmpty {
            throw ValidationError("give --session-transcript or --openid4vp, not both")
        }
        if jwkThumbprint != nil && openid4vp.isEmpty { throw ValidationError("--jwk-thumbprint needs --openid4vp") }
        if (vical == nil) != (vicalSignerAnchor == nil) { throw ValidationError("--vical and --vical-signer-anchor go together") }
    }

    func run() async throws {
        let bytes = try InputBytes.read(response)
        if let portraitOut { try PortraitFile.checkWritable(portraitOut) }
        let transcript = try readTranscript()
        let time = try at.map { text -> Date in
            guard let parsed = TDate(rfc3339: text) else { throw InputError("--at must be RFC 3339, e.g. 2021-01-01T00:00:00Z") }
            return parsed.date
        }
        var anchors = try trustAnchor.flatMap(PEMFiles.anchors)
        let key = try readerKey.map(PEMFiles.readerKey)
        let report = VerificationReport(json: json, statusMode: status)
        do {
            // A refused VICAL is a refusal (exit 1, its code in the JSON), not a usage error.
            if let vical, let vicalSignerAnchor {
                anchors += try await VICALAnchors.load(vical: vical, signerAnchor: vicalSignerAnchor, at: time ?? Date())
            }
            let configuration = VerifierConfiguration(
                trustAnchors: anchors, policy: policy == .interop ? .interop : .strict, status: StatusCheck.policy(status))
            let verifier = PresentationVerifier(configuration: configuration)
            let presentation = try await verifier.verify(bytes, sessionTranscript: transcript, readerKey: key, at: time)
            let statuses = presentation.documents.map { StatusCheck.json(for: $0, mode: status) }
            // The portrait is written before anything is printed as verified: a failed write prints no success.
            if let portraitOut { try PortraitFile.write(from: presentation, to: portraitOut) }
            report.success(presentation, statuses: statuses)
        } catch let error as MDLError {
            report.failure(error)
            throw ExitCode(1)
        }
    }

    private func readTranscript() throws -> SessionTranscript? {
        if let sessionTranscript {
            do { return try SessionTranscript(bytes: try InputBytes.read(sessionTranscript)) } catch let error as MDLError {
                throw InputError("--session-transcript: \(error.message)")
            }
        }
        guard openid4vp.count == 3 else { return nil }
        let thumbprint = try jwkThumbprint.map { text -> [UInt8] in
            guard let bytes = LenientBase64.decode(text), bytes.count == 32 else { throw InputError("--jwk-thumbprint must be base64url of 32 bytes") }
            return bytes
        }
        return .openID4VP(clientID: openid4vp[0], nonce: openid4vp[1], jwkThumbprint: thumbprint, responseURI: openid4vp[2])
    }
}
