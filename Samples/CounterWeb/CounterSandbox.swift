import Foundation
import MDLKit
import MDLSandbox

/// The sandbox behind the page: the Shanghai issuing authority with its status service on loopback, and one
/// holder's wallet whose licence references that service's status list, so every verification checks status.
///
/// **Sandbox only.** The wallet endpoints (`/sandbox/wallet/…`) stand in for a phone and a browser's wallet.
struct CounterSandbox: Sendable {
    /// The issuing authority (well-known sandbox keys).
    let authority: IssuingAuthority
    /// The status service the licence's status reference points at.
    let statusService: StatusService
    /// The holder's wallet.
    let wallet: HolderWallet
    /// What the wallet trusts to check a relying party's request.
    let requestVerifier: RequestVerifier
    /// What the relying parties trust: the sandbox IACA.
    let trustAnchor: TrustAnchor

    /// Starts the status service and issues the persona's licence under it.
    static func start(now: Date, persona: String = "clean-c1") async throws -> CounterSandbox {
        let authority = try WellKnownSandbox.issuingAuthority(now: now)
        let service = try StatusService(authorities: [authority])
        try await service.start()
        guard let holder = Persona.named(persona, today: Persona.today(at: now), asOf: now) else {
            throw MDLError(code: .requestInvalid, message: "unknown sandbox persona")
        }
        var wallet = HolderWallet()
        wallet.store(try service.issue(holder.record, by: authority, deviceKey: wallet.deviceCOSEKey, now: now))
        return CounterSandbox(
            authority: authority, statusService: service, wallet: wallet,
            requestVerifier: RequestVerifier(registrarRoots: [try WellKnownSandbox.registrar(now: now).authority.certificate]),
            trustAnchor: try authority.iaca.trustAnchor(notes: "sandbox issuer (well-known keys)"))
    }

    /// Stops the status service.
    func stop() async { await statusService.stop() }

    /// The wallet on a phone: fetches the `openid4vp://` request, checks it, presents everything, posts the answer.
    /// Returns the HTTP status of the post.
    func present(_ uri: String, now: Date) async throws -> Int {
        let result = try await wallet.respond(
            to: uri, client: CurlHTTPClient(), verifier: requestVerifier, consent: ScriptedConsent(.approveAll), now: now)
        return result.httpStatus ?? 0
    }

    /// The wallet behind the browser's Digital Credentials API: the `navigator.credentials.get` argument in, the
    /// credential the browser resolves to out.
    func answerDigitalCredentials(_ argument: [UInt8], origin: String, now: Date) async throws -> String {
        let request = try await requestVerifier.verifyDigitalCredentials(argument, origin: origin, at: now)
        return try wallet.answer(request, decision: .approveAll).json()
    }
}
