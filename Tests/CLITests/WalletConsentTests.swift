import Foundation
import Testing

/// `mdl-rp request` + `mdl-rp wallet present` with the holder answering the consent prompt on a pseudo-terminal
/// (python3's `pty` module drives the terminal). Skipped only when the built binary is missing.
struct WalletConsentTests {
    static var available: Bool {
        guard CLIRun.binaryExists, let help = try? CLIRun.run(["--help"]),
            help.stdout.split(separator: "\n").contains(where: {
                $0.trimmingCharacters(in: .whitespaces).hasPrefix("wallet ")
            })
        else { return false }
        return true
    }

    @Test(.enabled(if: WalletConsentTests.available, "needs the built mdl-rp with `wallet present`"))
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

    @Test(.enabled(if: WalletConsentTests.available, "needs the built mdl-rp with `wallet present`"))
    func holderDeclinesAtThePrompt() throws {
        let run = try PythonScript.run(Self.script, arguments: [CLIRun.binary.path, "d", "12"])
        let output = lines(run)
        #expect(output.contains { $0.hasPrefix("PROMPT-SEEN") }, "\(run.stdout)\n\(run.stderr)")
        #expect(!run.stdout.contains("presented:"))
        // The wallet's POST of access_denied is answered and printed at once. A decline proves nothing about who
        // sent it, so the request stays open for the holder until --timeout, then the RP reports the timeout (exit 1).
        #expect(output.contains("WALLET-EXIT 0"))
        let results = output.filter { $0.hasPrefix("RESPONSE ") }.compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.dropFirst("RESPONSE ".count).utf8)) as? [String: Any]
        }
        #expect(results.count == 2)
        #expect(results.first?["verified"] as? Bool == false)
        #expect((results.first?["error"] as? [String: Any])?["code"] as? String == "holderDeclined")
        #expect((results.last?["error"] as? [String: Any])?["code"] as? String == "requestExpired")
        #expect(output.contains("REQUEST-EXIT 1"))
    }

    private func lines(_ run: CLIRun) -> [String] { run.stdout.split(separator: "\n").map(String.init) }

    /// Starts `request --json`, runs `wallet present` on a pseudo-terminal (python3's standard `pty` module), answers the prompt with argv[2], and
    /// prints what it saw as tagged lines.
    static let script = #"""
        import json, os, pty, re, select, subprocess, sys, time
        binary, answer = sys.argv[1], sys.argv[2]
        timeout = sys.argv[3] if len(sys.argv) > 3 else "60"
        request = subprocess.Popen([binary, "request", "--use-case", "rental", "--listen", "127.0.0.1:0", "--json",
                                    "--timeout", timeout], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        first = json.loads(request.stdout.readline())
        pid, fd = pty.fork()
        if pid == 0:
            os.execve(binary, [binary, "wallet", "present", first["authorization_request"]],
                      {"NO_COLOR": "1", "PATH": "/usr/bin:/bin", "TERM": "dumb"})

        def read_until(pattern, timeout=60):
            seen, deadline = "", time.time() + timeout
            while True:
                match = re.search(pattern, seen) if pattern else None
                if match:
                    return seen, match
                ready, _, _ = select.select([fd], [], [], max(0.0, deadline - time.time()))
                if not ready:
                    print("TIMEOUT " + repr(seen))
                    sys.exit(3)
                try:
                    data = os.read(fd, 4096)
                except OSError:  # the terminal's other side closed: end of output
                    data = b""
                if not data:
                    return seen, None
                seen += data.decode("utf-8", "replace")

        before, prompt = read_until(r"present \[a\]ll, \[d\]ecline")
        if prompt is None:
            print("NO-PROMPT " + repr(before))
            sys.exit(3)
        print("PROMPT-SEEN")
        for match in re.finditer(r"^\s*\d+\. (\S+)", before[:prompt.start()], re.M):
            print("OFFERED " + match.group(1))
        os.write(fd, (answer + "\n").encode())
        rest, _ = read_until(None)
        print(rest.replace("\r", ""))
        _, status = os.waitpid(pid, 0)
        print("WALLET-EXIT %s" % os.waitstatus_to_exitcode(status))
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
