import BenchmarkFixtures
import Foundation
import MDLKit
import MDLSandbox

// Prints, for each presentation, the median cost of verifying it and of its two signature checks alone, measured
// interleaved in the same run, and their ratio (ARCHITECTURE.md section 6: at most 1.5, aim 1.15).
// With --write-es256 DIR it also writes the ES256 12-element document, its IACA and our timing for
// compare-pymdoccbor.py.

func median(_ samples: [Double]) -> Double {
    let sorted = samples.sorted()
    return sorted.isEmpty ? 0 : sorted[sorted.count / 2]
}

/// Seconds per verification of `fixture`, over `batch` verifications.
///
/// `nonisolated` and called with the loop inside, so the verifications run on the cooperative pool the way a relying
/// party's server handler calls the verifier. A loop in top-level code (the main actor) calling the `nonisolated async`
/// `verify` would instead hop between two threads twice per call: kernel thread switches that no server pays and
/// that were about a third of the "overhead" measured before (issue 7).
nonisolated func timeVerification(_ fixture: BenchmarkPresentation, batch: Int) async throws -> Double {
    let clock = ContinuousClock()
    let start = clock.now
    for _ in 0..<batch { _ = try await fixture.verify() }
    return seconds(clock.now - start) / Double(batch)
}

/// Seconds per run of the two bare signature checks, over `batch` runs (same thread as `timeVerification`).
nonisolated func timeSignatures(_ fixture: BenchmarkPresentation, batch: Int) async throws -> Double {
    let clock = ContinuousClock()
    let start = clock.now
    for _ in 0..<batch { try fixture.verifySignatures() }
    return seconds(clock.now - start) / Double(batch)
}

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
}

/// Verifies `fixture` `count` times (the `--profile` loop, for `perf record`).
nonisolated func profile(_ fixture: BenchmarkPresentation, count: Int) async throws {
    for _ in 0..<count { _ = try await fixture.verify() }
}

let arguments = CommandLine.arguments
let outputDirectory = arguments.firstIndex(of: "--write-es256").flatMap { arguments.indices.contains($0 + 1) ? arguments[$0 + 1] : nil }
let rounds = 31
// --profile N [ELEMENTS]: only verify the Ed25519 presentation (12 elements by default) N times (for perf record).
if let index = arguments.firstIndex(of: "--profile"), arguments.indices.contains(index + 1), let count = Int(arguments[index + 1]) {
    let elements = arguments.indices.contains(index + 2) ? Int(arguments[index + 2]) ?? 12 : 12
    let fixture = try BenchmarkPresentation.make(.ed25519, elements: elements)
    try await profile(fixture, count: count)
    exit(0)
}
var worstEd25519 = 0.0
print("presentation                  verify (µs)   2 signatures (µs)   ratio")
for algorithm in [SigningKey.Algorithm.ed25519, .p256] {
    for elements in [5, 12, 30] {
        let fixture = try BenchmarkPresentation.make(algorithm, elements: elements)
        _ = try await fixture.verify()  // warm the chain cache, as a relying party's long-lived verifier would be
        let batch = algorithm == .ed25519 ? 200 : 100
        var verifySamples: [Double] = []
        var signatureSamples: [Double] = []
        for _ in 0..<rounds {  // interleaved so both see the same machine load
            verifySamples.append(try await timeVerification(fixture, batch: batch))
            signatureSamples.append(try await timeSignatures(fixture, batch: batch))
        }
        let verify = median(verifySamples)
        let signatures = median(signatureSamples)
        let ratio = verify / signatures
        if algorithm == .ed25519 { worstEd25519 = max(worstEd25519, ratio) }
        print(
            fixture.name.padding(toLength: 28, withPad: " ", startingAt: 0),
            String(format: "%12.1f %19.1f %9.2f×", verify * 1e6, signatures * 1e6, ratio))
        if let outputDirectory, algorithm == .p256, elements == 12 {
            let folder = URL(fileURLWithPath: outputDirectory)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(fixture.bytes).write(to: folder.appendingPathComponent("device-response.cbor"))
            try Data(fixture.iacaPEM.utf8).write(to: folder.appendingPathComponent("iaca.pem"))
            try Data(fixture.transcript.sessionTranscriptBytes).write(to: folder.appendingPathComponent("session-transcript.cbor"))
            let json = "{\"mdlkitVerifySeconds\": \(verify), \"mdlkitSignatureSeconds\": \(signatures), \"elements\": \(fixture.elementCount)}\n"
            try Data(json.utf8).write(to: folder.appendingPathComponent("mdlkit-timing.json"))
        }
    }
}
let verdict = worstEd25519 <= 1.5 ? "within 1.5×" : "OVER 1.5×"
print(String(format: "Ed25519 budget (ARCHITECTURE.md §6): worst ratio %.2f×", worstEd25519) + " — \(verdict)")
