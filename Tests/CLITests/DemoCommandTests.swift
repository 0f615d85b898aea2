import Foundation
import Testing

/// `mdl-rp demo`: every use case end to end, with pass, fail and refer outcomes.
struct DemoCommandTests {
    @Test func allUseCasesShowPassFailAndReferAsExpected() throws {
        let started = Date()
        let run = try CLIRun.run(["demo", "all", "--json"], timeout: 120)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(Date().timeIntervalSince(started) < 120)
        let lines = try run.jsonLines()
        let decisions = lines.filter { $0["outcome"] != nil }
        let outcomes = Set(decisions.compactMap { $0["outcome"] as? String })
        #expect(outcomes == ["pass", "fail", "refer"])
        #expect(Set(decisions.compactMap { $0["useCase"] as? String }) == ["rental", "insurance", "employment"])
        for decision in decisions {
            #expect(
                decision["outcome"] as? String == decision["expected"] as? String,
                "\(decision["useCase"] ?? "") \(decision["persona"] ?? ""): \(decision["title"] ?? "")")
            let reasons = decision["reasons"] as? [[String: Any]] ?? []
            #expect(!reasons.isEmpty)
            #expect(
                reasons.allSatisfy {
                    ($0["code"] as? String)?.isEmpty == false && $0["zh"] is String && $0["en"] is String
                })
        }
        let personas = Set(decisions.compactMap { $0["persona"] as? String })
        #expect(
            personas.isSuperset(of: ["clean-c1", "probationer", "twelve-points", "coach-a1", "expired", "superseded"]))
        let summary = try #require(lines.last?["summary"] as? [String: Any])
        #expect(summary["pass"] as? Int == decisions.filter { $0["outcome"] as? String == "pass" }.count)
    }

    @Test(arguments: ["rental", "insurance", "employment"])
    func oneUseCaseShowsOnlyItsScenarios(useCase: String) throws {
        let run = try CLIRun.run(["demo", useCase])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("PASS"))
        #expect(run.stdout.contains("FAIL"))
        #expect(run.stdout.contains("REFER"))
        #expect(!run.stdout.contains("(the demo expected"))
        let json = try CLIRun.run(["demo", useCase, "--json"])
        let useCases = Set(try json.jsonLines().compactMap { $0["useCase"] as? String })
        #expect(useCases == [useCase])
    }

    @Test func aUseCaseThatDoesNotExistIsAUsageError() throws {
        let run = try CLIRun.run(["demo", "mortgage"])
        #expect(run.status == 2)
    }
}
