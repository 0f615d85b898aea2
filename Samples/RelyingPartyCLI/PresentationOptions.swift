import ArgumentParser
import Foundation
import MDLCBOR
import MDLKit

/// The verification options of `verify` that other subcommands reading a presentation share (`classes
/// --presentation`): trust anchors, the session transcript, the reader key, the time and the policy.
struct PresentationOptions: ParsableArguments {
    @Option(help: "SessionTranscript file (bytes as the wallet signed them).") var sessionTranscript: String?
    @Option(
        parsing: .upToNextOption,
        help: ArgumentHelp("OpenID4VP 1.0 handover: CLIENT_ID NONCE RESPONSE_URI.", valueName: "value"))
    var openid4vp: [String] = []
    @Option(help: "Base64url RFC 7638 thumbprint of the response-encryption JWK (with --openid4vp).") var jwkThumbprint:
        String?
    @Option(help: "A trusted IACA certificate (PEM); repeat for several.") var trustAnchor: [String] = []
    @Option(help: "The reader's ephemeral private key (PEM, P-256), for DeviceMac.") var readerKey: String?
    @Option(help: "Verification time, RFC 3339 (default: now).") var at: String?
    @Option(help: "strict (ISO 18013-5 profile) or interop (the documented relaxations).") var policy:
        VerifyCommand.PolicyName = .strict

    func validate() throws {
        if !openid4vp.isEmpty && openid4vp.count != 3 {
            throw ValidationError("--openid4vp takes three values: CLIENT_ID NONCE RESPONSE_URI")
        }
        if sessionTranscript != nil && !openid4vp.isEmpty {
            throw ValidationError("give --session-transcript or --openid4vp, not both")
        }
        if jwkThumbprint != nil && openid4vp.isEmpty { throw ValidationError("--jwk-thumbprint needs --openid4vp") }
    }

    /// The verification time, when given.
    func time() throws -> Date? {
        try at.map { text in
            guard let parsed = TDate(rfc3339: text) else {
                throw InputError("--at must be RFC 3339, e.g. 2021-01-01T00:00:00Z")
            }
            return parsed.date
        }
    }

    /// Verifies the presentation in `file` with these options; refusals throw ``MDLError``.
    func verify(_ file: String) async throws -> VerifiedPresentation {
        let bytes = try InputBytes.read(file)
        let anchors = try trustAnchor.flatMap(PEMFiles.anchors)
        let key = try readerKey.map(PEMFiles.readerKey)
        // The classes of a presentation do not depend on its status: skipping is explicit and recorded.
        let configuration = VerifierConfiguration(
            trustAnchors: anchors, policy: policy == .interop ? .interop : .strict,
            status: .skip(reason: "a class question reads the classes only"))
        return try await PresentationVerifier(configuration: configuration)
            .verify(bytes, sessionTranscript: try transcript(), readerKey: key, at: try time())
    }

    private func transcript() throws -> SessionTranscript? {
        if let sessionTranscript {
            do { return try SessionTranscript(bytes: try InputBytes.read(sessionTranscript)) } catch let error
                as MDLError
            {
                throw InputError("--session-transcript: \(error.message)")
            }
        }
        guard openid4vp.count == 3 else { return nil }
        let thumbprint = try jwkThumbprint.map { text -> [UInt8] in
            guard let bytes = Base64URL.decode(text), bytes.count == 32 else {
                throw InputError("--jwk-thumbprint must be base64url of 32 bytes")
            }
            return bytes
        }
        return .openID4VP(
            clientID: openid4vp[0], nonce: openid4vp[1], jwkThumbprint: thumbprint, responseURI: openid4vp[2])
    }
}
