import ArgumentParser
import Foundation
import MDLSandbox

/// `mdl-rp sandbox`: a local issuing authority whose state lives in a directory, for trying the relying-party
/// side against credentials that change (suspended, points deducted, revoked, superseded).
struct SandboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sandbox",
        abstract: "Run and drive the local sandbox issuing authority (state kept in a directory).",
        discussion: "Sandbox keys and personas only: nothing here is a real licence.",
        subcommands: [
            SandboxServeCommand.self, SandboxIssueCommand.self, SandboxSuspendCommand.self, SandboxDeductCommand.self,
            SandboxRevokeCommand.self, SandboxSupersedeCommand.self,
        ])
}

/// `--state DIR` and `--json`, shared by the sandbox subcommands.
struct SandboxOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The sandbox state directory (created when missing).", valueName: "dir")) var state:
        String
    @Flag(help: "Print the result as JSON.") var json = false

    var directory: SandboxDirectory { SandboxDirectory(path: state) }
}
