import ArgumentParser
import Foundation
import MDLCBOR
import MDLKit
import MDLSandbox

/// `mdl-rp demo`: every flow end to end against the embedded sandbox.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run the use cases end to end against the embedded sandbox (issuer, wallet, status service).")

    enum UseCase: String, ExpressibleByArgument, CaseIterable { case rental, insurance, employment, all }

    @Argument(help: "Which use case to show: rental, insurance, employment or all.") var useCase: UseCase = .all
    @Flag(help: "Print one JSON object per step instead of text.") var json = false

    func run() async throws {
        let world = try await ProgressLine.run("starting the sandbox (issuers, wallets)", quiet: json) { try await DemoWorld.start() }
        let narrator = Narrator(json: json)
        try await FoundationDemo(world: world, narrator: narrator).run()
        try await RequestDemo(world: world, narrator: narrator).run()
        try await StatusDemo(world: world, narrator: narrator).run()
        try await TrustListDemo(world: world, narrator: narrator).run()
        try await UseCaseDemo(world: world, narrator: narrator).run(useCase)
    }
}

/// Prints demo steps for people (or as JSON lines).
struct Narrator {
    let json: Bool

    func heading(_ text: String) {
        if json { JSONOutput.print(.object(["step": .string(text)])) } else { print("\n" + Terminal.bold("== " + text)) }
    }

    func line(_ text: String) { if !json { print("   " + text) } }

    func outcome(_ ok: Bool, _ text: String, fields: [String: JSONValue] = [:]) {
        if json {
            var object = fields
            object["ok"] = .bool(ok)
            object["result"] = .string(text)
            JSONOutput.print(.object(object))
        } else {
            print("   " + (ok ? Terminal.green("✔ ") : Terminal.red("✘ ")) + text)
        }
    }

    /// A refusal the demo set out to show: in JSON an outcome like any other (`ok: true`, the step went as
    /// planned); for people a ✘, never a ✔ beside a refusal, marked as expected.
    func expectedRefusal(_ text: String, fields: [String: JSONValue] = [:]) {
        if json {
            outcome(true, text, fields: fields)
        } else {
            print("   " + Terminal.red("✘ ") + text + Terminal.green("  (expected)"))
        }
    }
}
