import BenchmarkFixtures
import Crypto
import Foundation
import MDLCBOR
import MDLCOSE
import MDLKit
import MDLSandbox

// Prints the cost of each step of one verification, timed alone with the SDK's public API (best of 9 batches):
// where the time beyond the two signature checks goes.

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
}

nonisolated func best(_ label: String, batch: Int = 2000, _ body: () throws -> Void) rethrows {
    let clock = ContinuousClock()
    var samples: [Double] = []
    for _ in 0..<9 {
        let start = clock.now
        for _ in 0..<batch { try body() }
        samples.append(seconds(clock.now - start) / Double(batch))
    }
    print(label.padding(toLength: 48, withPad: " ", startingAt: 0), String(format: "%8.2f µs", (samples.min() ?? 0) * 1e6))
}

nonisolated func bestAsync(_ label: String, batch: Int = 2000, _ body: () async throws -> Void) async rethrows {
    let clock = ContinuousClock()
    var samples: [Double] = []
    for _ in 0..<9 {
        let start = clock.now
        for _ in 0..<batch { try await body() }
        samples.append(seconds(clock.now - start) / Double(batch))
    }
    print(label.padding(toLength: 48, withPad: " ", startingAt: 0), String(format: "%8.2f µs", (samples.min() ?? 0) * 1e6))
}

/// Whether decoding costs more between signature checks than alone (caches the signature code evicts).
nonisolated func interference(_ fixture: BenchmarkPresentation) throws {
    try best("DeviceResponse model alone") { _ = try DeviceResponse(bytes: fixture.bytes) }
    try best("two signature checks + DeviceResponse model") {
        try fixture.verifySignatures()
        _ = try DeviceResponse(bytes: fixture.bytes)
    }
    try best("issuer signature, model, device signature") {
        try fixture.verifyIssuerSignature()
        _ = try DeviceResponse(bytes: fixture.bytes)
        try fixture.verifyDeviceSignature()
    }
}

nonisolated func run(_ fixture: BenchmarkPresentation) async throws {
    print("== \(fixture.name), \(fixture.bytes.count) B")
    _ = try await fixture.verify()
    try await bestAsync("verify") { _ = try await fixture.verify() }
    try best("two signature checks") { try fixture.verifySignatures() }
    try interference(fixture)
    let decoder = CBORDecoder()
    try best("CBOR decode of the DeviceResponse") { _ = try decoder.decode(fixture.bytes) }
    try best("DeviceResponse model (CBOR included)") { _ = try DeviceResponse(bytes: fixture.bytes) }
    let response = try DeviceResponse(bytes: fixture.bytes)
    let document = response.documents[0]
    let issuerAuth = document.issuerSigned.issuerAuth
    let payload = issuerAuth.payload!
    try best("x5chain()") { _ = try issuerAuth.headers.x5chain() }
    let x5chain = try issuerAuth.headers.x5chain()!
    let validator = DocumentSignerValidator(anchors: fixture.verifier.configuration.trustAnchors, policy: fixture.verifier.configuration.policy)
    _ = try await validator.validate(x5chain: x5chain, at: fixture.time)
    try await bestAsync("DS chain from the cache") { _ = try await validator.validate(x5chain: x5chain, at: fixture.time) }
    try best("MSO: CBOR decode of payload") { _ = try decoder.decode(decoder.decode(payload).embedded!) }
    let msoCBOR = try decoder.decode(decoder.decode(payload).embedded!)
    try best("MSO: model from CBOR") { _ = try MobileSecurityObject(msoCBOR) }
    let mso = try MobileSecurityObject(msoCBOR)
    let items = document.issuerSigned.nameSpaces.values.flatMap { $0 }
    try best("digests: SHA-256 of \(items.count) items") {
        for item in items { _ = SHA256.hash(data: item.embedded.encoded) }
    }
    try best("device key: COSEKey → public key") { _ = try mso.deviceKey.signaturePublicKey() }
    let deviceSigned = document.deviceSigned!
    try best("DeviceAuthenticationBytes") {
        _ = fixture.transcript.deviceAuthenticationBytes(docType: document.docType, deviceNameSpacesBytes: deviceSigned.nameSpacesBytes)
    }
    let deviceKey = try mso.deviceKey.signaturePublicKey()
    let dab = fixture.transcript.deviceAuthenticationBytes(docType: document.docType, deviceNameSpacesBytes: deviceSigned.nameSpacesBytes)
    guard case .signature(let deviceSignature) = deviceSigned.deviceAuth else { fatalError() }
    let algs = fixture.verifier.configuration.allowedAlgorithms
    try best("device verifyDetached, key premade") { try deviceSignature.verifyDetached(content: dab, with: deviceKey, allowedAlgorithms: algs, allowingIdenticalAttachedPayload: true) }
    try best("device verifyDetached, key made each time") { try deviceSignature.verifyDetached(content: dab, with: try mso.deviceKey.signaturePublicKey(), allowedAlgorithms: algs, allowingIdenticalAttachedPayload: true) }
    try best("device: DA bytes + key + verifyDetached") {
        let dab = fixture.transcript.deviceAuthenticationBytes(docType: document.docType, deviceNameSpacesBytes: deviceSigned.nameSpacesBytes)
        try deviceSignature.verifyDetached(content: dab, with: try mso.deviceKey.signaturePublicKey(), allowedAlgorithms: algs, allowingIdenticalAttachedPayload: true)
    }
    try best("issuer Sig_structure") {
        _ = COSESign1.signatureStructure(protectedBytes: issuerAuth.headers.protectedBytes, payload: payload)
    }
}

let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../../shared/vectors").standardized
var fixtures = [try BenchmarkPresentation.make(.p256, elements: 12), try BenchmarkPresentation.make(.ed25519, elements: 12)]
fixtures += try VectorPresentations.all(in: folder)
nonisolated func runAll(_ fixtures: [BenchmarkPresentation]) async {
    for fixture in fixtures {
        do { try await run(fixture) } catch { print("  (\(error))") }
    }
}
print("MemoryLayout: CBOR \(MemoryLayout<CBOR>.size) B, EmbeddedCBOR \(MemoryLayout<EmbeddedCBOR>.size) B")
await runAll(fixtures)
