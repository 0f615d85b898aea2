import Foundation
import Testing

/// `mdl-rp request` + `mdl-rp wallet present` with the holder answering the consent prompt on a pseudo-terminal
/// (python3 `pexpect` drives the terminal). Skipped when the binary has no `wallet present` or pexpect is missing.
struct WalletConsentTests {
    static var available: Bool {
        guard CLIRun.binaryExists, let help = try? CLIRun.run(["--help"]),
            help.stdout.split(separator: "\n").contains(where: {
                $0.trimmingCharacters(in: .whitespaces).hasPrefix("wallet ")
            })
        else { return false }
        return (try? PythonScript.run("import pexpect", arguments: []).status) == 0
    }

    @Test(.enabled(if: WalletConsentTests.available, "needs `mdl-rp wallet present` and python3 with pexpect"))
    func holderChoosesElementsAtThePromptAndTheRelyingPartyVerifiesOnlyThose() throws {
        let run = try PythonScript.run(Self.script, arguments: [CLIRun.binary.path, "1,6"])
        #expect(run.status == 0, "\(run.stdout)\n\(run.stderr)")
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("PROMPT-SEEN") })
        #expect(lines.contains("WALLET-EXIT 0"))
        #expect(lines.contains("REQUEST-EXIT 0"))
        let result = try #require(
            lines.first { $0.hasPrefix("RESPONSE ") }.map { String($0.dropFirst("RESPONSE ".count)) })
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.utf8)) as? [String: Any])
        #expect(object["verified"] as? Bool == true)
        let document = try #require((object["documents"] as? [[String: Any]])?.first)
        let issuerSigned = try #require(document["issuerSigned"] as? [String: [String: Any]])
        let disclosed = issuerSigned.flatMap { nameSpace, elements in elements.keys.map { "\(nameSpace)/\($0)" } }
            .sorted()
        let offered = lines.filter { $0.hasPrefix("OFFERED ") }.map { String($0.dropFirst("OFFERED ".count)) }
        #expect(offered.count >= 6)
        #expect(disclosed == [offered[0], offered[5]].sorted())
    }

    @Test(.enabled(if: WalletConsentTests.available, "needs `mdl-rp wallet present` and python3 with pexpect"))
    func holderDeclinesAtThePrompt() throws {
        let run = try PythonScript.run(Self.script, arguments: [CLIRun.binary.path, "d"])
        let output = lines(run)
        #expect(output.contains { $0.hasPrefix("PROMPT-SEEN") }, "\(run.stdout)\n\(run.stderr)")
        #expect(!run.stdout.contains("presented:"))
        // The relying party records the refusal (exit 1). The wallet's own exit status is not asserted: at the time
        // of writing the RP exits before answering the declining POST ("Empty reply from server", wallet exit 2).
        let result = try #require(
            output.first { $0.hasPrefix("RESPONSE ") }.map { String($0.dropFirst("RESPONSE ".count)) })
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.utf8)) as? [String: Any])
        #expect(object["verified"] as? Bool == false)
        #expect((object["error"] as? [String: Any])?["code"] as? String == "holderDeclined")
        #expect(output.contains("REQUEST-EXIT 1"))
    }

    private func lines(_ run: CLIRun) -> [String] { run.stdout.split(separator: "\n").map(String.init) }

    /// Starts `request --json`, runs `wallet present` on a pseudo-terminal, answers the prompt with argv[2], and
    /// prints what it saw as tagged lines.
    static let script = #"""
        import json, re, subprocess, sys, pexpect
        binary, answer = sys.argv[1], sys.argv[2]
        request = subprocess.Popen([binary, "request", "--use-case", "rental", "--listen", "127.0.0.1:0", "--json",
                                    "--timeout", "60"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        first = json.loads(request.stdout.readline())
        wallet = pexpect.spawn(binary, ["wallet", "present", first["authorization_request"]], encoding="utf-8",
                               timeout=60, env={"NO_COLOR": "1", "PATH": "/usr/bin:/bin", "TERM": "dumb"})
        wallet.expect(r"present \[a\]ll, \[d\]ecline")
        print("PROMPT-SEEN")
        for match in re.finditer(r"^\s*\d+\. (\S+)", wallet.before, re.M):
            print("OFFERED " + match.group(1))
        wallet.sendline(answer)
        wallet.expect(pexpect.EOF)
        print(wallet.before.replace("\r", ""))
        wallet.close()
        print("WALLET-EXIT %s" % wallet.exitstatus)
        try:
            out, err = request.communicate(timeout=70)
        except subprocess.TimeoutExpired:
            request.kill()
            out, err = request.communicate()
        for line in out.splitlines():
            if line.startswith("{"):
                print("RESPONSE " + line)
        print("REQUEST-EXIT %s" % request.returncode)
        """#
}

/// Runs a python3 script with arguments and captures its output.
enum PythonScript {
    static func run(_ source: String, arguments: [String]) throws -> CLIRun {
        let scratch = try Scratch()
        let script = try scratch.write(source, to: "script.py")
        let out = scratch.url("out")
        let err = scratch.url("err")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script] + arguments
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return CLIRun(
            status: process.terminationStatus,
            stdout: String(decoding: (try? Data(contentsOf: out)) ?? Data(), as: UTF8.self),
            stderr: String(decoding: (try? Data(contentsOf: err)) ?? Data(), as: UTF8.self))
    }
}
