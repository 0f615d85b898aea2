import Foundation
import Testing

/// `mdl-rp request --dc-api PROTOCOL --origin ORIGIN --json` against `mdl-rp wallet dc-api`, as ARCHITECTURE §7 fixes
/// the browser flow: the first line is the `navigator.credentials.get` argument plus "state", one credential line is
/// read on standard input, one result line printed.
struct DigitalCredentialsCommandTests {
    static let origin = "https://rental.sandbox.mdlkit.cn"

    @Test(arguments: ["openid4vp-v1-signed", "openid4vp-v1-unsigned", "org-iso-mdoc"])
    func sandboxWalletAnswerVerifies(_ exchangeProtocol: String) throws {
        let session = try DigitalCredentialsProcess(["--use-case", "rental", "--dc-api", exchangeProtocol, "--origin", Self.origin, "--json", "--timeout", "60"])
        defer { session.stop() }
        let (firstText, first) = try session.firstLine()
        let requests = try #require((first["digital"] as? [String: Any])?["requests"] as? [[String: Any]])
        #expect(requests.first?["protocol"] as? String == exchangeProtocol)
        let state = try #require(first["state"] as? String)
        let wallet = try CLIRun.run(["wallet", "dc-api", "--origin", Self.origin, "--approve", "all"], input: firstText + "\n")
        #expect(wallet.status == 0, "\(wallet.stderr)")
        try session.send(wallet.stdout)
        #expect(try session.wait(seconds: 60) == 0)
        let result = try #require(try session.lines().last)
        #expect(result["verified"] as? Bool == true)
        #expect(result["state"] as? String == state)
    }

    @Test func answerBoundToAnotherOriginIsRefused() throws {
        let session = try DigitalCredentialsProcess(["--use-case", "rental", "--dc-api", "openid4vp-v1-unsigned", "--origin", Self.origin, "--json", "--timeout", "60"])
        defer { session.stop() }
        let (firstText, _) = try session.firstLine()
        let wallet = try CLIRun.run(["wallet", "dc-api", "--origin", "https://phish.example"], input: firstText + "\n")
        try session.send(wallet.stdout)
        #expect(try session.wait(seconds: 60) == 1)
        let result = try #require(try session.lines().last)
        #expect((result["error"] as? [String: Any])?["code"] as? String == "deviceSignatureInvalid")
    }

    @Test func walletRefusesAnAnnexCRequestRelayedFromAnotherOrigin() throws {
        let session = try DigitalCredentialsProcess(["--use-case", "rental", "--dc-api", "org-iso-mdoc", "--origin", Self.origin, "--json", "--timeout", "60"])
        defer { session.stop() }
        let (firstText, _) = try session.firstLine()
        let wallet = try CLIRun.run(["wallet", "dc-api", "--origin", "https://phish.example"], input: firstText + "\n")
        #expect(wallet.status == 1)
        #expect(wallet.stderr.contains("readerSignatureInvalid"))
    }

    @Test func noCredentialByTheTimeoutIsRequestExpired() throws {
        let session = try DigitalCredentialsProcess(["--use-case", "rental", "--dc-api", "org-iso-mdoc", "--origin", Self.origin, "--json", "--timeout", "1"])
        defer { session.stop() }
        _ = try session.firstLine()
        #expect(try session.wait(seconds: 30) == 1)
        #expect(((try session.lines().last)?["error"] as? [String: Any])?["code"] as? String == "requestExpired")
    }

    @Test func junkLineIsARefusalAndEndOfInputIsUsage() throws {
        let junk = try DigitalCredentialsProcess(["--use-case", "rental", "--dc-api", "openid4vp-v1-signed", "--origin", Self.origin, "--json"])
        defer { junk.stop() }
        _ = try junk.firstLine()
        try junk.send("{\"protocol\":\"openid4vp-v1-signed\",\"data\":{\"response\":\"not-a-jwe\"}}\n")
        #expect(try junk.wait(seconds: 60) == 1)
        #expect(((try junk.lines().last)?["error"] as? [String: Any])?["code"] as? String == "joseMalformed")
        let empty = try CLIRun.run(["request", "--use-case", "rental", "--dc-api", "org-iso-mdoc", "--origin", Self.origin, "--json"], input: "")
        #expect(empty.status == 2)
        let badOrigin = try CLIRun.run(["request", "--use-case", "rental", "--dc-api", "org-iso-mdoc", "--origin", "http://rent.example.cn", "--json"], input: "")
        #expect(badOrigin.status == 2)
    }
}

/// A running `mdl-rp request --dc-api`, standard input a pipe, standard output in a file.
final class DigitalCredentialsProcess {
    private let scratch: Scratch
    private let process = Process()
    private let out: URL
    private let input = Pipe()

    init(_ arguments: [String]) throws {
        guard CLIRun.binaryExists else { throw CLITestError("\(CLIRun.binary.path) is missing: run `swift build` first") }
        scratch = try Scratch()
        out = scratch.url("stdout")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        process.executableURL = CLIRun.binary
        process.arguments = ["request"] + arguments
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = FileHandle.nullDevice
        process.standardInput = input
        try process.run()
    }

    /// The first line, as text and parsed, waiting up to 60 s.
    func firstLine() throws -> (String, [String: Any]) {
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            let text = String(decoding: (try? Data(contentsOf: out)) ?? Data(), as: UTF8.self)
            if let newline = text.firstIndex(of: "\n") {
                let line = String(text[..<newline])
                guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { break }
                return (line, object)
            }
            guard process.isRunning else { break }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw CLITestError("mdl-rp request --dc-api printed no first line")
    }

    func send(_ text: String) throws { try input.fileHandleForWriting.write(contentsOf: Data(text.utf8)) }

    func lines() throws -> [[String: Any]] {
        let text = String(decoding: (try? Data(contentsOf: out)) ?? Data(), as: UTF8.self)
        return text.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    }

    func wait(seconds: Double) throws -> Int32 {
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning {
            guard Date() < deadline else { throw CLITestError("mdl-rp request did not exit within \(Int(seconds)) s") }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return process.terminationStatus
    }

    func stop() {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
    }
}
