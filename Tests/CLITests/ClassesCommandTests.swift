import Foundation
import Testing

/// `mdl-rp classes`: answers, the JSON and table agreeing, refusals and usage errors.
struct ClassesCommandTests {
    @Test func trailerClassIsPermittedByA2UnderOrder162() throws {
        let run = try CLIRun.run(["classes", "--held", "A2,C1", "--vehicle", "C6", "--on", "2023-05-01", "--json"])
        #expect(run.status == 0, "\(run.stderr)")
        let answer = try run.json()
        #expect(answer["permitted"] as? Bool == true)
        #expect(answer["vehicle"] as? String == "C6")
        #expect(answer["via"] as? String == "A2")
        #expect(answer["regulation"] as? String == "cn-mps-order-162")
        let reasons = try #require(answer["reasons"] as? [[String: Any]])
        #expect(!reasons.isEmpty)
        for reason in reasons {
            #expect((reason["code"] as? String)?.isEmpty == false)
            #expect((reason["zh"] as? String)?.isEmpty == false)
            #expect((reason["en"] as? String)?.isEmpty == false)
        }
    }

    @Test(arguments: [
        ["--held", "A2,C1", "--vehicle", "C6", "--on", "2023-05-01"],
        ["--held", "C1", "--vehicle", "A1", "--on", "2024-01-10"],
        ["--held", "C", "--vehicle", "BE", "--scheme", "iso", "--on", "2024-01-10"],
    ])
    func tableStatesTheSameFactsAsJSON(arguments: [String]) throws {
        let json = try CLIRun.run(["classes"] + arguments + ["--json"])
        let human = try CLIRun.run(["classes"] + arguments)
        #expect(json.status == 0 && human.status == 0, "\(json.stderr)\(human.stderr)")
        let answer = try json.json()
        let lines = human.stdout.split(separator: "\n").map(String.init)
        let permitted = try #require(answer["permitted"] as? Bool)
        #expect(lines.contains("permitted   " + (permitted ? "yes" : "no")))
        #expect(lines.contains("vehicle     \(answer["vehicle"] as? String ?? "?")"))
        #expect(lines.contains("via         \(answer["via"] as? String ?? "-")"))
        let regulation = try #require(answer["regulation"] as? String)
        #expect(lines.contains { $0.hasPrefix("regulation  \(regulation) ") })
        for reason in answer["reasons"] as? [[String: Any]] ?? [] {
            let code = try #require(reason["code"] as? String)
            let english = try #require(reason["en"] as? String)
            // A row wider than 100 columns continues on indented lines: join them before comparing.
            let row = lines.firstIndex { $0.hasPrefix(code + " ") }.map { start in
                ([lines[start]] + lines[(start + 1)...].prefix { $0.hasPrefix(" ") && !$0.trimmingCharacters(in: .whitespaces).isEmpty }
                    .map { $0.trimmingCharacters(in: .whitespaces) }).joined(separator: " ")
            }
            #expect(row?.contains(english) == true, "no table row for \(code)")
        }
    }

    @Test func aClassTheHolderLacksIsAnsweredNo() throws {
        let run = try CLIRun.run(["classes", "--held", "C1", "--vehicle", "A1", "--on", "2024-01-10", "--json"])
        #expect(run.status == 0)
        let answer = try run.json()
        #expect(answer["permitted"] as? Bool == false)
        #expect(answer["via"] is NSNull)
    }

    @Test(arguments: [
        ["--held", "XX", "--vehicle", "C1"],
        ["--held", "C1", "--vehicle", "Q9"],
        ["--held", "A2", "--vehicle", "C6", "--on", "2021-06-01"],
    ])
    func unknownClassCodesAreRefusedWithExitOne(arguments: [String]) throws {
        let run = try CLIRun.run(["classes"] + arguments + ["--json"])
        #expect(run.status == 1)
        let error = try #require(try run.json()["error"] as? [String: Any])
        #expect(error["code"] as? String == "classUnknown")
        #expect((error["message"] as? String)?.isEmpty == false)
        #expect(error["document"] is NSNull)
    }

    @Test(arguments: [
        ["classes", "--held", "C1"],
        ["classes", "--vehicle", "C1"],
        ["classes", "--held", "C1", "--vehicle", "C1", "--on", "yesterday"],
        ["classes", "--held", "C1", "--vehicle", "C1", "--scheme", "eu"],
        ["classes", "--held", "C1", "--presentation", "x.cbor", "--vehicle", "C1"],
    ])
    func usageErrorsExitTwo(arguments: [String]) throws {
        let run = try CLIRun.run(arguments)
        #expect(run.status == 2, "stdout: \(run.stdout) stderr: \(run.stderr)")
        #expect(!run.stderr.isEmpty)
    }
}
