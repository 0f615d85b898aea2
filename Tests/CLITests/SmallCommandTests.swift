import Foundation
import Testing

/// `mdl-rp inspect` and the hidden `mdl-rp qr`.
struct SmallCommandTests {
    @Test func inspectShowsDiagnosticNotationOfHexInput() throws {
        let scratch = try Scratch()
        // {"docType": "org.iso.18013.5.1.mDL", "n": [1, -2], "b": h'0102'}
        let hex =
            "a36764" + "6f6354797065" + "756f72672e69736f2e31383031332e352e312e6d444c" + "616e" + "820121" + "6162"
            + "420102"
        let file = try scratch.write(hex + "\n", to: "item.hex")
        let run = try CLIRun.run(["inspect", file, "--json"])
        #expect(run.status == 0, "\(run.stderr)")
        let diagnostic = try #require(try run.json()["diagnostic"] as? String)
        #expect(diagnostic.contains("\"org.iso.18013.5.1.mDL\""))
        #expect(diagnostic.contains("-2"))
        #expect(diagnostic.contains("h'0102'"))
    }

    @Test func inspectRefusesMalformedCBORWithExitOne() throws {
        let scratch = try Scratch()
        let file = try scratch.write("a2616101\n", to: "truncated.hex")
        let run = try CLIRun.run(["inspect", file, "--json"])
        #expect(run.status == 1)
        #expect(((try run.json()["error"] as? [String: Any])?["code"] as? String)?.isEmpty == false)
    }

    /// Issue 18: every refusal has one shape, `{"error": {"code", "message", "document"}, …}`, whatever the
    /// subcommand (here three that refuse for different reasons: bad CBOR, an unknown class, a document that fails).
    @Test func refusalsHaveOneShapeInEverySubcommand() throws {
        let scratch = try Scratch()
        let truncated = try scratch.write("a2616101\n", to: "truncated.hex")
        let notAResponse = try scratch.write("a0\n", to: "empty-map.hex")
        let runs = [
            try CLIRun.run(["inspect", truncated, "--json"]),
            try CLIRun.run(["classes", "--held", "Q9", "--vehicle", "C1", "--on", "2024-01-10", "--json"]),
            try CLIRun.run(["verify", notAResponse, "--status", "skip", "--json"]),
        ]
        for run in runs {
            #expect(run.status == 1, "\(run.stdout) \(run.stderr)")
            let error = try #require(try run.json()["error"] as? [String: Any], "\(run.stdout)")
            #expect(Set(error.keys) == ["code", "message", "document"], "\(run.stdout)")
            #expect((error["code"] as? String)?.isEmpty == false)
            #expect((error["message"] as? String)?.isEmpty == false)
            #expect(error["document"] is NSNull)
        }
    }

    /// A file larger than the hex of the decoder's largest input cannot hold anything the verifier reads: refused
    /// (exit 2, the file named) before seconds of decoding (the attack suite gave a 34 MiB hex file).
    @Test func aFileLargerThanAnyReadableInputIsRefusedBeforeDecoding() throws {
        let scratch = try Scratch()
        let path = scratch.url("huge.hex").path
        let chunk = Data(String(repeating: "a0", count: 1 << 20).utf8)
        FileManager.default.createFile(atPath: path, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        for _ in 0..<17 { handle.write(chunk) }
        try handle.close()
        let run = try CLIRun.run(["verify", path, "--json"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("huge.hex"))
    }

    @Test func qrModulesHaveFinderPatternsAndTheTerminalDrawingMatchesTheirSize() throws {
        let uri = "openid4vp://?client_id=x509_san_dns:rp.example&request_uri=http://127.0.0.1:8080/request/abc"
        let json = try CLIRun.run(["qr", uri, "--json"])
        #expect(json.status == 0, "\(json.stderr)")
        let result = try json.json()
        let rows = try #require(result["modules"] as? [String])
        let size = try #require(result["size"] as? Int)
        #expect(rows.count == size && (size - 17) % 4 == 0 && size >= 21)
        let finder = ["1111111", "1000001", "1011101", "1011101", "1011101", "1000001", "1111111"]
        for (index, pattern) in finder.enumerated() {
            #expect(rows[index].hasPrefix(pattern))  // top left
            #expect(rows[index].hasSuffix(pattern))  // top right
            #expect(rows[size - 7 + index].hasPrefix(pattern))  // bottom left
        }
        let text = try CLIRun.run(["qr", uri])
        let lines = text.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == (size + 4 + 1) / 2)
        #expect(lines.allSatisfy { $0.count == size + 4 })
        #expect(lines.first.map { $0.allSatisfy { $0 == "▄" || $0 == "█" } } == true)  // the light quiet zone
    }
}
