import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The CLI's rough edges (issue 18 item 4), each through the built binary: exit status 2 at once with one line
/// naming what is wrong.
struct RoughEdgeTests {
    @Test(.enabled(if: CLIRun.binaryExists, "needs the built mdl-rp"))
    func requestOnABusyPortExitsTwoNamingThePort() throws {
        let (descriptor, port) = try Self.listeningSocket()
        defer { close(descriptor) }
        let run = try CLIRun.run(["request", "--use-case", "rental", "--listen", "127.0.0.1:\(port)", "--timeout", "5"], timeout: 20)
        #expect(run.status == 2, "\(run.stdout)\n\(run.stderr)")
        #expect(Self.oneLine(run.stderr).contains("port \(port) is in use"), "\(run.stderr)")
    }

    @Test(.enabled(if: CLIRun.binaryExists, "needs the built mdl-rp"))
    func requestOnAnUnresolvableHostExitsTwoNamingTheHost() throws {
        let run = try CLIRun.run(["request", "--use-case", "rental", "--listen", "no-such-host.invalid:0", "--timeout", "5"], timeout: 30)
        #expect(run.status == 2, "\(run.stdout)\n\(run.stderr)")
        #expect(Self.oneLine(run.stderr).contains("no-such-host.invalid does not resolve"), "\(run.stderr)")
    }

    @Test(.enabled(if: CLIRun.binaryExists, "needs the built mdl-rp"))
    func requestOnAnAddressNotOnThisMachineExitsTwoNamingTheAddress() throws {
        // 192.0.2.1 is TEST-NET-1 (RFC 5737): never an address of this machine.
        let run = try CLIRun.run(["request", "--use-case", "rental", "--listen", "192.0.2.1:0", "--timeout", "5"], timeout: 20)
        #expect(run.status == 2, "\(run.stdout)\n\(run.stderr)")
        #expect(Self.oneLine(run.stderr).contains("192.0.2.1 is not an address of this machine"), "\(run.stderr)")
    }

    @Test(.enabled(if: CLIRun.binaryExists, "needs the built mdl-rp"))
    func sandboxServeOnABusyPortExitsTwoNamingThePort() throws {
        let (descriptor, port) = try Self.listeningSocket()
        defer { close(descriptor) }
        let scratch = try Scratch()
        let run = try CLIRun.run(["sandbox", "serve", "--state", scratch.url("state").path, "--port", "\(port)"], timeout: 60)
        #expect(run.status == 2, "\(run.stdout)\n\(run.stderr)")
        #expect(Self.oneLine(run.stderr).contains("port \(port) is in use"), "\(run.stderr)")
        #expect(!run.stdout.contains("sandbox issuing authority on"))
    }

    @Test(.enabled(if: CLIRun.binaryExists, "needs the built mdl-rp"))
    func walletPresentOnAMissingFileExitsTwoNamingTheFile() throws {
        let scratch = try Scratch()
        let missing = scratch.url("no-request.jws").path
        let run = try CLIRun.run(["wallet", "present", missing, "--decline"], timeout: 30)
        #expect(run.status == 2, "\(run.stdout)\n\(run.stderr)")
        #expect(Self.oneLine(run.stderr).contains("no such file: \(missing)"), "\(run.stderr)")
    }

    /// 124 hex digits in lines of 64: an odd character count with the line break, read as base64 before.
    @Test(.enabled(if: CLIRun.binaryExists, "needs the built mdl-rp"))
    func hexInLinesOfSixtyFourIsReadAsHex() throws {
        let scratch = try Scratch()
        let hex = "783c" + String(repeating: "61", count: 60)  // a text string of 60 "a"
        let wrapped = stride(from: 0, to: hex.count, by: 64).map { start in
            let from = hex.index(hex.startIndex, offsetBy: start)
            return String(hex[from..<(hex.index(from, offsetBy: 64, limitedBy: hex.endIndex) ?? hex.endIndex)])
        }.joined(separator: "\n")
        let run = try CLIRun.run(["inspect", try scratch.write(wrapped + "\n", to: "wrapped.hex"), "--json"])
        #expect(run.status == 0, "\(run.stderr)")
        let diagnostic = try #require(try run.json()["diagnostic"] as? String)
        #expect(diagnostic.contains(String(repeating: "a", count: 60)))
    }

