import Foundation
import Testing

/// Runs the built `mdl-rp` binary as a user would and captures what it prints.
struct CLIRun {
    let status: Int32
    let stdout: String
    let stderr: String

    /// The package root, from this file's path (Tests/CLITests/CLIRun.swift).
    static let packageRoot: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent()

    /// `.build/debug/mdl-rp`, built by `swift build` (`swift build --build-tests` builds it too); the environment
    /// variable `MDL_RP_BINARY` names another build to test.
    static let binary: URL =
        ProcessInfo.processInfo.environment["MDL_RP_BINARY"].map { URL(fileURLWithPath: $0) }
        ?? packageRoot.appendingPathComponent(".build/debug/mdl-rp")

    static var binaryExists: Bool { FileManager.default.isExecutableFile(atPath: binary.path) }

    /// Runs `mdl-rp arguments…` with colours off, `environment` added, and output captured in temporary files.
    static func run(
        _ arguments: [String], timeout: TimeInterval = 120, input: String? = nil, environment added: [String: String] = [:]
    ) throws -> CLIRun {
        guard binaryExists else {
            throw CLITestError("\(binary.path) is missing: run `swift build` (or `swift build --build-tests`) first")
        }
        let scratch = try Scratch()
        let out = scratch.url("stdout")
        let err = scratch.url("stderr")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        environment.merge(added) { _, new in new }
        // Spawned directly rather than with Foundation's Process (see SpawnedProcess).
        let process = try SpawnedProcess.start(
            executable: binary.path, arguments: arguments, environment: environment,
            input: try input.map { try scratch.write($0, to: "stdin") } ?? "/dev/null", output: out.path, error: err.path)
        guard let status = process.waitForExit(timeout: timeout) else {
            throw CLITestError("mdl-rp \(arguments.joined(separator: " ")) took more than \(Int(timeout)) s")
        }
        let stdout = String(decoding: (try? Data(contentsOf: out)) ?? Data(), as: UTF8.self)
        let stderr = String(decoding: (try? Data(contentsOf: err)) ?? Data(), as: UTF8.self)
        return CLIRun(status: status, stdout: stdout, stderr: stderr)
    }

    /// Standard output as one JSON object.
    func json() throws -> [String: Any] {
        guard let object = try JSONSerialization.jsonObject(with: Data(stdout.utf8)) as? [String: Any] else {
            throw CLITestError("not a JSON object: \(stdout.prefix(200))")
        }
        return object
    }

    /// Standard output as JSON lines.
    func jsonLines() throws -> [[String: Any]] {
        try stdout.split(separator: "\n").map { line in
            guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                throw CLITestError("not a JSON object line: \(line.prefix(200))")
            }
            return object
        }
    }
}

/// A temporary directory removed when the value goes away.
final class Scratch {
    let root: URL

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("mdl-rp-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    func url(_ name: String) -> URL { root.appendingPathComponent(name) }

    func write(_ text: String, to name: String) throws -> String {
        let target = url(name)
        try Data(text.utf8).write(to: target)
        return target.path
    }

    deinit { try? FileManager.default.removeItem(at: root) }
}

struct CLITestError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// The shared vectors folder, `../shared/vectors` from the package root; `nil` (with a note) when absent.
enum SharedVectors {
    static let folder: URL = CLIRun.packageRoot.appendingPathComponent("../shared/vectors").standardizedFileURL

    static func path(_ relative: String) -> String? {
        let file = folder.appendingPathComponent(relative)
        return FileManager.default.fileExists(atPath: file.path) ? file.path : nil
    }

    /// The note a skipped test shows: the folder it needs.
    static let skipMessage = "needs the shared vectors folder ../shared/vectors (\(folder.path)), absent here"

    static var available: Bool {
        FileManager.default.fileExists(atPath: folder.appendingPathComponent("iso18013-5-annex-d").path)
    }
}
