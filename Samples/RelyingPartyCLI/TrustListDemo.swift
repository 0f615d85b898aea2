import Foundation
import MDLCOSE
import MDLKit
import MDLSandbox

/// The trust-list part of `mdl-rp demo`: the national operator publishes a signed VICAL over loopback HTTP, the
/// relying party's TrustStore fetches and verifies it, and licences from two regions verify with the same RP.
struct TrustListDemo {
    let world: DemoWorld
    let narrator: Narrator

    func run() async throws {
        narrator.heading("One trust list, many issuing authorities (VICAL over HTTP)")
        let now = world.now
        let trustOperator = try TrustListOperator(now: now)
        await trustOperator.add(world.shanghai)
        await trustOperator.add(world.sichuanP256)
        await trustOperator.add(try IssuingAuthority(region: .jiangsu, now: now))
        let published = try await trustOperator.publish(now: now)
        let count = await trustOperator.registrations.count
        let issueID = await trustOperator.issueID
        narrator.line("operator published VICAL #\(issueID) naming \(count) IACAs (\(published.count) bytes)")

        let cache = FileManager.default.temporaryDirectory.appendingPathComponent("mdl-rp-demo-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: cache) }
        let root = trustOperator.signer.root.certificate
        let narrator = self.narrator
        let world = self.world
        try await trustOperator.serve { url in
            let store = await TrustStore(
                configuration: .init(
                    listURL: url, signerAnchors: [root], cacheDirectory: cache,
                    httpClient: CurlHTTPClient(configuration: .init(proxy: .direct, retry: .none)), clock: { now }))
            let verified = try await store.refresh()
            let regions = verified.vical.certificateInfos.compactMap(\.stateOrProvinceName).joined(separator: ", ")
            narrator.outcome(
                true, "RP fetched \(url.absoluteString) and verified VICAL #\(verified.vical.issueID) (regions \(regions))",
                fields: ["issueID": .integer(Int64(clamping: verified.vical.issueID))])
            let verifier = PresentationVerifier(
                configuration: .init(trustAnchors: try await store.anchors(at: now), clock: { now }))
            for authority in [world.shanghai, world.sichuanP256] {
                let transcript = SessionTranscript.openID4VP(
                    clientID: "x509_san_dns:rental.example.cn", nonce: Base64URL.encode(SecureRandom.bytes(count: 16)),
                    jwkThumbprint: nil, responseURI: "https://rental.example.cn/response")
                var wallet = HolderWallet(deviceKeyAlgorithm: .ed25519)
                let persona = Persona.cleanC1(today: world.today, asOf: now)
                wallet.store(try authority.issue(persona.record, deviceKey: wallet.deviceCOSEKey, now: now))
                let bytes = try wallet.present(elements: nil, transcript: transcript).encoded
                let presentation = try await verifier.verify(bytes, sessionTranscript: transcript, at: now)
                let path = presentation.documents.first?.trustPath.subjects.joined(separator: " → ") ?? "?"
                narrator.outcome(
                    true, "licence from \(authority.region.nameEN) verified through the list: \(path)",
                    fields: ["region": .string(authority.region.code)])
            }
        }
    }
}