    @Test(.enabled(if: CLIRun.binaryExists, "needs the built mdl-rp"))
    func portraitOutToAnUnwritablePathFailsBeforeAnythingIsPrintedAsVerified() throws {
        let scratch = try Scratch()
        let state = scratch.url("state").path
        let out = scratch.url("clean.cbor").path
        let issue = try CLIRun.run(["sandbox", "issue", "--persona", "clean-c1", "--state", state, "--out", out])
        #expect(issue.status == 0, "\(issue.stderr)")
        let target = scratch.url("no-such-folder/portrait.jpg").path
        for json in [[], ["--json"]] {
            let run = try CLIRun.run(
                ["verify", out, "--trust-anchor", "\(state)/iaca.pem", "--status", "skip", "--portrait-out", target]
                    + json + ["--openid4vp"] + SandboxCommandTests.session)
            #expect(run.status == 2, "\(run.stdout) \(run.stderr)")
            #expect(run.stdout.isEmpty, "\(run.stdout)")
            #expect(Self.oneLine(run.stderr).contains(target), "\(run.stderr)")
        }
    }

    @Test(.enabled(if: CLIRun.binaryExists, "needs the built mdl-rp"))
    func versionIsTheChangelogsLatest() throws {
        let run = try CLIRun.run(["--version"])
        #expect(run.status == 0, "\(run.stderr)")
        let changelog = try String(contentsOf: CLIRun.packageRoot.appendingPathComponent("CHANGELOG.md"), encoding: .utf8)
        let latest = try #require(changelog.split(separator: "\n").first { $0.hasPrefix("## [") && !$0.contains("Unreleased") })
        let version = try #require(latest.split(separator: "]").first?.dropFirst("## [".count))
        #expect(run.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == String(version))
    }

    @Test(.enabled(if: CLIRun.binaryExists, "needs the built mdl-rp"))
    func classesOutputFitsOneHundredColumns() throws {
        for (held, vehicle) in [("C1", "A1"), ("C1", "B1"), ("A1", "C1"), ("C2", "C1"), ("B2", "C6")] {
            let run = try CLIRun.run(["classes", "--held", held, "--vehicle", vehicle])
            #expect(run.status == 0, "\(run.stderr)")
            for line in run.stdout.split(separator: "\n") {
                #expect(Self.columns(String(line)) <= 100, "\(held)→\(vehicle): \(line)")
            }
        }
    }

    /// Terminal columns, CJK ideographs and full-width forms counting two.
    static func columns(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { width, scalar in
            let value = scalar.value
            let wide = (0x2E80...0xA4CF).contains(value) || (0xAC00...0xD7A3).contains(value)
                || (0xF900...0xFAFF).contains(value) || (0xFF00...0xFF60).contains(value) || (0x3000...0x303F).contains(value)
            return width + (scalar.properties.generalCategory == .nonspacingMark ? 0 : wide ? 2 : 1)
        }
    }

    /// A refusal's message names instants in RFC 3339 (`2021-…T…Z`), not Foundation's `2021-… +0000`.
    @Test(.enabled(if: SharedVectors.available, "needs the shared vectors folder ../shared/vectors"))
    func refusalMessagesGiveInstantsInRFC3339() throws {
        let run = try CLIRun.run(try VerifyCommandTests.annexDArguments(at: nil))
        #expect(run.status == 1)
        let message = try #require((try run.json()["error"] as? [String: Any])?["message"] as? String)
        #expect(message.contains(#/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/#), "\(message)")
        #expect(!message.contains("+0000"), "\(message)")
    }

    /// The message, checked to be a single line.
    static func oneLine(_ text: String) -> String {
        let lines = text.split(separator: "\n")
        return lines.count == 1 ? String(lines[0]) : "(\(lines.count) lines) " + text
    }

    /// A socket listening on 127.0.0.1 at a port the system picks.
    static func listeningSocket() throws -> (Int32, Int) {
        #if canImport(Glibc)
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let descriptor = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard descriptor >= 0 else { throw CLITestError("no socket") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) == 0 && listen(descriptor, 4) == 0
                && getsockname(descriptor, $0, &length) == 0 }
        }
        guard bound else {
            close(descriptor)
            throw CLITestError("cannot listen on 127.0.0.1")
        }
        return (descriptor, Int(UInt16(bigEndian: address.sin_port)))
    }
}
