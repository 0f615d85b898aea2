import Foundation
import Logging
import MDLKit
import MDLRelyingPartyServer
import MDLSandbox

/// The request part of `mdl-rp demo`: a registered car-rental relying party serves an OpenID4VP request over
/// loopback HTTP, the sandbox wallet fetches it with libcurl, the holder approves some elements, and the relying
/// party verifies the encrypted response; the same response posted again is refused, and a declined request ends
/// with no data.
struct RequestDemo {
    let world: DemoWorld
    let narrator: Narrator

    func run() async throws {
        narrator.heading("A consented request over HTTP (OpenID4VP, DCQL, direct_post.jwt)")
        let now = world.now
        let registered = try WellKnownSandbox.relyingParty(for: .carRental, now: now)
        let issuer = try WellKnownSandbox.issuingAuthority(now: now)
        let anchors = [try issuer.iaca.trustAnchor()]
        let relyingParty = RelyingParty(
            identity: try registered.identity(),
            verifier: PresentationVerifier(configuration: .init(trustAnchors: anchors, clock: { now })),
            replayStore: InMemoryReplayStore(), auditLog: InMemoryAuditLog(), clock: { now })
        let persona = Persona.cleanC1(today: world.today, asOf: now)
        var wallet = HolderWallet()
        wallet.store(try issuer.issue(persona.record, deviceKey: wallet.deviceCOSEKey, now: now))
        let walletVerifier = RequestVerifier(registrarRoots: [registered.registrarRoot])

        let (outcomes, outcomeSink) = AsyncStream.makeStream(of: PresentationOutcome.self)
        let (ports, portSink) = AsyncStream.makeStream(of: Int.self)
        var server = RelyingPartyServer(relyingParty: relyingParty) { outcomeSink.yield($0) }
        server.logger.logLevel = .critical
        let running = server
        let narrator = self.narrator
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await running.run(host: "127.0.0.1", port: 0) { portSink.yield($0) } }
            var portIterator = ports.makeAsyncIterator()
            guard let port = await portIterator.next(), let base = URL(string: "http://127.0.0.1:\(port)") else {
                throw InputError("the relying party's server did not start")
            }
            var outcomeIterator = outcomes.makeAsyncIterator()
            let client = CurlHTTPClient(configuration: .init(proxy: .direct, retry: .none))

            let request = try await relyingParty.createRequest(.carRental, baseURL: base)
            let asked = RequestTemplate.carRental.elements.count
            narrator.line("RP 沙箱租车 asks for \(asked) elements for car rental (no address)")
            narrator.line(request.authorizationRequestURI.prefix(96) + "…")
            let approved: Set<ElementReference> = [
                .iso("family_name_national_character"), .iso("given_name_national_character"), .iso("portrait"),
                .iso("driving_privileges"), .iso("expiry_date"),
            ]
            let answer = try await wallet.respond(
                to: request.authorizationRequestURI, client: client, verifier: walletVerifier,
                consent: ScriptedConsent(.approveSubset(approved)), now: now)
            let summary = answer.summary
            narrator.line(
                "wallet verified the request (\(summary.relyingPartyNameZH), purpose: \(summary.purpose.nameEN)); "
                    + "holder approved \(approved.count) of \(summary.elements.count)")
            if case .presented(let presentation, let receipt)? = await outcomeIterator.next() {
                let returned = presentation.documents.flatMap { $0.issuerSigned.values.flatMap(\.keys) }.sorted()
                let declined = receipt.declined.map(\.identifier).sorted().joined(separator: ", ")
                narrator.outcome(
                    true,
                    "RP verified the encrypted response: \(returned.count) elements "
                        + "(\(returned.joined(separator: ", "))); declined: \(declined)",
                    fields: ["returned": .array(returned.map(JSONValue.string))])
            } else {
                narrator.outcome(false, "the RP did not verify the response")
            }

            let replayHead = try HTTPRequest(
                checking: try Self.url(answer.reply.responseURI), method: .post,
                headerFields: [.contentType: "application/x-www-form-urlencoded"])
            let (replay, _) = try await client.send(replayHead, body: answer.reply.formBody)
            if case .refused(let error, _)? = await outcomeIterator.next() {
                narrator.expectedRefusal("the same response posted again: HTTP \(replay.status.code), refused \(error.code)")
            }

            let declinedRequest = try await relyingParty.createRequest(.carRental, baseURL: base)
            _ = try await wallet.respond(
                to: declinedRequest.authorizationRequestURI, client: client, verifier: walletVerifier,
                consent: ScriptedConsent(.decline), now: now)
            if case .declined(let receipt)? = await outcomeIterator.next() {
                narrator.outcome(
                    true, "holder declined a second request: RP recorded \(receipt.disclosed.count) disclosed elements")
            }
            group.cancelAll()
        }
    }

    private static func url(_ text: String) throws -> URL {
        guard let url = URL(string: text) else { throw InputError("bad response_uri") }
        return url
    }
}
