import Foundation
import MDLCBOR
import MDLCOSE
import MDLKit
import MDLSandbox

/// Insurance claims judged as of an accident ten days ago, with the licence's status changing in between: the
/// sandbox status service records each change with the time it took effect, the insurer forwards the holder's
/// presentation as consent for one point statement at the accident instant, and ``InsuranceClaimPolicy`` judges it.
struct ClaimHistoryDemo {
    let world: DemoWorld
    let narrator: Narrator

    /// One claim: the changes the traffic police recorded (with their effect relative to the accident) and the
    /// outcome the demo is there to show.
    struct Claim {
        let title: String
        let changes: [(StatusOperation, TimeInterval)]
        let expected: DecisionOutcome
    }

    static let day: TimeInterval = 86_400

    static let claims = [
        Claim(
            title: "claims for an accident ten days ago; the licence was suspended five days after it",
            changes: [(.suspend, 5 * day)],
            expected: .pass
        ),
        Claim(
            title: "claims for an accident ten days ago; the licence was suspended five days before it",
            changes: [(.suspend, -5 * day)],
            expected: .fail
        ),
        Claim(
            title: "claims for an accident ten days ago; 6 points before it, 12 (detained) three days after",
            changes: [(.deductPoints(6), -20 * day), (.deductPoints(6), 3 * day)],
            expected: .pass
        ),
    ]

    /// Runs the claims; returns their outcomes.
    func run() async throws -> [DecisionOutcome] {
        narrator.heading("Insurance claim as of the accident (事故时状态): point statements for a past instant")
        let now = world.now
        let service = try StatusService(
            authorities: [world.shanghai],
            configuration: .init(cacheMaxAge: 0),
            now: { now }
        )
        try await service.start()
        do {
            let outcomes = try await show(service)
            await service.stop()
            return outcomes
        } catch {
            await service.stop()
            throw error
        }
    }

    private func show(_ service: StatusService) async throws -> [DecisionOutcome] {
        let accident = Date(timeIntervalSince1970: (world.now.timeIntervalSince1970 - 10 * Self.day).rounded(.down))
        let client = StatusClient(
            client: CurlHTTPClient(configuration: .init(proxy: .direct)),
            now: { [now = world.now] in now }
        )
        // Today's status would refuse a licence suspended after the accident; the claim is judged by the issuer's
        // statement as of the accident instead, so today's check is skipped, explicitly, and shown beside.
        let verifier = try world.verifier(status: .skip(reason: "the claim is judged by a statement as of the accident"))
        var outcomes: [DecisionOutcome] = []
        for claim in Self.claims {
            var wallet = HolderWallet()
            // Licensed nine years and two months ago: the points cycle (from the first-licence anniversary) began
            // before the accident, so the statement's cycle is the one that contained it.
            let persona = Persona.cleanC1(today: world.today.adding(days: -60), asOf: world.now)
            let credential = try service.issue(
                persona.record,
                by: world.shanghai,
                deviceKey: wallet.deviceCOSEKey,
                now: world.now
            )
            wallet.store(credential)
            guard let reference = credential.mso.status else { continue }
            for (operation, offset) in claim.changes {
                try service.apply(operation, to: reference, effectiveAt: accident + offset)
            }
            let clientID = "x509_san_dns:claims.insurer.example.cn"
            let responseURI = "https://claims.insurer.example.cn/response"
            let nonce = Base64URL.encode(SecureRandom.bytes(count: 16))
            let transcript = SessionTranscript.openID4VP(
                clientID: clientID,
                nonce: nonce,
                jwkThumbprint: nil,
                responseURI: responseURI
            )
            let bytes = try wallet.present(elements: UseCaseScenario.requested, transcript: transcript).encoded
            let presentation = try await verifier.verify(bytes, sessionTranscript: transcript)
            guard let document = presentation.documents.first, let facts = presentation.license else { continue }
            if !narrator.json { print("") }
            narrator.line(Terminal.bold(persona.id) + " " + claim.title)
            let today = try? await client.status(for: reference, trust: .issuer(of: document))
            let request = PointStatementRequest(
                presentation: bytes,
                clientID: clientID,
                nonce: nonce,
                responseURI: responseURI,
                at: accident
            )
            let result = await AccidentClaim(accidentAt: accident, vehicleClass: "C1").judge(
                document,
                facts: facts,
                request: request,
                client: client,
                todayStatus: today?.credentialStatus.map(AccidentClaim.Result.name),
                at: world.now
            )
            for line in result.lines { narrator.line(line) }
            let decision = result.decision
            let scenario = UseCaseScenario(
                useCase: .insurance,
                persona: persona.id,
                title: claim.title,
                clientID: clientID,
                expected: claim.expected,
                decide: { _, _ in decision }
            )
            narrator.decision(scenario, result.decision, verifiedBy: document.trustPath.subjects, extra: ["claim": result.json])
            outcomes.append(result.decision.outcome)
        }
        try await refusedLookBack(service, client: client)
        return outcomes
    }

    /// Four years back is past the three-year look-back: refused before anything is asked.
    private func refusedLookBack(_ service: StatusService, client: StatusClient) async throws {
        var wallet = HolderWallet()
        let persona = Persona.cleanC1(today: world.today, asOf: world.now)
        wallet.store(
            try service.issue(persona.record, by: world.shanghai, deviceKey: wallet.deviceCOSEKey, now: world.now)
        )
        let transcript = SessionTranscript.openID4VP(
            clientID: "x509_san_dns:claims.insurer.example.cn",
            nonce: "look-back",
            jwkThumbprint: nil,
            responseURI: "https://claims.insurer.example.cn/response"
        )
        let request = PointStatementRequest(
            presentation: try wallet.present(elements: nil, transcript: transcript).encoded,
            clientID: "x509_san_dns:claims.insurer.example.cn",
            nonce: "look-back",
            responseURI: "https://claims.insurer.example.cn/response",
            at: world.now - 4 * 365 * Self.day
        )
        let url = try service.pointStatementURL(for: world.shanghai)
        let trust = StatusSignerTrust.issuer([try world.shanghai.iaca.trustAnchor()])
        do {
            _ = try await client.pointStatement(from: url, request: request, trust: trust)
            narrator.outcome(false, "a statement four years back was issued")
        } catch {
            narrator.outcome(
                true,
                "a statement four years back (past the three-year look-back): refused \(error.code.rawValue)",
                fields: ["code": .string(error.code.rawValue)]
            )
        }
    }
}
