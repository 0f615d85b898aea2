import ArgumentParser
import Foundation
import MDLCBOR
import MDLKit
import MDLSandbox

/// `mdl-rp wallet dc-api --origin ORIGIN`: the sandbox wallet behind the Digital Credentials API. Reads the
/// `navigator.credentials.get` argument on standard input (one line, as `mdl-rp request --dc-api` prints it),
/// checks it for the origin the browser reports, and prints the credential the browser hands back to the page.
struct WalletDigitalCredentialsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dc-api",
        abstract: "Answer a Digital Credentials API request read on standard input; print the credential line.",
        discussion: """
            Standard input: one line {"digital": {"requests": [{"protocol", "data"}]}} (other members are ignored). \
            --origin is the origin the browser reports for the page that asked. Output: one line \
            {"protocol", "data": {...}}, what navigator.credentials.get resolves to. The wallet trusts the sandbox \
            registrar and holds the persona's licence from the sandbox issuer.
            Exit status: 0 answered, 1 request refused, 2 usage error.
            """)

    @Option(help: "The origin the browser reports for the requesting page.") var origin: String
    @Option(help: "all, or the elements to present (NS/ID, comma-separated).") var approve: String = "all"
    @Flag(help: "Decline the request (OpenID4VP: access_denied).") var decline = false
    @Option(help: "The sandbox persona whose licence the wallet holds.") var persona = "clean-c1"

    func run() async throws {
        let now = Date()
        let today = FullDate(daysSinceEpoch: Int((now.timeIntervalSince1970 / 86_400).rounded(.down)))
        guard let holder = Persona.named(persona, today: today, asOf: now) else { throw InputError("unknown persona \(persona)") }
        guard let line = readLine(strippingNewline: true) else { throw InputError("end of input before the request line") }
        let decision = try decision()
        let wallet = try WellKnownSandbox.wallet(persona: holder, now: now)
        let verifier = RequestVerifier(registrarRoots: [try WellKnownSandbox.registrar(now: now).authority.certificate])
        do {
            let request = try await verifier.verifyDigitalCredentials(Array(line.utf8), origin: origin, at: now)
            print(try wallet.answer(request, decision: decision).json())
        } catch let error as MDLError {
            FileHandle.standardError.write(Data("request refused: \(error.code.rawValue) — \(error.message)\n".utf8))
            throw ExitCode(1)
        }
    }

    private func decision() throws -> ConsentDecision {
        if decline { return .decline }
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
