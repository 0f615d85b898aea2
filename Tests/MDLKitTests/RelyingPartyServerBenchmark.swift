import Foundation
import MDLKit
import MDLRelyingPartyServer
import MDLSandbox
import Testing

/// The relying party's server measured (issue 20): honest exchanges per second with SQLite storage, and the
/// honest wallet's latency while 500 slow clients are attached. Runs only with `MDLKIT_RP_BENCH=1` (it prints
/// numbers for `Documentation/Performance.md`, it asserts only that every exchange completed).
struct RelyingPartyServerBenchmark {
    static let enabled = ProcessInfo.processInfo.environment["MDLKIT_RP_BENCH"] != nil

    @Test(.enabled(if: RelyingPartyServerBenchmark.enabled, "set MDLKIT_RP_BENCH=1 to run"))
    func exchangesPerSecondAndLatencyUnderSlowClients() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mdlkit-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let storage = try RelyingPartyStorage.sqlite(path: directory.appendingPathComponent("rp.sqlite").path, sealer: RequestSealer(key: .generate()))
        try await RelyingPartyHarness.with(storage: storage) { harness in
            // Warm-up: chain cache, SQLite pages, connections.
            for _ in 0..<5 { _ = try await harness.honestExchange(try await harness.newRequest()) }

            for concurrency in [1, 4] {
                let total = 80
                let start = ContinuousClock.now
                let completed = try await withThrowingTaskGroup(of: Int.self) { group in
                    for worker in 0..<concurrency {
                        group.addTask {
                            var done = 0
                            for _ in stride(from: worker, to: total, by: concurrency) {
                                if try await harness.honestExchange(try await harness.newRequest()) == 200 { done += 1 }
                            }
                            return done
                        }
                    }
                    return try await group.reduce(0, +)
                }
                let seconds = Self.seconds(ContinuousClock.now - start)
                #expect(completed == total)
                print("BENCH exchanges concurrency=\(concurrency): \(total) in \(String(format: "%.2f", seconds)) s = \(String(format: "%.1f", Double(total) / seconds))/s")
            }

            var quiet: [Double] = []
            for _ in 0..<10 { quiet.append(try await Self.timedExchange(harness)) }

            // 500 slow clients: each sends a partial head, then one more byte now and then.
            let slow = try (0..<500).map { _ in try RawConnection(port: harness.port) }
            for connection in slow { connection.send(Array("POST /response/x HTTP/1.1\r\nHost: x\r\n".utf8)) }
            let trickle = Task.detached {
                while !Task.isCancelled {
                    for connection in slow { connection.send(Array("X".utf8)) }
                    try? await Task.sleep(for: .milliseconds(500))
                }
            }
            var loaded: [Double] = []
            for _ in 0..<10 { loaded.append(try await Self.timedExchange(harness)) }
            trickle.cancel()
            print("BENCH honest latency (ms) quiet median \(Self.median(quiet)) max \(quiet.max() ?? 0); with 500 slow clients median \(Self.median(loaded)) max \(loaded.max() ?? 0)")
        }
    }

    static func timedExchange(_ harness: RelyingPartyHarness) async throws -> Double {
        let request = try await harness.newRequest()
        let start = ContinuousClock.now
        let status = try await harness.honestExchange(request)
        #expect(status == 200)
        return (seconds(ContinuousClock.now - start) * 1000).rounded()
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    static func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
}
