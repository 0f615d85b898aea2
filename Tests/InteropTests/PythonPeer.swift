import Foundation

/// Runs the Python interop peers of `Tests/Interop` (pymdoccbor, isomdoc) with the repository's `.venv`.
///
/// The venv is created on first use with `Tests/Interop/setup-venv.sh` (idempotent, ~0.1 s when up to date).
/// When python3 or the venv cannot be set up, ``skipMessage`` names the reason and the suites are skipped.
enum PythonPeer {
    /// The package root: this file is `Tests/InteropTests/PythonPeer.swift`.
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let scripts = packageRoot.appendingPathComponent("Tests/Interop")

    /// The venv's interpreter, or why there is none.
    static let setup: Result<URL, SetupFailure> = {
        let result = makeVenv()
        if case .failure(let failure) = result {
            // Printed so CI logs show why the interop suites did not run.
            print("InteropTests SKIPPED: \(failure.reason)")
        }
        return result
    }()

    static var available: Bool { (try? setup.get()) != nil }

    static var skipMessage: String {
        if case .failure(let failure) = setup { return "Python interop peers unavailable: \(failure.reason)" }
        return "Python interop peers available"
    }

    struct SetupFailure: Error, Sendable { let reason: String }

    /// The outcome of one script run.
    struct Run: Sendable {
        let status: Int32
        let stdout: Data
        let stderr: String
    }

    /// Runs `Tests/Interop/<script>` with `arguments` under the venv's python.
    static func run(_ script: String, _ arguments: [String]) throws -> Run {
        let python = try setup.get()
        return try execute(python, [scripts.appendingPathComponent(script).path] + arguments)
    }

    /// Runs `script` and fails unless it exits 0.
    static func succeed(_ script: String, _ arguments: [String]) throws -> Run {
        let run = try run(script, arguments)
        guard run.status == 0 else {
            throw SetupFailure(reason: "\(script) exited \(run.status): \(run.stderr.suffix(2000)) \(String(decoding: run.stdout, as: UTF8.self).suffix(2000))")
        }
        return run
    }

    static func execute(_ executable: URL, _ arguments: [String]) throws -> Run {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mdl-interop-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let outURL = directory.appendingPathComponent("stdout")
        let errURL = directory.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = packageRoot
        process.standardOutput = out
        process.standardError = err
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        return Run(
            status: process.terminationStatus, stdout: try Data(contentsOf: outURL),
            stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }

    private static func makeVenv() -> Result<URL, SetupFailure> {
        let python = packageRoot.appendingPathComponent(".venv/bin/python")
        let script = scripts.appendingPathComponent("setup-venv.sh")
        guard FileManager.default.fileExists(atPath: script.path) else {
            return .failure(SetupFailure(reason: "\(script.path) is missing"))
        }
        guard let bash = ["/bin/bash", "/usr/bin/bash"].first(where: FileManager.default.isExecutableFile(atPath:)) else {
            return .failure(SetupFailure(reason: "bash not found, cannot run setup-venv.sh"))
        }
        do {
            // Always run it: it returns at once when the venv matches requirements.txt, and repairs it otherwise.
            let run = try execute(URL(fileURLWithPath: bash), [script.path])
            guard run.status == 0, FileManager.default.isExecutableFile(atPath: python.path) else {
                let reason = run.stderr.trimmingCharacters(in: .whitespacesAndNewlines)
                return .failure(SetupFailure(
                    reason: "setup-venv.sh could not set up python3/.venv (exit \(run.status)): \(reason.isEmpty ? "no message" : reason)"))
            }
            return .success(python)
        } catch {
            return .failure(SetupFailure(reason: "could not run setup-venv.sh: \(error)"))
        }
    }
}
