import Benchmark
import BenchmarkFixtures
import MDLCBOR
import MDLKit
import MDLSandbox

/// package-benchmark suite: presentation verification (Ed25519 / ES256 × 5 / 12 / 30 elements) next to its two bare
/// signature checks, DeviceResponse decoding, Token Status List decode and lookup (1M and 10M entries), and the
/// refusal of a hostile x5chain certificate mesh (issue 14).
let benchmarks: @Sendable () -> Void = {
    let metrics: [BenchmarkMetric] = [.wallClock, .cpuTotal, .throughput, .mallocCountTotal, .peakMemoryResident]
    Benchmark.defaultConfiguration = .init(metrics: metrics, maxDuration: .seconds(3), maxIterations: 100_000)

    for algorithm in [SigningKey.Algorithm.ed25519, .p256] {
        for elements in [5, 12, 30] {
            guard let fixture = try? BenchmarkPresentation.make(algorithm, elements: elements) else { continue }
            Benchmark("Verify presentation (\(fixture.name))") { benchmark in
                for _ in benchmark.scaledIterations { blackHole(try await fixture.verify()) }
            }
            Benchmark("Two signature checks (\(fixture.name))") { benchmark in
                for _ in benchmark.scaledIterations { try fixture.verifySignatures() }
            }
        }
    }

    if let fixture = try? BenchmarkPresentation.make(.ed25519, elements: 12) {
        let decoder = CBORDecoder()
        // No byte count in the name: it varies by a byte or two between fixtures (certificate serial numbers), and
        // package-benchmark looks a benchmark up by its name in a second process.
        Benchmark("CBOR decode DeviceResponse (Ed25519, 12 elements)") { benchmark in
            for _ in benchmark.scaledIterations { blackHole(try decoder.decode(fixture.bytes)) }
        }
        Benchmark("Model decode DeviceResponse (12 elements)") { benchmark in
            for _ in benchmark.scaledIterations { blackHole(try fixture.decode()) }
        }
    }

    // Issue 14: a self-issued certificate mesh in the IssuerAuth x5chain. Before the bounded path validator,
    // 7 certificates took 23 s and 12 never finished; now both are refused on their shape, before any signature.
    for count in [4, 12] {
        guard let fixture = try? X5ChainMeshFixture.make(count: count) else { continue }
        Benchmark("x5chain mesh refused (\(count) certificates)") { benchmark in
            for _ in benchmark.scaledIterations { blackHole(await fixture.refuse()) }
        }
    }

    for count in [1_000_000, 10_000_000] {
        guard let compressed = try? StatusListFixture.compressed(count: count),
            let list = try? StatusList(bits: 2, compressed: compressed)
        else { continue }
        let label = count == 1_000_000 ? "1M" : "10M"
        Benchmark("Status list decode (\(label) entries, \(compressed.count) B compressed)",
                  configuration: .init(metrics: metrics, maxDuration: .seconds(3), maxIterations: 200)) { benchmark in
            for _ in benchmark.scaledIterations { blackHole(try StatusList(bits: 2, compressed: compressed)) }
        }
        Benchmark("Status list lookup (\(label) entries)") { benchmark in
            var index = 0
            for _ in benchmark.scaledIterations {
                blackHole(try list.status(at: index))
                index = (index &+ 7_919) % count
            }
        }
    }
}
