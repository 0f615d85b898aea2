import Foundation
import MDLCBOR
import MDLKit
import MDLSandbox

/// The sandbox the demo runs against: issuing authorities and one wallet per persona.
struct DemoWorld {
    let now: Date
    let today: FullDate
    let shanghai: IssuingAuthority
    let sichuanP256: IssuingAuthority
    let wallets: [String: HolderWallet]
    let personas: [Persona]

    static func start(now: Date = Date()) async throws -> DemoWorld {
        let today = Persona.today(at: now)
        let shanghai = try IssuingAuthority(region: .shanghai, now: now)
        let sichuan = try IssuingAuthority(region: .sichuan, keyAlgorithm: .p256, now: now)
        let personas = Persona.all(today: today, asOf: now)
        var wallets: [String: HolderWallet] = [:]
        for (index, persona) in personas.enumerated() {
            var wallet = HolderWallet(deviceKeyAlgorithm: index % 2 == 0 ? .ed25519 : .p256)
            wallet.store(try shanghai.issue(persona.record, deviceKey: wallet.deviceCOSEKey, now: now))
            wallets[persona.id] = wallet
        }
        return DemoWorld(now: now, today: today, shanghai: shanghai, sichuanP256: sichuan, wallets: wallets, personas: personas)
    }

    /// A verifier of the demo's issuers; status fails closed unless `status` says how to check it.
    func verifier(policy: VerificationPolicy = .strict, status: StatusCheckPolicy = .required) throws -> PresentationVerifier {
        let anchors = try [shanghai.iaca.trustAnchor(), sichuanP256.iaca.trustAnchor()]
        let clock = now
        return PresentationVerifier(configuration: .init(trustAnchors: anchors, policy: policy, clock: { clock }, status: status))
    }
}
