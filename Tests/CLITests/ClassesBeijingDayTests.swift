import Foundation
import Testing

/// `mdl-rp classes --at`: the day asked about is the licence's day of that instant, Beijing time for the `cn`
/// scheme; `--at` honours its offset or `Z`, and `--on` stays a plain date.
struct ClassesBeijingDayTests {
    /// 00:00–07:59 on 1 April 2022 in Beijing is still 31 March in UTC: Order 162 (A2 covers C6) is in force.
    @Test(arguments: [
        "2022-03-31T16:00:00Z", "2022-03-31T16:30:00Z", "2022-03-31T19:15:00Z", "2022-03-31T23:59:59Z",
        "2022-04-01T00:30:00+08:00", "2022-04-01T07:59:00+08:00", "2022-03-31T12:30:00-04:00",
    ])
    func earlyBeijingHoursOfTheFirstOfAprilAnswerUnderOrder162(at: String) throws {
        let run = try CLIRun.run(["classes", "--held", "A2", "--vehicle", "C6", "--at", at, "--json"])
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        let answer = try run.json()
        #expect(answer["permitted"] as? Bool == true)
        #expect(answer["via"] as? String == "A2")
        #expect(answer["regulation"] as? String == "cn-mps-order-162")
    }

    /// 23:59 on 31 March in Beijing: Order 123, which has no C6.
    @Test(arguments: ["2022-03-31T15:59:00Z", "2022-03-31T23:59:00+08:00"])
    func theLastMinuteOfMarchInBeijingIsStillOrder123(at: String) throws {
        let run = try CLIRun.run(["classes", "--held", "A2", "--vehicle", "C6", "--at", at, "--json"])
        #expect(run.status == 1, "\(run.stdout)\(run.stderr)")
        let error = try #require(try run.json()["error"] as? [String: Any])
        #expect(error["code"] as? String == "classUnknown")
    }

    /// `--on` is a plain date, whatever `--at` says.
    @Test func onIsAPlainDateThatOverridesAt() throws {
        let run = try CLIRun.run([
            "classes", "--held", "A2", "--vehicle", "C6", "--on", "2022-04-01", "--at", "2022-03-31T10:00:00Z",
            "--json",
        ])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try run.json()["regulation"] as? String == "cn-mps-order-162")
        let table = try CLIRun.run(["classes", "--held", "A2", "--vehicle", "C6", "--at", "2022-03-31T16:30:00Z"])
        #expect(table.stdout.split(separator: "\n").contains("on          2022-04-01"))
    }

    /// The ISO scheme names no issuer: its day stays UTC's.
    @Test func theISOSchemeKeepsUTCsDay() throws {
        let run = try CLIRun.run([
            "classes", "--held", "BE", "--vehicle", "B", "--scheme", "iso", "--at", "2022-03-31T16:30:00Z",
        ])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.split(separator: "\n").contains("on          2022-03-31"))
    }
}
