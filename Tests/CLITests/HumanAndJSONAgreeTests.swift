import Foundation
import Testing

/// The human output and `--json` of the same run state the same facts.
struct HumanAndJSONAgreeTests {
    @Test(.enabled(if: SharedVectors.available, "needs the shared vectors folder ../shared/vectors"))
    func verifyStatesTheSameFactsBothWays() throws {
        let jsonArguments = try VerifyCommandTests.annexDArguments(at: "2021-01-01T00:00:00Z")
        let json = try CLIRun.run(jsonArguments)
        let human = try CLIRun.run(jsonArguments.filter { $0 != "--json" })
        #expect(json.status == 0 && human.status == 0, "\(json.stderr)\(human.stderr)")
        let document = try #require((try json.json()["documents"] as? [[String: Any]])?.first)
        #expect(human.stdout.contains(try #require(document["docType"] as? String)))
        for name in try #require(document["trustPath"] as? [String]) { #expect(human.stdout.contains(name), "\(name)") }
        let iso = try #require((document["issuerSigned"] as? [String: Any])?["org.iso.18013.5.1"] as? [String: Any])
        #expect(iso.count >= 6)
        for (identifier, value) in iso {
            let line = human.stdout.split(separator: "\n").first {
                $0.trimmingCharacters(in: .whitespaces).hasPrefix(identifier + " ")
            }
            let shown = try #require(line, "\(identifier) is missing from the human output")
            // Text as it is for people, not as a JSON string.
            if let text = value as? String { #expect(shown.hasSuffix(" " + text), "\(identifier)") }
            if let bytes = value as? [String: Any], let digest = bytes["sha256"] as? String {
                #expect(shown.contains(digest), "\(identifier): the same digest, never the bytes")
            }
        }
    }

    @Test func demoCountsTheSameOutcomesBothWays() throws {
        let json = try CLIRun.run(["demo", "all", "--json"], timeout: 120)
        let human = try CLIRun.run(["demo", "all"], timeout: 120)
        #expect(json.status == 0 && human.status == 0, "\(json.stderr)\(human.stderr)")
        let outcomes = try json.jsonLines().compactMap { $0["outcome"] as? String }
        let counts = ["pass", "fail", "refer"].map { kind in "\(kind) \(outcomes.filter { $0 == kind }.count)" }
        #expect(outcomes.count > 0)
        #expect(human.stdout.contains("Outcomes: " + counts.joined(separator: ", ")), "\(counts)")
    }
}
