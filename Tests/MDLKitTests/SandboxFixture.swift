import Foundation
import MDLCBOR
import MDLCOSE
import MDLKit
import MDLSandbox

/// A fixed clock and a sandbox issuer and wallet, made fresh for each test.
struct SandboxFixture {
    static let now = Date(timeIntervalSince1970: 1_764_000_000)  // 2025-11-24T16:00:00Z
    static let today = FullDate(daysSinceEpoch: Int(now.timeIntervalSince1970 / 86_400))
    static let transcript = SessionTranscript.openID4VP(
        clientID: "x509_san_dns:rp.example.cn", nonce: "n-0S6_WzA2Mj", jwkThumbprint: Array(repeating: 7, count: 32),
        responseURI: "https://rp.example.cn/response")

    let authority: IssuingAuthority
    var wallet: HolderWallet
    let persona: Persona

    init(
        issuerKey: SigningKey.Algorithm = .ed25519, deviceKey: SigningKey.Algorithm = .ed25519,
        persona: Persona = Persona.cleanC1(today: SandboxFixture.today, asOf: SandboxFixture.now),
        authority: IssuingAuthority? = nil, validFrom: Date? = nil, validUntil: Date? = nil
    ) throws {
        self.authority = try authority ?? IssuingAuthority(region: .shanghai, keyAlgorithm: issuerKey, now: Self.now)
        self.persona = persona
        wallet = HolderWallet(deviceKeyAlgorithm: deviceKey)
        wallet.store(try self.authority.issue(persona.record, deviceKey: wallet.deviceCOSEKey, now: Self.now, validFrom: validFrom, validUntil: validUntil))
    }

    func verifier(anchors: [TrustAnchor]? = nil, policy: VerificationPolicy = .strict) throws -> PresentationVerifier {
        PresentationVerifier(configuration: .init(trustAnchors: try anchors ?? [authority.iaca.trustAnchor()], policy: policy, clock: { SandboxFixture.now }))
    }

    func presentation(_ elements: [String: Set<String>]? = nil, transcript: SessionTranscript = SandboxFixture.transcript) throws -> [UInt8] {
        try wallet.present(elements: elements, transcript: transcript).encoded
    }

    /// Expects `body` to throw an MDLError with `code`.
    static func expectCode(_ code: MDLError.Code, _ body: () async throws -> Void) async -> Bool {
        do {
            try await body()
            return false
        } catch let error as MDLError {
            return error.code == code
        } catch {
            return false
        }
    }
}
