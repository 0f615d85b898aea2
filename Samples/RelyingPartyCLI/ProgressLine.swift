import Foundation

/// A spinner on standard error for work that takes more than a second, shown only when standard error is a
/// terminal. Nothing is printed for quick work, pipes or `--json`.
enum ProgressLine {
    static let enabled: Bool = isatty(STDERR_FILENO) == 1

    /// Runs `work`, drawing `label` with a spinner after the first second until it finishes.
    static func run<T: Sendable>(_ label: String, quiet: Bool = false, _ work: () async throws -> T) async rethrows -> T
    {
        guard enabled, !quiet else { return try await work() }
        let spinner = Task.detached {
            let frames = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"]
            do { try await Task.sleep(for: .seconds(1)) } catch { return }
            var frame = 0
            while !Task.isCancelled {
                FileHandle.standardError.write(Data("\r\(frames[frame % frames.count]) \(label)…".utf8))
                frame += 1
                do { try await Task.sleep(for: .milliseconds(100)) } catch { break }
            }
            FileHandle.standardError.write(Data("\r\u{1b}[2K".utf8))
        }
        defer { spinner.cancel() }
        let result = try await work()
        spinner.cancel()
        _ = await spinner.result
        return result
    }
}
