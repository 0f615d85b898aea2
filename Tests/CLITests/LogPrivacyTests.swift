import Foundation
import MDLCBOR
import MDLKit
import MDLSandbox
import Testing

/// Issue 18 item 7: a full demo run logged at trace level names no persona — no family or given name (Latin or
/// Chinese), no document or archive number, no address — in any log line.
struct LogPrivacyTests {
    /// Every persona's personal texts, Latin names matched as whole words (`Li` is not in `License`).
    static func personalTexts() -> [String] {
        let identifiers: Set<String> = [
            MDLProfile.ISOElement.familyName, MDLProfile.ISOElement.givenName, MDLProfile.ISOElement.familyNameNational,
            MDLProfile.ISOElement.givenNameNational, MDLProfile.ISOElement.documentNumber,
            MDLProfile.ISOElement.residentAddress, MDLProfile.ChinaElement.archiveNumber,
        ]
        let now = Date()
        return Persona.all(today: Persona.today(at: now), asOf: now).flatMap { persona in
            persona.record.elements.values.flatMap { elements in
                elements.compactMap { identifier, value -> String? in
                    guard identifiers.contains(identifier), case .text(let text) = value else { return nil }
                    return text
                }
            }
        }
    }

    /// Whether `line` holds `text`: as a whole word for Latin text, anywhere for Chinese text and numbers.
    static func line(_ line: Substring, holds text: String) -> Bool {
        guard text.allSatisfy({ $0.isASCII && $0.isLetter }) else { return line.contains(text) }
        let words = line.split { !($0.isASCII && $0.isLetter) }
        return words.contains { $0 == text }
    }

    /// A `StreamLogHandler` line: `<timestamp> <level> <label>: …`.
    static func isLogLine(_ line: Substring) -> Bool {
        let fields = line.split(separator: " ", maxSplits: 3)
        let levels: Set<Substring> = ["trace", "debug", "info", "notice", "warning", "error", "critical"]
        return fields.count >= 3 && levels.contains(fields[1]) && fields[2].hasSuffix(":")
    }

    @Test func aFullDemoAtTraceLevelLogsNoPersonalData() throws {
        let run = try CLIRun.run(["demo", "all"], timeout: 240, environment: ["MDLKIT_LOG_LEVEL": "trace"])
        #expect(run.status == 0)
        let logLines = run.stderr.split(separator: "\n").filter(Self.isLogLine)
        // The scan must see the SDK's lines, or it proves nothing.
        #expect(logLines.contains { $0.contains("mdlkit.verifier") })
        #expect(logLines.contains { $0.contains("mdlkit.relying-party") })
        #expect(logLines.contains { $0.contains("mdlkit.status") })
        let texts = Self.personalTexts()
        #expect(texts.count == 42)
        for line in logLines {
            for text in texts {
                #expect(!Self.line(line, holds: text), "a log line names a persona: \(line)")
            }
        }
    }

    @Test func anUnknownLogLevelIsAUsageError() throws {
        let run = try CLIRun.run(["classes"], environment: ["MDLKIT_LOG_LEVEL": "loud"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("MDLKIT_LOG_LEVEL=loud is not a log level"))
    }
}
