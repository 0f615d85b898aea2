import Foundation
import Testing

/// The command lines the README and `Documentation/CLI.md` show are the real CLI's: every `mdl-rp` subcommand in
/// their code blocks exists, every option written with it appears in that subcommand's `--help`, and every `make`
/// target the README names is in the Makefile.
struct DocumentedCommandLineTests {
    static let documents = ["README.md", "Documentation/CLI.md"]

    @Test(.enabled(if: CLIRun.binaryExists, "needs the built mdl-rp"))
    func everyDocumentedSubcommandAndOptionIsInTheRealHelp() throws {
        var helps: [[String]: String] = [:]
        var checked = 0
        for document in Self.documents {
            for command in try Self.commandLines(in: document) {
                for path in Self.subcommandPaths(command) {
                    if helps[path] == nil {
                        let run = try CLIRun.run(path + ["--help"])
                        #expect(run.status == 0, "\(document): `mdl-rp \(path.joined(separator: " "))` is not a command")
                        helps[path] = run.stdout
                    }
                    for option in Self.options(command) {
                        #expect(
                            helps[path]?.contains(option) == true,
                            "\(document): `\(option)` is not in `mdl-rp \(path.joined(separator: " ")) --help`")
                        checked += 1
                    }
                }
            }
        }
        #expect(checked > 40, "only \(checked) documented options found: the parser no longer reads the documents")
    }

    @Test func everyMakeTargetTheReadmeNamesExists() throws {
        let makefile = try String(contentsOf: CLIRun.packageRoot.appendingPathComponent("Makefile"), encoding: .utf8)
        let targets = Set(makefile.split(separator: "\n").compactMap { line -> String? in
            guard let colon = line.firstIndex(of: ":"), !line.hasPrefix("\t"), !line.hasPrefix("#") else { return nil }
            return String(line[..<colon])
        })
        let lines = try Self.codeLines(in: "README.md").filter { $0.hasPrefix("make ") }
        #expect(lines.contains { $0.hasPrefix("make demo") } && lines.contains { $0.hasPrefix("make test") })
        for line in lines {
            let target = String(line.dropFirst("make ".count).prefix { !$0.isWhitespace })
            #expect(targets.contains(target), "README: `make \(target)` is not a Makefile target")
        }
    }

    /// The lines inside fenced code blocks, continuation lines (`\`) joined.
    static func codeLines(in document: String) throws -> [String] {
        let text = try String(contentsOf: CLIRun.packageRoot.appendingPathComponent(document), encoding: .utf8)
        var lines: [String] = []
        var inside = false
        var pending = ""
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("```") {
                inside.toggle()
                continue
            }
            guard inside else { continue }
            if line.hasSuffix("\\") {
                pending += line.dropLast() + " "
                continue
            }
            lines.append(pending + line)
            pending = ""
        }
        return lines
    }

    /// Each `mdl-rp …` command in the code blocks, without `#` comments. ` | ` separates pipeline stages (one
    /// command each) unless what follows is an option: then it is a choice inside the synopsis (`(--a X | --b Y)`).
    static func commandLines(in document: String) throws -> [String] {
        try codeLines(in: document).flatMap { line -> [String] in
            let code = line.components(separatedBy: " #").first ?? line
            var commands: [String?] = []
            for segment in code.components(separatedBy: " | ") {
                let words = segment.trimmingCharacters(in: .whitespaces)
                if words.hasPrefix("-"), let last = commands.indices.last, let command = commands[last] {
                    commands[last] = command + " | " + words
                    continue
                }
                let prefix = [".build/debug/mdl-rp ", "mdl-rp "].first { words.hasPrefix($0) }
                commands.append(prefix.map { String(words.dropFirst($0.count)) })
            }
            return commands.compactMap { $0 }
        }
    }

    /// The subcommand path(s) a command names: its leading lower-case words (`a|b` gives one path per choice).
    static func subcommandPaths(_ command: String) -> [[String]] {
        var paths: [[String]] = [[]]
        for word in command.split(separator: " ") {
            guard word.allSatisfy({ $0.isLowercase || $0 == "-" || $0 == "|" }), !word.hasPrefix("-") else { break }
            let choices = word.split(separator: "|").map(String.init)
            paths = paths.flatMap { path in choices.map { path + [$0] } }
        }
        return paths
    }

    /// The long options a command writes (`--help` and `--version` belong to every command).
    static func options(_ command: String) -> [String] {
        let pattern = #/--[a-z][a-z0-9-]*/#
        return command.matches(of: pattern).map { String($0.output) }.filter { $0 != "--help" && $0 != "--version" }
    }
}
