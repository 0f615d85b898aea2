import ArgumentParser
import Foundation
import MDLCBOR
import MDLKit
import MDLSandbox

/// `mdl-rp wallet`: the sandbox holder's wallet.
struct WalletCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wallet",
        abstract: "The sandbox holder's wallet (for demos and tests).",
        subcommands: [WalletPresentCommand.self, WalletDigitalCredentialsCommand.self])
}

/// `mdl-rp wallet present REQUEST_URI_OR_FILE`: fetch, verify, ask the holder, answer.
struct WalletPresentCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "present",
        abstract: "Answer an OpenID4VP request: verify it, ask for consent, post the encrypted response.",
        discussion: """
            REQUEST_URI_OR_FILE: an openid4vp:// URI, an http(s) request_uri, or a file holding the request object \
            (or the URI). The wallet trusts the sandbox registrar and holds the persona's licence from the sandbox \
            issuer. Without --approve or --decline it asks on the terminal. For a file request the response JWE is \
            printed instead of posted.
            Exit status: 0 answered (presented or declined), 1 request refused, 2 usage error.
            """)

    @Argument(help: "openid4vp:// URI, request_uri URL, or file.") var request: String
    @Option(help: "all, or the elements to present (NS/ID, comma-separated).") var approve: String?
    @Flag(help: "Decline the request.") var decline = false
    @Option(help: "The sandbox persona whose licence the wallet holds.") var persona = "clean-c1"

    func validate() throws {
        if approve != nil && decline { throw ValidationError("give --approve or --decline, not both") }
        _ = try scriptedDecision()
    }

    func run() async throws {
        try RequestArgument.requireReadable(request)
        let now = Date()
        let today = Persona.today(at: now)
        guard let holder = Persona.named(persona, today: today, asOf: now) else {
            let known = Persona.all(today: today, asOf: now).map(\.id).joined(separator: ", ")
            throw InputError("unknown persona \(persona); known: \(known)")
        }
        let consent: any ConsentPrompt
        if let decision = try scriptedDecision() {
            consent = ScriptedConsent(decision)
        } else if isatty(STDIN_FILENO) == 1 {
            consent = TerminalConsent()
        } else {
            throw InputError("stdin is not a terminal: give --approve all|NS/ID,... or --decline")
        }
        let wallet = try WellKnownSandbox.wallet(persona: holder, now: now)
        let verifier = RequestVerifier(registrarRoots: [try WellKnownSandbox.registrar(now: now).authority.certificate])
        do {
            let result = try await wallet.respond(to: request, client: CurlHTTPClient(), verifier: verifier, consent: consent, now: now)
            if !(consent is TerminalConsent) { for line in ElementLabels.lines(result.summary) { print(line) } }
            switch result.reply.decision {
            case .decline: print(Terminal.yellow("declined"))
            default: print(Terminal.green("presented: ") + result.reply.presented.map(\.description).joined(separator: ", "))
            }
            if let status = result.httpStatus {
                print("posted to \(result.reply.responseURI): HTTP \(status)")
                if !(200..<300).contains(status) { throw ExitCode(1) }
            } else {
                print(result.reply.jwe)
            }
        } catch let error as MDLError {
            print(Terminal.red("✘ request refused") + ": \(error.code.rawValue) — \(error.message)")
            throw ExitCode(1)
        } catch let error as HTTPClientError {
            throw InputError("could not reach the relying party: \(error)")
        }
    }

    private func scriptedDecision() throws -> ConsentDecision? {
        if decline { return .decline }
        guard let approve else { return nil }
        if approve == "all" { return .approveAll }
        var chosen: Set<ElementReference> = []
        for text in approve.split(separator: ",") {
            guard let element = ElementReference(parsing: String(text).trimmingCharacters(in: .whitespaces)) else {
                throw ValidationError("--approve takes all or NAMESPACE/IDENTIFIER items")
            }
            chosen.insert(element)
        }
        return .approveSubset(chosen)
    }
}

/// Asks the holder on the terminal: all, none, or the numbers of the elements to present.
struct TerminalConsent: ConsentPrompt {
    func decide(_ summary: ConsentSummary) async -> ConsentDecision {
        for line in ElementLabels.lines(summary) { print(line) }
        while true {
            print("present [a]ll, [d]ecline, or numbers (e.g. 1,3,5): ", terminator: "")
            fflush(nil)
            guard let answer = readLine()?.trimmingCharacters(in: .whitespaces).lowercased() else {
                // End of input (Ctrl-D) is no answer: abort without sending anything, not a decline.
                FileHandle.standardError.write(Data("\naborted: end of input, nothing was sent to the relying party\n".utf8))
                exit(2)
            }
            if answer == "a" || answer == "all" { return .approveAll }
            if answer == "d" || answer == "decline" || answer == "n" { return .decline }
            let numbers = answer.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
            if !numbers.isEmpty, numbers.allSatisfy({ (1...summary.elements.count).contains($0) }) {
                return .approveSubset(Set(numbers.map { summary.elements[$0 - 1].element }))
            }
            print("answer a, d, or element numbers between 1 and \(summary.elements.count)")
        }
    }
}
