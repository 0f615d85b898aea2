// A sandbox issuer, holder wallet, registrar and relying party for the harnesses that need real keys: documents
// that verify, request objects a wallet accepts, responses a relying party decrypts.

import Foundation
import MDLCBOR
import MDLKit
import MDLSandbox

struct SandboxWorld: Sendable {
    static let baseURL = URL(string: "http://127.0.0.1/oid4vp")!  // sandbox identities may use loopback endpoints only

    let authority: IssuingAuthority
    let wallet: HolderWallet
    let registrar: Registrar
    let relyingParty: RelyingParty
    let request: PresentationRequest

    init() throws {
        let now = fuzzNow
        let today = FullDate(daysSinceEpoch: Int(now.timeIntervalSince1970 / 86_400))
        authority = try IssuingAuthority(region: .shanghai, now: now)
        var wallet = HolderWallet()
        wallet.store(try authority.issue(
            Persona.cleanC1(today: today, asOf: now).record, deviceKey: wallet.deviceCOSEKey, now: now))
        self.wallet = wallet
        registrar = try Registrar(now: now)
        let rental = try registrar.register(.sandboxRental, now: now)
        let verifier = PresentationVerifier(
            configuration: .init(trustAnchors: [try authority.iaca.trustAnchor()], clock: { now }))
        let relyingParty = RelyingParty(
            identity: try rental.identity(), verifier: verifier, replayStore: InMemoryReplayStore(),
            auditLog: InMemoryAuditLog(), clock: { now })
        self.relyingParty = relyingParty
        let made = runBlocking { () async -> Result<PresentationRequest, MDLError> in
            do throws(MDLError) {
                return .success(try await relyingParty.createRequest(.carRental, baseURL: SandboxWorld.baseURL))
            } catch {
                return .failure(error)
            }
        }
        request = try made.get()
    }

    /// The wallet's verifier of request objects, trusting this world's registrar.
    var walletVerifier: RequestVerifier { RequestVerifier(registrarRoots: [registrar.authority.certificate]) }

    /// The wallet's answer to this world's request.
    func answer(_ decision: ConsentDecision) throws -> WalletReply {
        let verifier = walletVerifier
        let requestObject = request.requestObject
        let received = runBlocking { () async -> Result<ReceivedRequest, MDLError> in
            do throws(MDLError) {
                return .success(try await verifier.verify(requestObject, at: fuzzNow))
            } catch {
                return .failure(error)
            }
        }
        return try wallet.answer(try received.get(), decision: decision)
    }
}
