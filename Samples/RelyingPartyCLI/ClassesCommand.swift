import ArgumentParser
import Foundation
import MDLCBOR
import MDLKit

/// `mdl-rp classes`: may a holder of these licence classes drive this vehicle class on that day?
struct ClassesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "classes",
        abstract: "Answer whether licence classes permit a vehicle class, under the regulation in force on a day.",
        discussion: """
            Give the held classes with --held, or --presentation with a DeviceResponse: it is verified first (with \
            the same options as verify) and its driving_privileges are used, only those in force on DATE.
            Exit status: 0 answered (permitted or not), 1 refused (unknown class code, or the presentation did not \
            verify), 2 usage error or unreadable input.
            """)

    @Option(help: ArgumentHelp("Held classes, comma separated (e.g. A2,C1).", valueName: "codes")) var held: [String] =
        []
    @Option(help: "The vehicle's class (e.g. C6).") var vehicle: String
    @Option(
        help: ArgumentHelp(
            "The day asked about, YYYY-MM-DD (default: the licence's day of --at, else of now: Beijing time for cn).",
            valueName: "date"))
    var on: String?
    @Option(
        help:
            "cn (China's 准驾车型) or iso (ISO 18013-5 / EU categories). Default: cn, or the presentation's issuing country."
    )
    var scheme: SchemeName?
    @Option(help: "A DeviceResponse whose classes to use instead of --held.") var presentation: String?
    @OptionGroup(title: "Verifying --presentation") var verification: PresentationOptions
    @Flag(help: "Print the answer as JSON.") var json = false

    enum SchemeName: String, ExpressibleByArgument, CaseIterable { case cn, iso }

    func validate() throws {
        let codes = heldCodes
        if presentation == nil && codes.isEmpty {
            throw ValidationError("give --held CODE[,CODE...] or --presentation FILE")
        }
        if presentation != nil && !codes.isEmpty { throw ValidationError("give --held or --presentation, not both") }
        if let on, FullDate(rfc3339: on) == nil { throw ValidationError("--on must be a date, YYYY-MM-DD") }
    }

    var heldCodes: [String] {
        held.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    func run() async throws {
        let instant = try verification.time() ?? Date()
        let asked = on.flatMap(FullDate.init(rfc3339:))
        let report = ClassAnswerReport(json: json)
        var day = asked ?? ClassesCommand.licenceDay(of: instant, scheme: (scheme ?? .cn).licenseScheme)
        do {
            let answer: ClassAnswer
            if let presentation {
                let facts = try await verifiedFacts(presentation)
                day = asked ?? facts.day(of: instant)
                if let scheme {
                    answer = try ClassQuestion.answer(
                        privileges: facts.drivingPrivileges, vehicle: vehicle, on: day, scheme: scheme.licenseScheme)
                } else {
                    answer = try facts.permits(vehicleClass: vehicle, on: day)
                }
            } else {
                answer = try ClassQuestion.answer(
                    held: heldCodes, vehicle: vehicle, on: day, scheme: (scheme ?? .cn).licenseScheme)
            }
            report.answer(answer, on: day)
        } catch let error as MDLError {
            report.refusal(error)
            throw ExitCode(1)
        }
    }

    /// The licence facts of a verified presentation; a refusal is printed in verify's shape.
    private func verifiedFacts(_ file: String) async throws -> LicenseFacts {
        let presentation: VerifiedPresentation
        do {
            presentation = try await ProgressLine.run("verifying", quiet: json) { try await verification.verify(file) }
        } catch let error as MDLError {
            VerificationReport(json: json).failure(error)
            throw ExitCode(1)
        }
        guard let facts = presentation.license else {
            throw MDLError(code: .docTypeMismatch, message: "the presentation holds no mDL (org.iso.18013.5.1.mDL)")
        }
        return facts
    }

    /// The licence's day of `instant` for bare class codes: Beijing's day under the Chinese scheme (a CN
    /// licence's calendar), the SDK's fallback (UTC) under ISO, where no issuer is named.
    static func licenceDay(of instant: Date, scheme: LicenseScheme) -> FullDate {
        LicenseCalendar.standard.day(of: instant, issuingCountry: scheme == .cn ? "CN" : nil)
    }
}

extension ClassesCommand.SchemeName {
    var licenseScheme: LicenseScheme { self == .cn ? .cn : .iso }
}

/// Prints a ``ClassAnswer`` as the section 7 JSON or as a table for people.
struct ClassAnswerReport {
    let json: Bool

    func answer(_ answer: ClassAnswer, on day: FullDate) {
        if json {
            JSONOutput.print(ClassAnswerReport.json(answer))
            return
        }
        let verdict = answer.permitted ? Terminal.green("yes") : Terminal.red("no")
        print("permitted   \(verdict)")
        print("vehicle     \(answer.vehicle)")
        print("via         \(answer.via ?? "-")")
        // Within 100 columns: the English title wraps after the id, the Chinese title below it.
        let title = TextTable.wrap(answer.regulation.en, width: max(20, 86 - answer.regulation.id.count))
        print("regulation  \(answer.regulation.id)  \(title.first ?? "")")
        for line in title.dropFirst().map({ String(repeating: " ", count: answer.regulation.id.count + 2) + $0 })
            + TextTable.wrap(answer.regulation.zh, width: 88)
        {
            print("            \(line)")
        }
        print("on          \(day)")
        guard !answer.reasons.isEmpty else { return }
        print("")
        var table = TextTable(header: ["reason", "English / 中文"])
        for reason in answer.reasons {
            table.add([reason.code, reason.en])
            table.add(["", reason.zh])
        }
        table.print()
    }

    func refusal(_ error: MDLError) {
        if json {
            JSONOutput.print(RefusalJSON.object(error))
        } else {
            print(Terminal.red("✘ refused") + ": \(error.code.rawValue) — \(error.message)")
        }
    }

    static func json(_ answer: ClassAnswer) -> JSONValue {
        .object([
            "permitted": .bool(answer.permitted), "vehicle": .string(answer.vehicle),
            "via": answer.via.map(JSONValue.string) ?? .null,
            "regulation": .string(answer.regulation.id),
            "reasons": .array(
                answer.reasons.map { .object(["code": .string($0.code), "zh": .string($0.zh), "en": .string($0.en)]) }),
        ])
    }
}
