import Foundation
import MDLCBOR
import MDLKit
import MDLSandbox
import Testing

/// The seed corpus of the pipeline fuzzer (Fuzz/PipelineFuzz): sandbox presentations that verify at the fixture's
/// fixed time. With `MDL_FUZZ_SEED_DIR` set (Fuzz/make-pipeline-corpus.sh does), the test also writes them there
/// with the trust anchors, transcript and time the fuzzer verifies with.
struct HostileFuzzSeedTests {
    @Test func pipelineSeedsVerifyAndAreExported() async throws {
        var seeds: [(name: String, bytes: [UInt8])] = []
        var anchors: [TrustAnchor] = []
        var anchorDER: [[UInt8]] = []
        let combinations: [(SigningKey.Algorithm, SigningKey.Algorithm)] = [(.ed25519, .ed25519), (.p256, .p256), (.ed25519, .p256)]
        for (index, (issuer, device)) in combinations.enumerated() {
            let fixture = try SandboxFixture(issuerKey: issuer, deviceKey: device)
            anchors.append(try fixture.authority.iaca.trustAnchor())
            anchorDER.append(try fixture.authority.iaca.derEncoded())
            let name = "\(issuer.rawValue)-\(device.rawValue)"
            seeds.append(("\(name)-all", try fixture.presentation()))
            if index == 0 {
                seeds.append(("\(name)-three", try fixture.presentation([MDLProfile.isoNameSpace: ["family_name", "birth_date", "driving_privileges"]])))
                seeds.append(("\(name)-declined", try fixture.wallet.present(
                    elements: [MDLProfile.isoNameSpace: ["age_over_18"]], transcript: SandboxFixture.transcript,
                    notReturned: [MDLProfile.isoNameSpace: ["portrait"]]).encoded))
            }
        }
        let verifier = PresentationVerifier(configuration: .init(trustAnchors: anchors, clock: { SandboxFixture.now }))
        for seed in seeds {
            let presentation = try await verifier.verify(seed.bytes, sessionTranscript: SandboxFixture.transcript)
            #expect(presentation.documents.count == 1, "\(seed.name)")
        }
        guard let path = ProcessInfo.processInfo.environment["MDL_FUZZ_SEED_DIR"] else { return }
        let corpus = URL(fileURLWithPath: path).appendingPathComponent("corpus")
        let setup = URL(fileURLWithPath: path).appendingPathComponent("setup")
        try FileManager.default.createDirectory(at: corpus, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: setup, withIntermediateDirectories: true)
        for seed in seeds { try Data(seed.bytes).write(to: corpus.appendingPathComponent("seed-\(seed.name).cbor")) }
        for (index, der) in anchorDER.enumerated() {
            try Data(der).write(to: setup.appendingPathComponent("iaca-\(index).der"))
        }
        try Data(SandboxFixture.transcript.sessionTranscriptBytes).write(to: setup.appendingPathComponent("session-transcript.cbor"))
        try Data("\(Int(SandboxFixture.now.timeIntervalSince1970))\n".utf8).write(to: setup.appendingPathComponent("time.txt"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: corpus.path).count >= seeds.count)
    }
}
