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

    /// Metadata whose values are random identifiers (base64url), not personal data: left out of the scan, since a
    /// random `Li0aA4…` would otherwise read as the surname `Li`.
    static let randomValuedKeys = ["request-id"]

    /// Whether `line` holds `text`: as a whole word for Latin text, anywhere for Chinese text and numbers. Words are
    /// runs of ASCII letters and digits, so `Li` is neither in `License` nor in `Li0aA4`.
    static func line(_ line: Substring, holds text: String) -> Bool {
        let scanned = withoutRandomValues(line)
        guard text.allSatisfy({ $0.isASCII && $0.isLetter }) else { return scanned.contains(text) }
        let words = scanned.split { !($0.isASCII && ($0.isLetter || $0.isNumber)) }
        return words.contains { $0 == text }
    }

    /// `line` with the values of ``randomValuedKeys`` cut out (`request-id=Li-0_a` becomes `request-id=`).
    static func withoutRandomValues(_ line: Substring) -> String {
        var result = String(line)
        for key in randomValuedKeys {
            result = result.replacingOccurrences(of: "\\b\(key)=[A-Za-z0-9_-]+", with: "\(key)=", options: .regularExpression)
        }
        return result
    }

    @Test func aRandomRequestIdentifierIsNotReadAsAName() {
        let line: Substring = "2026-12-03T00:37:02+0000 debug mdlkit.relying-party: purpose=carRental request-id=Li-aA4_Li0 [MDLOpenID4VP] request opened"
        #expect(!Self.line(line, holds: "Li"))
        #expect(Self.line("debug x: holder Li presented", holds: "Li"))
        #expect(!Self.line("debug x: License checked", holds: "Li"))
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
