import BenchmarkFixtures
import Foundation
import MDLKit
import MDLSandbox

// Prints, for each presentation, the median cost of verifying it and of its two signature checks alone, measured
// interleaved in the same run, and their ratio (ARCHITECTURE.md section 6: at most 1.25, aim 1.15): sandbox
// documents (Ed25519 and ES256, 5, 12 and 30 elements) and, with --vectors DIR (default ../shared/vectors beside the
// repository), documents other implementations produced (auth0's example, the EU reference wallet's mDL).
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
let rounds = 41
// --profile N [ELEMENTS [ed25519|es256]]: only verify one sandbox presentation (Ed25519, 12 elements by default) N
// times (for perf record).
if let index = arguments.firstIndex(of: "--profile"), arguments.indices.contains(index + 1), let count = Int(arguments[index + 1]) {
    let elements = arguments.indices.contains(index + 2) ? Int(arguments[index + 2]) ?? 12 : 12
    let algorithm: SigningKey.Algorithm = arguments.indices.contains(index + 3) && arguments[index + 3] == "es256" ? .p256 : .ed25519
    let fixture = try BenchmarkPresentation.make(algorithm, elements: elements)
    try await profile(fixture, count: count)
    exit(0)
}
// --profile-vector N NAME-PREFIX [signatures]: only verify one of the vectors' documents N times, or with `signatures`
// only run its two signature checks N times (for perf record, to set the two profiles side by side).
if let index = arguments.firstIndex(of: "--profile-vector"), arguments.indices.contains(index + 2), let count = Int(arguments[index + 1]) {
    let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../../shared/vectors").standardized
    guard let fixture = try VectorPresentations.all(in: folder).first(where: { $0.name.hasPrefix(arguments[index + 2]) }) else {
        print("no vector document named \(arguments[index + 2])…")
        exit(2)
    }
    if arguments.indices.contains(index + 3), arguments[index + 3] == "signatures" {
        _ = try await timeSignatures(fixture, batch: count)
    } else {
        try await profile(fixture, count: count)
    }
    exit(0)
}
let vectorsFolder = arguments.firstIndex(of: "--vectors").flatMap { arguments.indices.contains($0 + 1) ? arguments[$0 + 1] : nil }
    .map { URL(fileURLWithPath: $0) }
    ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../../shared/vectors").standardized
var worst12 = 0.0
var fixtures: [BenchmarkPresentation] = []
for algorithm in [SigningKey.Algorithm.ed25519, .p256] {
    for elements in [5, 12, 30] { fixtures.append(try BenchmarkPresentation.make(algorithm, elements: elements)) }
}
let external = try VectorPresentations.all(in: vectorsFolder)
if external.isEmpty { print("(no \(vectorsFolder.path): other implementations' documents not measured)") }
fixtures += external
// Each round times a batch of verifications, then a batch of the two signature checks. The medians are printed; the
// ratio of the fastest rounds ("best") is printed beside the median ratio, since on a shared virtual machine other
// tenants' load lands on random rounds and inflates either side; the budget is read from the best rounds.
print("presentation                  verify (µs)   2 signatures (µs)   ratio (median)   ratio (best rounds)")
for fixture in fixtures {
    _ = try await fixture.verify()  // warm the chain cache, as a relying party's long-lived verifier would be
    let batch = fixture.name.hasPrefix("Ed25519") ? 200 : 100
    var verifySamples: [Double] = []
    var signatureSamples: [Double] = []
    for _ in 0..<rounds {  // interleaved so both see the same machine load
        verifySamples.append(try await timeVerification(fixture, batch: batch))
        signatureSamples.append(try await timeSignatures(fixture, batch: batch))
    }
    let verify = median(verifySamples)
    let signatures = median(signatureSamples)
    let ratio = verify / signatures
    let best = (verifySamples.min() ?? 0) / (signatureSamples.min() ?? 1)
    // The budget is for presentations of about twelve elements (ARCHITECTURE.md section 6): the sandbox's 12-element
    // documents and the vectors of 8 to 16 elements. The others are printed, not judged.
    let isSandbox = fixture.name.hasPrefix("Ed25519, ") || fixture.name.hasPrefix("ES256, ")
    let budgeted = isSandbox ? fixture.name.hasSuffix(" 12 elements") : (8...16).contains(fixture.elementCount)
    if budgeted { worst12 = max(worst12, best) }
    print(
        fixture.name.padding(toLength: 28, withPad: " ", startingAt: 0),
        String(format: "%12.1f %19.1f %14.2f× %19.2f×", verify * 1e6, signatures * 1e6, ratio, best),
        !isSandbox && !budgeted ? "  (\(fixture.elementCount) elements: not budgeted)" : "")
    if let outputDirectory, fixture.name == "ES256, 12 elements" {
        let folder = URL(fileURLWithPath: outputDirectory)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(fixture.bytes).write(to: folder.appendingPathComponent("device-response.cbor"))
        try Data(fixture.iacaPEM.utf8).write(to: folder.appendingPathComponent("iaca.pem"))
        try Data(fixture.transcript.sessionTranscriptBytes).write(to: folder.appendingPathComponent("session-transcript.cbor"))
        let json = "{\"mdlkitVerifySeconds\": \(verify), \"mdlkitSignatureSeconds\": \(signatures), \"elements\": \(fixture.elementCount)}\n"
        try Data(json.utf8).write(to: folder.appendingPathComponent("mdlkit-timing.json"))
    }
}
let verdict = worst12 <= 1.25 ? "within 1.25×" : "OVER 1.25×"
print(String(format: "budget (ARCHITECTURE.md §6, documents of about 12 elements: the sandbox's and the vectors', best rounds): worst ratio %.2f×", worst12) + " — \(verdict)")
