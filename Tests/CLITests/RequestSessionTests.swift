import Foundation
import Testing

/// `mdl-rp request` under junk POSTs and unauthenticated declines: neither ends the session; the holder's
/// device-signed response that follows is verified and the command exits 0 (issue 20).
struct RequestSessionTests {
    @Test func junkPostsAndADeclineDoNotEndTheSessionAndTheHonestWalletCompletes() async throws {
        let session = try RequestProcess(["--use-case", "rental", "--listen", "127.0.0.1:0", "--json", "--timeout", "60"])
        defer { session.stop() }
        let first = try session.firstLine()
        let state = try #require(first["state"] as? String)
        let requestURI = try #require(first["request_uri"] as? String)
        let responseURI = requestURI.replacingOccurrences(of: "/request/", with: "/response/")
        let marker = try #require(requestURI.range(of: "/request/"))
        let base = String(requestURI[..<marker.lowerBound])

        // The old shared endpoint and an unknown id name no request: 404, nothing printed, nothing counted.
        #expect(try await HTTP.post(base + "/response", body: Array("junk-13-bytes".utf8)).status == 404)
        #expect(try await HTTP.post(base + "/response/unknown", body: Array("response=x".utf8)).status == 404)
        // Junk to the request's own response_uri: 400, reported with the request's state, not counted.
        #expect(try await HTTP.post(responseURI, body: Array("junk-13-bytes".utf8)).status == 400)
        // A decline proves nothing about its sender (anyone can encrypt one to the published key): not counted.
        let decline = try CLIRun.run(["wallet", "present", try #require(first["authorization_request"] as? String), "--decline"])
        #expect(decline.status == 0, "\(decline.stdout) \(decline.stderr)")
        let present = try CLIRun.run([
            "wallet", "present", try #require(first["authorization_request"] as? String), "--approve", "all",
        ])
        #expect(present.status == 0, "\(present.stdout) \(present.stderr)")

        let status = try session.wait(seconds: 60)
        let lines = try session.lines()
        #expect(status == 0, "\(lines)")
        #expect(lines.count == 4)
        #expect(lines.dropFirst().allSatisfy { $0["state"] as? String == state })
        #expect(lines.count > 1 && (lines[1]["error"] as? [String: Any])?["code"] as? String == "joseMalformed")
        #expect(lines.count > 2 && (lines[2]["error"] as? [String: Any])?["code"] as? String == "holderDeclined")
        #expect(lines.last?["verified"] as? Bool == true)
    }
}

extension RequestSessionTests {
    /// A flood of junk at the request's own response_uri: the first 16 are printed, the rest not; the honest
    /// wallet still completes.
    @Test func aFloodOfJunkIsPrintedOnlyUpToTheBound() async throws {
        let session = try RequestProcess(["--use-case", "rental", "--listen", "127.0.0.1:0", "--json", "--timeout", "60"])
        defer { session.stop() }
        let first = try session.firstLine()
        let requestURI = try #require(first["request_uri"] as? String)
        let responseURI = requestURI.replacingOccurrences(of: "/request/", with: "/response/")
        for _ in 0..<40 { #expect(try await HTTP.post(responseURI, body: Array("response=junk".utf8)).status == 400) }
        let present = try CLIRun.run([
            "wallet", "present", try #require(first["authorization_request"] as? String), "--approve", "all",
        ])
        #expect(present.status == 0, "\(present.stdout) \(present.stderr)")
        #expect(try session.wait(seconds: 60) == 0)
        let lines = try session.lines()
        #expect(lines.count == 1 + 16 + 1)
        #expect(lines.last?["verified"] as? Bool == true)
    }
}

/// A running `mdl-rp request`, its standard output in a file.
final class RequestProcess {
    private let scratch: Scratch
    private let process = Process()
    private let out: URL

    init(_ arguments: [String]) throws {
        guard CLIRun.binaryExists else { throw CLITestError("\(CLIRun.binary.path) is missing: run `swift build` first") }
        scratch = try Scratch()
        out = scratch.url("stdout")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        process.executableURL = CLIRun.binary
        process.arguments = ["request"] + arguments
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
    }

    /// The first JSON line (the authorization request), waiting up to 60 s for it.
    func firstLine() throws -> [String: Any] {
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            if let first = try lines().first { return first }
            guard process.isRunning else { break }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw CLITestError("mdl-rp request printed no first line")
    }

    /// The complete JSON lines printed so far.
    func lines() throws -> [[String: Any]] {
        let text = String(decoding: (try? Data(contentsOf: out)) ?? Data(), as: UTF8.self)
        return text.split(separator: "\n", omittingEmptySubsequences: true).filter { $0.hasPrefix("{") && $0.hasSuffix("}") }
            .compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    }

    /// Waits for the exit status.
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
