import Foundation
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `mdl-rp sandbox`: issuing into a state directory, verifying what it issued, status changes, and serving.
struct SandboxCommandTests {
    static let session = ["x509_san_dns:rp.sandbox.example", "sandbox-nonce", "https://rp.sandbox.example/response"]

    @Test func issuedPresentationVerifiesUnderTheStateIACAAcrossRuns() throws {
        let scratch = try Scratch()
        let state = scratch.url("state").path
        for persona in ["clean-c1", "coach-a1"] {
            let out = scratch.url("\(persona).cbor").path
            let issue = try CLIRun.run([
                "sandbox", "issue", "--persona", persona, "--state", state, "--out", out, "--json",
            ])
            #expect(issue.status == 0, "\(issue.stderr)")
            let issued = try issue.json()
            let iaca = try #require(issued["iaca"] as? String)
            #expect(FileManager.default.fileExists(atPath: try #require(issued["credential"] as? String)))
            #expect(FileManager.default.fileExists(atPath: try #require(issued["deviceKey"] as? String)))
            let verify = try CLIRun.run(
                ["verify", out, "--trust-anchor", iaca, "--status", "skip", "--json", "--openid4vp"] + Self.session)
            #expect(verify.status == 0, "\(verify.stdout) \(verify.stderr)")
            #expect(try verify.json()["verified"] as? Bool == true)
            let wrongSession = try CLIRun.run(
                [
                    "verify", out, "--trust-anchor", iaca, "--status", "skip", "--json", "--openid4vp", Self.session[0],
                    "other-nonce", Self.session[2],
                ])
            #expect(wrongSession.status == 1)
        }
        let classes = try CLIRun.run(
            [
                "classes", "--presentation", scratch.url("coach-a1.cbor").path, "--vehicle", "B1", "--trust-anchor",
                "\(state)/iaca.pem",
                "--openid4vp",
            ] + Self.session + ["--json"])
        #expect(classes.status == 0, "\(classes.stdout) \(classes.stderr)")
        #expect(try classes.json()["permitted"] as? Bool == true)
        #expect(try classes.json()["via"] as? String != nil)
        let untrusted = try CLIRun.run(
            ["classes", "--presentation", scratch.url("coach-a1.cbor").path, "--vehicle", "B1", "--openid4vp"]
                + Self.session + ["--json"])
        #expect(untrusted.status == 1)
        let refusal = try untrusted.json()
        #expect(refusal["verified"] as? Bool == false)
        #expect((refusal["error"] as? [String: Any])?["code"] as? String == "certificateUntrusted")
    }

    @Test func statusChangesAreRecordedInTheStateFile() throws {
        let scratch = try Scratch()
        let state = scratch.url("state").path
        #expect(try CLIRun.run(["sandbox", "issue", "--persona", "probationer", "--state", state]).status == 0)
        let suspend = try CLIRun.run(["sandbox", "suspend", "--persona", "probationer", "--state", state, "--json"])
        #expect(suspend.status == 0, "\(suspend.stderr)")
        let suspended = try suspend.json()
        #expect(suspended["status"] as? String == "suspended")
        #expect(suspended["published"] as? Bool == true)
        let deduct = try CLIRun.run([
            "sandbox", "deduct", "--persona", "probationer", "--points", "12", "--state", state, "--json",
        ])
        #expect(try deduct.json()["points"] as? Int == 12)
        let revoke = try CLIRun.run(["sandbox", "revoke", "--persona", "probationer", "--state", state, "--json"])
        #expect(try revoke.json()["status"] as? String == "invalid")
        let file = try Data(contentsOf: URL(fileURLWithPath: state).appendingPathComponent("sandbox.json"))
        let stored = try #require(try JSONSerialization.jsonObject(with: file) as? [String: Any])
        let licence = try #require((stored["licences"] as? [[String: Any]])?.first)
        #expect(licence["status"] as? String == "invalid")
        #expect(
            (licence["changes"] as? [[String: Any]])?.compactMap { $0["action"] as? String } == [
                "suspend", "deduct", "revoke",
            ])
        let unknown = try CLIRun.run(["sandbox", "supersede", "--persona", "coach-a1", "--state", state])
        #expect(unknown.status == 2)
        let badPersona = try CLIRun.run(["sandbox", "issue", "--persona", "nobody", "--state", state])
        #expect(badPersona.status == 2)
    }

    @Test func serveIssuesToAPostedDeviceKey() async throws {
        let scratch = try Scratch()
        let state = scratch.url("state").path
        let server = try ServerProcess(state: state)
        let port = server.port
        defer { server.stop() }
        let base = "http://127.0.0.1:\(port)"
        let health = try await HTTP.get(base + "/health", retryingFor: 10)
        #expect(health.status == 200)
        let pem = try await HTTP.get(base + "/iaca.pem")
        #expect(
            String(decoding: pem.body, as: UTF8.self)
                == (try String(contentsOfFile: "\(state)/iaca.pem", encoding: .utf8)))
        // COSE_Key {1: 1 (OKP), -1: 6 (Ed25519), -2: x}: any 32 bytes serve for issuance.
        let key: [UInt8] = [0xA3, 0x01, 0x01, 0x20, 0x06, 0x21, 0x58, 0x20] + [UInt8](repeating: 7, count: 32)
        // Changing the state is the operator's: without the token printed at start, 401.
        #expect(try await HTTP.post(base + "/licences/clean-c1", body: key).status == 401)
        #expect(try await HTTP.post(base + "/licences/clean-c1", body: key, token: "wrong").status == 401)
        let token = try #require(server.operatorToken)
        let issued = try await HTTP.post(base + "/licences/clean-c1", body: key, token: token)
        #expect(issued.status == 200)
        #expect(issued.body.first.map { $0 & 0xE0 == 0xA0 } == true)  // a CBOR map (IssuerSigned)
        let licences = try await HTTP.get(base + "/licences")
        let list = try #require(try JSONSerialization.jsonObject(with: Data(licences.body)) as? [[String: Any]])
        #expect(list.compactMap { $0["persona"] as? String } == ["clean-c1"])
        let unknown = try await HTTP.post(base + "/licences/nobody", body: key, token: token)
        #expect(unknown.status == 404)
    }
}

