import Foundation
import MDLCBOR
import MDLCOSE
import Testing

/// `mdl-rp vical` and `mdl-rp verify --vical … --vical-signer-anchor …` on the AAMVA's real VICAL
/// (../shared/vectors/aamva-vical).
@Suite(.enabled(if: SharedVectors.available, Comment(rawValue: SharedVectors.skipMessage)))
struct VICALCommandTests {
    /// After the list's date (2025-11-18T18:38:12Z), before its nextUpdate (one day later).
    static let listTime = "2025-11-18T20:00:00Z"

    static func vector(_ name: String) throws -> String {
        guard let path = SharedVectors.path("aamva-vical/" + name) else {
            throw CLITestError("\(name) is missing in \(SharedVectors.folder.path)/aamva-vical")
        }
        return path
    }

    static func vical(_ file: String, extra: [String] = []) throws -> CLIRun {
        try CLIRun.run(
            ["vical", file, "--signer-anchor", try vector("aamva-dts-root-ca.pem"), "--json"] + extra)
    }

    static func errorCode(_ run: CLIRun) throws -> String? {
        (try run.json()["error"] as? [String: Any])?["code"] as? String
    }

    @Test func theAAMVAListVerifiesAndListsFourteenIACAs() throws {
        let run = try Self.vical(try Self.vector("vical-2025-11-18.cbor"), extra: ["--at", Self.listTime])
        #expect(run.status == 0, "\(run.stdout) \(run.stderr)")
        let result = try run.json()
        #expect(result["verified"] as? Bool == true)
        #expect(result["provider"] as? String == "AAMVA")
        #expect(result["issueID"] as? Int == 227_602)
        #expect(result["date"] as? String == "2025-11-18T18:38:12Z")
        #expect(result["nextUpdate"] as? String == "2025-11-19T18:38:12Z")
        #expect((result["signerChain"] as? [String])?.first?.contains("Vical-Signer-01") == true)
        let iacas = try #require(result["iacas"] as? [[String: Any]])
        #expect(iacas.count == 14)
        #expect(iacas.allSatisfy { $0["country"] as? String == "US" && $0["usable"] as? Bool == true })
        #expect(iacas.allSatisfy { $0["docTypes"] as? [String] == ["org.iso.18013.5.1.mDL"] })
        let states = Set(iacas.compactMap { $0["state"] as? String })
        #expect(states == ["US-MD", "US-UT", "US-VA", "US-CO", "US-GA", "AK", "US-ND", "US-AZ", "US-MT"])
    }

    @Test func theHumanOutputNamesTheIssueAndEveryState() throws {
        let run = try CLIRun.run([
            "vical", try Self.vector("vical-2025-11-18.cbor"), "--signer-anchor", try Self.vector("aamva-dts-root-ca.pem"),
            "--at", Self.listTime,
        ])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("#227602"))
        #expect(run.stdout.contains("14 IACAs"))
        for state in ["US-MD", "US-CO", "AK", "US-MT"] { #expect(run.stdout.contains(state)) }
    }

    @Test func aFlippedPayloadByteIsRefused() throws {
        var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: try Self.vector("vical-2025-11-18.cbor"))))
        let payload = try #require(try COSESign1(try CBORDecoder().decode(bytes)).payload)
        let start = try #require(Self.offset(of: Array(payload.prefix(32)), in: bytes))
        bytes[start + payload.count / 2] ^= 0x01
        let scratch = try Scratch()
        let flipped = scratch.url("flipped.cbor")
        try Data(bytes).write(to: flipped)

        let run = try Self.vical(flipped.path, extra: ["--at", Self.listTime])
        #expect(run.status == 1, "\(run.stdout) \(run.stderr)")
        #expect(try Self.errorCode(run) == "trustListSignatureInvalid")

        // verify refuses the same list with the same code, as a refusal (exit 1), before looking at the response.
        let response = try #require(SharedVectors.path("iso18013-5-annex-d/device-response.hex"))
        let verify = try CLIRun.run([
            "verify", response, "--vical", flipped.path, "--vical-signer-anchor", try Self.vector("aamva-dts-root-ca.pem"),
            "--at", Self.listTime, "--status", "skip", "--json",
        ])
        #expect(verify.status == 1, "\(verify.stdout) \(verify.stderr)")
        #expect(try Self.errorCode(verify) == "trustListSignatureInvalid")
    }

    @Test func anOlderIssueThanTheHeldOneIsARollback() throws {
        let file = try Self.vector("vical-2025-11-18.cbor")
        let rollback = try Self.vical(file, extra: ["--at", Self.listTime, "--held-issue-id", "227603"])
        #expect(rollback.status == 1)
        #expect(try Self.errorCode(rollback) == "trustListRollback")
        let same = try Self.vical(file, extra: ["--at", Self.listTime, "--held-issue-id", "227602"])
        #expect(same.status == 0, "\(same.stdout) \(same.stderr)")
    }

    @Test func theListIsRefusedPastItsNextUpdateAndUnderAnotherAnchor() throws {
        let file = try Self.vector("vical-2025-11-18.cbor")
        let late = try Self.vical(file, extra: ["--at", "2025-11-20T20:00:00Z"])
        #expect(late.status == 1)
        #expect(try Self.errorCode(late) == "trustListExpired")
        guard let otherAnchor = SharedVectors.path("iso18013-5-annex-d/iaca-root.pem") else { return }
        let untrusted = try CLIRun.run(["vical", file, "--signer-anchor", otherAnchor, "--at", Self.listTime, "--json"])
        #expect(untrusted.status == 1)
        #expect(try Self.errorCode(untrusted) == "trustListUntrusted")
    }

    /// The IACAs of the list become verify's anchors: a document whose DS none of them issued is untrusted.
    @Test func verifyTrustsTheListedIACAsOnly() throws {
        let response = try #require(SharedVectors.path("iso18013-5-annex-d/device-response.hex"))
        let run = try CLIRun.run([
            "verify", response, "--vical", try Self.vector("vical-2025-11-18.cbor"),
            "--vical-signer-anchor", try Self.vector("aamva-dts-root-ca.pem"), "--at", Self.listTime, "--status", "skip",
            "--json",
        ])
        #expect(run.status == 1, "\(run.stdout) \(run.stderr)")
        #expect(try Self.errorCode(run) == "certificateUntrusted")
    }

    static func offset(of needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count else { return nil }
        for start in 0...(haystack.count - needle.count) where Array(haystack[start..<start + needle.count]) == needle {
            return start
        }
        return nil
    }

    @Test func missingFilesAreUsageErrors() throws {
        let run = try CLIRun.run(["vical", "/nonexistent/vical.cbor", "--signer-anchor", "/nonexistent/root.pem", "--json"])
        #expect(run.status == 2)
    }
}
