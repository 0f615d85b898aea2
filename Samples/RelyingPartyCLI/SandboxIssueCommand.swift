import ArgumentParser
import Foundation
import MDLCBOR
import MDLKit
import MDLSandbox

/// `mdl-rp sandbox issue`: issues a persona's licence into a wallet kept in the state directory.
struct SandboxIssueCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "issue",
        abstract: "Issue a persona's licence to a wallet in DIR (credential + device key); print the IACA's PEM path.",
        discussion: """
            Personas: clean-c1, probationer, twelve-points, coach-a1, expired, superseded.
            With --out, also writes a DeviceResponse disclosing every element, device-signed for the OpenID4VP \
            session given by --openid4vp (default: x509_san_dns:rp.sandbox.example sandbox-nonce \
            https://rp.sandbox.example/response), to try `mdl-rp verify` on.
            """)

    @Option(help: "The persona to issue to.") var persona: String
    @OptionGroup var options: SandboxOptions
    @Option(help: "Also write a presentation (DeviceResponse, raw CBOR) to this file.") var out: String?
    @Option(
        parsing: .upToNextOption,
        help: ArgumentHelp("The presentation's session: CLIENT_ID NONCE RESPONSE_URI.", valueName: "value"))
    var openid4vp: [String] = []
    @Option(help: "The wallet's device key: ed25519 or p256.") var deviceKey: DeviceKeyName = .ed25519

    enum DeviceKeyName: String, ExpressibleByArgument, CaseIterable { case ed25519, p256 }

    static let defaultSession = [
        "x509_san_dns:rp.sandbox.example", "sandbox-nonce", "https://rp.sandbox.example/response",
    ]

    func validate() throws {
        if !openid4vp.isEmpty && openid4vp.count != 3 {
            throw ValidationError("--openid4vp takes three values: CLIENT_ID NONCE RESPONSE_URI")
        }
        if !openid4vp.isEmpty && out == nil { throw ValidationError("--openid4vp needs --out") }
    }

    func run() async throws {
        let directory = options.directory
        let now = Date()
        var (state, authority) = try directory.openAuthority(now: now)
        var wallet = HolderWallet(deviceKeyAlgorithm: deviceKey == .p256 ? .p256 : .ed25519)
        let (credential, licence) = try SandboxIssuance.issue(
            personaID: persona, deviceKey: wallet.deviceCOSEKey, state: &state, authority: authority, now: now)
        wallet.store(credential)
        let folder = directory.walletURL(licence.persona)
        let credentialURL = folder.appendingPathComponent("credential.cbor")
        let keyURL = folder.appendingPathComponent("device.key")
        try directory.write(CBOREncoder.encode(credential.issuerSigned(selecting: nil).cbor), to: credentialURL)
        try directory.write(Array(Hex.encode(wallet.deviceKey.rawRepresentation).utf8), to: keyURL, secret: true)
        let walletInfo: JSONValue = .object([
            "persona": .string(licence.persona), "docType": .string(credential.docType),
            "credential": .string("credential.cbor"),
            "deviceKey": .string("device.key"), "deviceKeyAlgorithm": .string(wallet.deviceKey.algorithm.rawValue),
        ])
        try directory.write(Array(walletInfo.serialized.utf8), to: folder.appendingPathComponent("wallet.json"))
        try directory.save(state)

        var result: [String: JSONValue] = [
            "persona": .string(licence.persona), "statusIndex": .integer(Int64(licence.statusIndex)),
            "status": .string(licence.status), "points": .integer(Int64(licence.points)),
            "credential": .string(credentialURL.path), "deviceKey": .string(keyURL.path),
            "iaca": .string(directory.iacaPEMPath),
            "statusListURI": .string(state.statusListURI),
        ]
        if let out {
            let session = openid4vp.isEmpty ? Self.defaultSession : openid4vp
            let transcript = SessionTranscript.openID4VP(
                clientID: session[0], nonce: session[1], jwkThumbprint: nil, responseURI: session[2])
            let response = try wallet.present(elements: nil, transcript: transcript)
            try directory.write(response.encoded, to: URL(fileURLWithPath: out))
            result["response"] = .string(out)
            result["openid4vp"] = .array(session.map(JSONValue.string))
        }
        if options.json {
            JSONOutput.print(.object(result))
            return
        }
        print("issued \(licence.persona) (status-list index \(licence.statusIndex), \(licence.status))")
        print("  credential:  \(credentialURL.path)")
        print("  device key:  \(keyURL.path)")
        if let out {
            let session = openid4vp.isEmpty ? Self.defaultSession : openid4vp
            print("  response:    \(out)  (session --openid4vp \(session.joined(separator: " ")))")
        }
        print("trust anchor (IACA): \(directory.iacaPEMPath)")
    }
}
