import Foundation
import MDLCBOR
import MDLKit
import MDLSandbox
import Testing
import X509

/// A trust-list operator with three regions, a relying party's TrustStore on a fresh cache directory, and helpers
/// to issue and verify licences; the clock is fixed and moved by hand.
struct TrustStoreFixture {
    static let now = SandboxFixture.now

    let trustOperator: TrustListOperator
    let clock = ManualClock(SandboxFixture.now)
    let cacheDirectory: URL

    init(regions: [IssuingAuthority.Region] = [.shanghai, .sichuan, .jiangsu]) async throws {
        trustOperator = try TrustListOperator(now: Self.now)
        for (index, region) in regions.enumerated() {
            await trustOperator.add(
                try IssuingAuthority(region: region, keyAlgorithm: index % 2 == 0 ? .ed25519 : .p256, now: Self.now))
        }
        cacheDirectory = FileManager.default.temporaryDirectory
            .appendingPathComponent("mdlkit-truststore-\(UUID().uuidString)")
    }

    /// A store fetching `url`, pinned to this operator's root (or `anchors`), on this fixture's cache directory.
    func store(
        url: URL, anchors: [Certificate]? = nil, stalenessBound: TimeInterval = 3_600,
        refreshInterval: Duration = .seconds(3_600)
    ) async -> TrustStore {
        let clock = self.clock
        return await TrustStore(
            configuration: .init(
                listURL: url, signerAnchors: anchors ?? [trustOperator.signer.root.certificate],
                cacheDirectory: cacheDirectory, stalenessBound: stalenessBound, refreshInterval: refreshInterval,
                httpClient: CurlHTTPClient(
                    configuration: .init(connectTimeout: .seconds(2), totalTimeout: .seconds(5), proxy: .direct, retry: .none)),
                clock: { clock.now }))
    }

    /// A licence from `authority`, signed at `signedAt`, presented over the fixture transcript.
    static func licence(from authority: IssuingAuthority, signedAt: Date = now) throws -> [UInt8] {
        var wallet = HolderWallet(deviceKeyAlgorithm: .ed25519)
        let persona = Persona.cleanC1(today: SandboxFixture.today, asOf: signedAt)
        wallet.store(
            try authority.issue(
                persona.record, deviceKey: wallet.deviceCOSEKey, now: signedAt,
                validUntil: signedAt.addingTimeInterval(365 * 86_400)))
        return try wallet.present(elements: nil, transcript: SandboxFixture.transcript).encoded
    }

    /// Verifies `licence` with the store's anchors at the fixture clock's time.
    func verify(_ licence: [UInt8], with store: TrustStore) async throws -> VerifiedPresentation {
        let time = clock.now
        let anchors = try await store.anchors(at: time)
        let verifier = PresentationVerifier(configuration: .init(trustAnchors: anchors, clock: { time }))
        return try await verifier.verify(licence, sessionTranscript: SandboxFixture.transcript, at: time)
    }

    /// The error code `body` throws, or `nil` when it does not throw an MDLError.
    static func code(_ body: () async throws -> Void) async -> MDLError.Code? {
        do {
            try await body()
            return nil
        } catch let error as MDLError {
            return error.code
        } catch {
            return nil
        }
    }

    /// Waits (up to `seconds`) until `condition` holds.
    static func eventually(seconds: Double = 10, _ condition: () async -> Bool) async -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if await condition() { return true }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return await condition()
    }

    func removeCache() { try? FileManager.default.removeItem(at: cacheDirectory) }
}
