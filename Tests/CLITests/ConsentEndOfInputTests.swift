import Foundation
import Testing

/// The consent summary: elements carry labels a holder understands, and end of input (Ctrl-D) at the terminal
/// prompt aborts without answering the relying party (no decline is posted).
struct ConsentEndOfInputTests {
    @Test(.enabled(if: WalletConsentTests.available, "needs the built mdl-rp with `wallet present`"))
    func endOfInputAbortsWithoutDecliningAndThePromptShowsLabels() throws {
        let run = try PythonScript.run(WalletConsentTests.script, arguments: [CLIRun.binary.path, "\u{04}", "4"])
        let output = run.stdout.split(separator: "\n").map(String.init)
        #expect(output.contains { $0.hasPrefix("PROMPT-SEEN") }, "\(run.stdout)\n\(run.stderr)")
        #expect(run.stdout.contains("aborted: end of input"))
        #expect(!run.stdout.contains("declined"))
        #expect(output.contains("WALLET-EXIT 2"))
        let results = output.filter { $0.hasPrefix("RESPONSE ") }.compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.dropFirst("RESPONSE ".count).utf8)) as? [String: Any]
        }
        // Nothing was posted: the only outcome is the request's expiry.
        #expect(results.count == 1)
        #expect((results.first?["error"] as? [String: Any])?["code"] as? String == "requestExpired")
    }

    @Test(.enabled(if: WalletConsentTests.available, "needs the built mdl-rp with `wallet present`"))
    func theConsentSummaryLabelsElementsInChineseAndEnglish() throws {
        let run = try PythonScript.run(Self.declineScript, arguments: [CLIRun.binary.path])
        #expect(run.stdout.contains("driving_privileges — 准驾车型 vehicle classes"), "\(run.stdout)\n\(run.stderr)")
        #expect(run.stdout.contains("portrait — 照片 photo"))
        #expect(run.stdout.contains("declined"))
    }

    /// Starts `request --json`, answers it with `wallet present … --decline` and prints the wallet's output.
    static let declineScript = #"""
        import json, subprocess, sys
        binary = sys.argv[1]
        request = subprocess.Popen([binary, "request", "--use-case", "rental", "--listen", "127.0.0.1:0", "--json",
                                    "--timeout", "3"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        first = json.loads(request.stdout.readline())
        wallet = subprocess.run([binary, "wallet", "present", first["authorization_request"], "--decline"],
                                capture_output=True, text=True, timeout=60, env={"NO_COLOR": "1"})
        print(wallet.stdout)
        request.kill()
        request.communicate()
        """#
}