/// A long-running `mdl-rp` (e.g. `sandbox serve`) stopped by the test that started it.
final class ServerProcess {
    let scratch: Scratch
    let port: Int
    /// The operator token `serve --json` printed on its first line.
    private(set) var operatorToken: String?

    /// Starts `mdl-rp sandbox serve --json … --port P` on a free-looking port and waits for its first line (the
    /// address); a port already taken makes it exit, and another port is tried.
    init(state: String, attempts: Int = 5) throws {
        guard CLIRun.binaryExists else {
            throw CLITestError("\(CLIRun.binary.path) is missing: run `swift build` first")
        }
        scratch = try Scratch()
        var lastError = "no attempt"
        for _ in 0..<attempts {
            let candidate = 18_000 + Int.random(in: 0..<20_000)
            let out = scratch.url("out-\(candidate)")
            _ = FileManager.default.createFile(atPath: out.path, contents: nil)
            let attempt = Process()
            attempt.executableURL = CLIRun.binary
            attempt.arguments = ["sandbox", "serve", "--state", state, "--port", "\(candidate)", "--json"]
            attempt.standardOutput = try FileHandle(forWritingTo: out)
            attempt.standardError = FileHandle.nullDevice
            try attempt.run()
            let deadline = Date().addingTimeInterval(90)
            while attempt.isRunning && Date() < deadline {
                if let text = try? String(contentsOf: out, encoding: .utf8), text.contains("\"url\""), text.hasSuffix("\n") {
                    self.port = candidate
                    self.running = attempt
                    let first = text.split(separator: "\n").first.map { Data($0.utf8) } ?? Data()
                    operatorToken = (try? JSONSerialization.jsonObject(with: first) as? [String: Any])?["operatorToken"] as? String
                    return
                }
                Thread.sleep(forTimeInterval: 0.05)
            }
            if attempt.isRunning { attempt.terminate() }
            attempt.waitUntilExit()
            lastError = "serve on port \(candidate) exited with status \(attempt.terminationStatus) before listening"
        }
        throw CLITestError(lastError)
    }

    private var running: Process?

    func stop() {
        guard let running else { return }
        if running.isRunning { running.terminate() }
        running.waitUntilExit()
    }
}

/// Minimal loopback HTTP for the tests.
enum HTTP {
    struct Reply {
        let status: Int
        let body: [UInt8]
    }

    static func get(_ url: String, retryingFor seconds: Double = 0) async throws -> Reply {
        let deadline = Date().addingTimeInterval(seconds)
        while true {
            do { return try await send(URLRequest(url: try address(url))) } catch {
                if Date() > deadline { throw error }
                try await Task.sleep(for: .milliseconds(200))
            }
        }
    }

    static func post(_ url: String, body: [UInt8], token: String? = nil) async throws -> Reply {
        var request = URLRequest(url: try address(url))
        request.httpMethod = "POST"
        request.httpBody = Data(body)
        request.setValue("application/cbor", forHTTPHeaderField: "Content-Type")
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        return try await send(request)
    }

    private static func address(_ text: String) throws -> URL {
        guard let url = URL(string: text) else { throw CLITestError("bad URL \(text)") }
        return url
    }

    private static func send(_ request: URLRequest) async throws -> Reply {
        let (data, response) = try await URLSession.shared.data(for: request)
        return Reply(status: (response as? HTTPURLResponse)?.statusCode ?? 0, body: Array(data))
    }
}
