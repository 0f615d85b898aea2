import Foundation
import Testing

/// `sandbox serve` publishes the status list its licences reference: a change made with `suspend` or `revoke`
/// is what `verify --status check` sees on its next check, and a re-issue keeps the status.
struct SandboxStatusServiceTests {
    @Test(.enabled(if: CLIRun.binaryExists, "needs the built mdl-rp"))
    func suspendAndRevokeShowOnTheNextCheckAndReissueKeepsTheStatus() throws {
        let scratch = try Scratch()
        let state = scratch.url("state").path
        let server = try ServerProcess(state: state)
        defer { server.stop() }
        let out = scratch.url("clean.cbor").path
        func issue() throws {
            let run = try CLIRun.run(["sandbox", "issue", "--persona", "clean-c1", "--state", state, "--out", out, "--json"])
            #expect(run.status == 0, "\(run.stderr)")
        }
        func verify() throws -> CLIRun {
            try CLIRun.run(
                ["verify", out, "--trust-anchor", "\(state)/iaca.pem", "--status", "check", "--json", "--openid4vp"]
                    + SandboxCommandTests.session)
        }
        try issue()
        let valid = try verify()
        #expect(valid.status == 0, "\(valid.stdout) \(valid.stderr)")
        #expect(try valid.json()["verified"] as? Bool == true)
        let human = try CLIRun.run(
            ["verify", out, "--trust-anchor", "\(state)/iaca.pem", "--openid4vp"] + SandboxCommandTests.session)
        #expect(human.stdout.contains("status:      valid (index "), "\(human.stdout)")
        #expect(!human.stdout.contains("{\"checked\""))
        let skipped = try CLIRun.run(
            ["verify", out, "--trust-anchor", "\(state)/iaca.pem", "--status", "skip", "--openid4vp"]
                + SandboxCommandTests.session)
        #expect(skipped.stdout.contains("status:      not checked (--status skip)"), "\(skipped.stdout)")

        #expect(try CLIRun.run(["sandbox", "suspend", "--persona", "clean-c1", "--state", state]).status == 0)
        let suspended = try verify()
        #expect(suspended.status == 1, "\(suspended.stdout) \(suspended.stderr)")
        #expect((try suspended.json()["error"] as? [String: Any])?["code"] as? String == "statusSuspended")
        let refusedHuman = try CLIRun.run(
            ["verify", out, "--trust-anchor", "\(state)/iaca.pem", "--openid4vp"] + SandboxCommandTests.session)
        #expect(refusedHuman.stdout.contains("refused: statusSuspended"), "\(refusedHuman.stdout)")
        #expect(!refusedHuman.stdout.contains("✔"))

        // A new credential for the suspended persona keeps the suspension.
        try issue()
        let reissued = try verify()
        #expect((try reissued.json()["error"] as? [String: Any])?["code"] as? String == "statusSuspended")

        #expect(try CLIRun.run(["sandbox", "revoke", "--persona", "clean-c1", "--state", state]).status == 0)
        let revoked = try verify()
        #expect((try revoked.json()["error"] as? [String: Any])?["code"] as? String == "statusRevoked")
    }
}
