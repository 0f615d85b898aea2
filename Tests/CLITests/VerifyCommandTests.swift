import Foundation
import MDLCBOR
import Testing

/// `mdl-rp verify` against the ISO 18013-5 Annex D vector (../shared/vectors) and files `sandbox issue` makes.
struct VerifyCommandTests {
    static func annexD(_ name: String) -> String? { SharedVectors.path("iso18013-5-annex-d/" + name) }

    static func annexDArguments(at time: String?) throws -> [String] {
        guard let response = annexD("device-response.hex"), let transcript = annexD("session-transcript-bytes.hex"),
            let readerKey = annexD("e-reader-key.pem"), let anchor = annexD("iaca-root.pem")
        else { throw CLITestError("Annex D files missing in \(SharedVectors.folder.path)/iso18013-5-annex-d") }
        return [
            "verify", response, "--session-transcript", transcript, "--reader-key", readerKey, "--trust-anchor", anchor,
            "--status", "skip", "--json",
        ] + (time.map { ["--at", $0] } ?? [])
    }

    @Test(.enabled(if: SharedVectors.available, "needs the shared vectors folder ../shared/vectors"))
    func annexDVerifiesAtItsTime() throws {
        let run = try CLIRun.run(try Self.annexDArguments(at: "2021-01-01T00:00:00Z"))
        #expect(run.status == 0, "\(run.stdout) \(run.stderr)")
        let result = try run.json()
        #expect(result["verified"] as? Bool == true)
        let document = try #require((result["documents"] as? [[String: Any]])?.first)
        let iso = (document["issuerSigned"] as? [String: Any])?["org.iso.18013.5.1"] as? [String: Any]
        #expect(iso?["family_name"] as? String == "Doe")
        #expect((document["status"] as? [String: Any])?["checked"] as? Bool == false)
        let portrait = iso?["portrait"] as? [String: Any]
        #expect(portrait?["bytes"] as? Int ?? 0 > 0)
        #expect((portrait?["sha256"] as? String)?.count == 64)
    }

    @Test(.enabled(if: SharedVectors.available, "needs the shared vectors folder ../shared/vectors"))
    func annexDIsRefusedTodayAsExpired() throws {
        let run = try CLIRun.run(try Self.annexDArguments(at: nil))
        #expect(run.status == 1)
        let result = try run.json()
        #expect(result["verified"] as? Bool == false)
        #expect((result["error"] as? [String: Any])?["code"] as? String == "certificateExpired")
    }

    @Test(.enabled(if: SharedVectors.available, "needs the shared vectors folder ../shared/vectors"))
    func portraitGoesToTheFileAndMatchesTheReportedDigest() throws {
        let scratch = try Scratch()
        let portraitPath = scratch.url("portrait.jpg").path
        let run = try CLIRun.run(
            try Self.annexDArguments(at: "2021-01-01T00:00:00Z") + ["--portrait-out", portraitPath])
        #expect(run.status == 0, "\(run.stderr)")
        let document = try #require((try run.json()["documents"] as? [[String: Any]])?.first)
        let iso = (document["issuerSigned"] as? [String: Any])?["org.iso.18013.5.1"] as? [String: Any]
        let reported = try #require(iso?["portrait"] as? [String: Any])
        let written = try Data(contentsOf: URL(fileURLWithPath: portraitPath))
        #expect(written.count == reported["bytes"] as? Int)
        #expect(Array(written.prefix(2)) == [0xFF, 0xD8])
        #expect(try FileDigest.sha256(portraitPath) == reported["sha256"] as? String)
        let hexStart = written.prefix(16).map { String(format: "%02x", $0) }.joined()
        #expect(!run.stdout.contains(hexStart) && !run.stderr.contains(hexStart))
    }

    /// §7: the transcript may be SessionTranscriptBytes (tag 24) or the bare array, here as raw CBOR.
    @Test(.enabled(if: SharedVectors.available, "needs the shared vectors folder ../shared/vectors"))
    func annexDVerifiesWithTheBareTranscriptArrayAsRawCBOR() throws {
        let transcriptPath = try #require(Self.annexD("session-transcript-bytes.hex"))
        let hex = try String(contentsOfFile: transcriptPath, encoding: .utf8)
        let tagged = try CBORDecoder().decode(try #require(Hex.decode(hex.trimmingCharacters(in: .whitespacesAndNewlines))))
        let bare = try #require(tagged.embedded).content
        #expect(bare.first.map { $0 >> 5 } == 4, "the embedded transcript is an array")
        let scratch = try Scratch()
        let file = scratch.url("transcript.cbor")
        try Data(bare).write(to: file)
        var arguments = try Self.annexDArguments(at: "2021-01-01T00:00:00Z")
        let slot = try #require(arguments.firstIndex(of: "--session-transcript")) + 1
        arguments[slot] = file.path
        let run = try CLIRun.run(arguments)
        #expect(run.status == 0, "\(run.stdout) \(run.stderr)")
        #expect(try run.json()["verified"] as? Bool == true)
    }

    @Test func unreadableInputIsAUsageError() throws {
        let run = try CLIRun.run(["verify", "/nonexistent/response.cbor", "--json"])
        #expect(run.status == 2)
    }
}

/// SHA-256 of a file through `sha256sum`, so the test target needs no crypto library.
enum FileDigest {
    static func sha256(_ path: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sha256sum", path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: output, as: UTF8.self).split(separator: " ").first.map(String.init) ?? ""
    }
}
