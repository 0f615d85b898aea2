import BenchmarkFixtures
import Foundation
import MDLKit
import MDLSandbox

// Issue 16 / ARCHITECTURE.md section 6, measured side by side in one run:
// 1. a verification with status from a warm cache of a 1,000,000-entry list / the same verification without status
//    (budget 1.1x);
// 2. throughput of two concurrent verification tasks / one (budget at least 1.8x; needs two idle cores);
// 3. a 10,000,000-entry list fetched (in-memory transport), verified and decoded once (budget 0.5 s).

func median(_ samples: [Double]) -> Double {
    let sorted = samples.sorted()
    return sorted.isEmpty ? 0 : sorted[sorted.count / 2]
}

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
}

/// Seconds per verification over `batch` verifications with `verifier`.
nonisolated func time(_ verifier: PresentationVerifier, _ fixture: BenchmarkPresentation, batch: Int) async throws -> Double {
    let clock = ContinuousClock()
    let start = clock.now
    for _ in 0..<batch { _ = try await verifier.verify(fixture.bytes, sessionTranscript: fixture.transcript, at: fixture.time) }
    return seconds(clock.now - start) / Double(batch)
}

/// Verifications per second with `tasks` concurrent tasks, each doing `batch`.
nonisolated func throughput(_ verifier: PresentationVerifier, _ fixture: BenchmarkPresentation, tasks: Int, batch: Int) async throws -> Double {
    let clock = ContinuousClock()
    let start = clock.now
    try await withThrowingTaskGroup(of: Void.self) { group in
        for _ in 0..<tasks {
            group.addTask {
                for _ in 0..<batch { _ = try await verifier.verify(fixture.bytes, sessionTranscript: fixture.transcript, at: fixture.time) }
            }
        }
        try await group.waitForAll()
    }
    return Double(tasks * batch) / seconds(clock.now - start)
}

let rounds = 41
print("== Status from a warm cache (1,000,000-entry list) against the same verification without status")
print("presentation                  no status (µs)   status, warm (µs)   ratio (median)   ratio (best rounds)")
for algorithm in [SigningKey.Algorithm.ed25519, .p256] {
    let fixture = try StatusBenchmarkFixture.make(algorithm, elements: 12, entries: 1_000_000)
    let plain = fixture.verifier(.skip(reason: "benchmark baseline"))
    let checked = fixture.verifier(.check(with: fixture.client()))
    let presentation = fixture.presentation
    _ = try await time(plain, presentation, batch: 5)
    _ = try await time(checked, presentation, batch: 5)  // fetch, verify and cache the list once
    let batch = algorithm == .ed25519 ? 200 : 100
    var plainSamples: [Double] = []
    var checkedSamples: [Double] = []
    for _ in 0..<rounds {
        plainSamples.append(try await time(plain, presentation, batch: batch))
        checkedSamples.append(try await time(checked, presentation, batch: batch))
    }
    let ratio = median(checkedSamples) / median(plainSamples)
    // As in mdl-bench-ratios: other tenants' load lands on random rounds, so the budget is read from the best ones.
    let best = (checkedSamples.min() ?? 0) / (plainSamples.min() ?? 1)
    print(
        presentation.name.padding(toLength: 28, withPad: " ", startingAt: 0),
        String(format: "%15.1f %19.1f %13.3f× %18.3f×  %@", median(plainSamples) * 1e6, median(checkedSamples) * 1e6, ratio, best,
            best <= 1.1 ? "within 1.1×" : "OVER 1.1×"))
}

print("== Two concurrent verification tasks against one (ES256, 12 elements, status from a warm cache)")
do {
    let fixture = try StatusBenchmarkFixture.make(.p256, elements: 12, entries: 1_000_000)
    let verifier = fixture.verifier(.check(with: fixture.client()))
    _ = try await throughput(verifier, fixture.presentation, tasks: 1, batch: 10)
    var one: [Double] = []
    var two: [Double] = []
    for _ in 0..<9 {
        one.append(try await throughput(verifier, fixture.presentation, tasks: 1, batch: 200))
        two.append(try await throughput(verifier, fixture.presentation, tasks: 2, batch: 200))
    }
    let speedup = median(two) / median(one)
    print(String(format: "one task %.0f/s, two tasks %.0f/s: %.2f×  %@ (cores: %d)", median(one), median(two), speedup,
        speedup >= 1.8 ? "at least 1.8×" : "UNDER 1.8×", ProcessInfo.processInfo.activeProcessorCount))
}

print("== A 10,000,000-entry list fetched, verified and decoded once (cold client each time)")
do {
    let fixture = try StatusBenchmarkFixture.make(.p256, elements: 12, entries: 10_000_000)
    let trust = StatusSignerTrust.issuer([fixture.anchor])
    let reference = MobileSecurityObject.StatusReference(index: 1, uri: fixture.uri)
    var samples: [Double] = []
    for _ in 0..<7 {
        let client = fixture.client()
        let clock = ContinuousClock()
        let start = clock.now
        _ = try await client.status(for: reference, trust: trust, at: fixture.presentation.time)
        samples.append(seconds(clock.now - start))
    }
    let cold = median(samples)
    print(String(format: "token %d bytes: %.3f s  %@", fixture.token.count, cold, cold < 0.5 ? "under 0.5 s" : "OVER 0.5 s"))
}
