import Foundation
import Testing

/// Re-issuing a sandbox persona is not a way back to a clean licence (issue 20).
struct SandboxReissueTests {
    @Test func reissuingKeepsStatusPointsAndHistoryAndTakesANewStatusIndex() throws {
        let scratch = try Scratch()
        let state = scratch.url("state").path
        let first = try CLIRun.run(["sandbox", "issue", "--persona", "probationer", "--state", state, "--json"])
        #expect(first.status == 0, "\(first.stderr)")
        let firstIndex = try #require(try first.json()["statusIndex"] as? Int)
        let deduct = try CLIRun.run(["sandbox", "deduct", "--persona", "probationer", "--points", "3", "--state", state, "--json"])
        let points = try #require(try deduct.json()["points"] as? Int)
        #expect(try CLIRun.run(["sandbox", "revoke", "--persona", "probationer", "--state", state]).status == 0)
        let again = try CLIRun.run(["sandbox", "issue", "--persona", "probationer", "--state", state, "--json"])
        #expect(again.status == 0, "\(again.stderr)")
        let reissued = try again.json()
        #expect(reissued["status"] as? String == "invalid")
        #expect(reissued["points"] as? Int == points)
        let secondIndex = try #require(reissued["statusIndex"] as? Int)
        #expect(secondIndex != firstIndex)
        let file = try Data(contentsOf: URL(fileURLWithPath: state).appendingPathComponent("sandbox.json"))
        let stored = try #require(try JSONSerialization.jsonObject(with: file) as? [String: Any])
        let licence = try #require((stored["licences"] as? [[String: Any]])?.first)
        #expect(licence["retiredIndexes"] as? [Int] == [firstIndex])
        #expect((licence["changes"] as? [[String: Any]])?.compactMap { $0["action"] as? String } == ["deduct", "revoke", "reissue"])
        // Another persona's first credential takes an index no credential used.
        let other = try CLIRun.run(["sandbox", "issue", "--persona", "clean-c1", "--state", state, "--json"])
        let otherIndex = try #require(try other.json()["statusIndex"] as? Int)
        #expect(![firstIndex, secondIndex].contains(otherIndex))
    }
}
