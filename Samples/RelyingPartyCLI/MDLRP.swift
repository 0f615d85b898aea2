import ArgumentParser
import Foundation
import MDLKit
import MDLSandbox

/// `mdl-rp`: the sample relying-party client of MDLKit.
///
/// Exit status (every subcommand): 0 success (verified, answered), 1 refused (a verification failed, the answer is
/// "no" with a code), 2 usage error or unreadable input.
@main
struct MDLRP: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mdl-rp",
        abstract: "Request, verify and check digital driving licences (ISO 18013-5 mDL) as a relying party.",
        discussion: "Exit status: 0 success, 1 refused, 2 usage error or unreadable input.",
        version: MDLKitVersion.current,
        subcommands: [
            DemoCommand.self, VerifyCommand.self, InspectCommand.self, StatusCommand.self, RequestCommand.self,
            WalletCommand.self, ClassesCommand.self, SandboxCommand.self, QRCommand.self, VICALCommand.self,
        ]
    )

    /// Runs the command, mapping argument errors to exit status 2 as the CLI contract says.
    static func main() async {
        LoggingSetup.bootstrap()
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let exit as ExitCode {
            Foundation.exit(exit.rawValue)
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if code == .success {
                print(message)
                Foundation.exit(0)
            }
            if !message.isEmpty { FileHandle.standardError.write(Data((message + "\n").utf8)) }
            Foundation.exit(code == .validationFailure || error is InputError || error is SandboxStateError ? 2 : code.rawValue == 0 ? 1 : code.rawValue)
        }
    }
}

/// Input that cannot be read: exit status 2.
struct InputError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
