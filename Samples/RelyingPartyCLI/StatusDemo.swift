import Foundation
import MDLCBOR
import MDLCOSE
import MDLKit
import MDLSandbox

/// Real-time status: the sandbox status service publishes Shanghai's status list; a licence verifies as normal, the
/// police suspend it, and the relying party's next check reports it within one fetch. Then a point statement for
/// the relying party's session, and the same statement shown to another relying party, refused.
struct StatusDemo {
    let world: DemoWorld
    let narrator: Narrator

    func run() async throws {
        narrator.heading("Real-time status: the issuer's status service (Token Status List over HTTP)")
        let now = world.now
        let service = try StatusService(
            authorities: [world.shanghai], configuration: .init(cacheMaxAge: 0), now: { now })
        try await service.start()
        do {
            try await show(service)
        } catch {
            await service.stop()
            throw error
        }
        await service.stop()
    }

    private func show(_ service: StatusService) async throws {
        let persona = Persona.cleanC1(today: world.today, asOf: world.now)
        var wallet = HolderWallet()
        let credential = try service.issue(persona.record, by: world.shanghai, deviceKey: wallet.deviceCOSEKey, now: world.now)
        wallet.store(credential)
        guard let reference = credential.mso.status else { return }
        narrator.line("status service on 127.0.0.1:\(service.port ?? 0); the MSO references index \(reference.index) of \(reference.uri)")

        let nonce = Base64URL.encode(SecureRandom.bytes(count: 16))
        let clientID = "x509_san_dns:rental.example.cn"
        let responseURI = "https://rental.example.cn/response"
        let transcript = SessionTranscript.openID4VP(clientID: clientID, nonce: nonce, jwkThumbprint: nil, responseURI: responseURI)
        let bytes = try wallet.present(elements: nil, transcript: transcript).encoded
        let now = world.now
        let client = StatusClient(client: CurlHTTPClient(configuration: .init(proxy: .direct)), now: { now })
        // Status is a step of verification: the verifier asks the issuer's status service before it answers.
        let presentation = try await world.verifier(status: .check(with: client)).verify(bytes, sessionTranscript: transcript)
        guard let document = presentation.documents.first else { return }
        let anchors = try [world.shanghai.iaca.trustAnchor()]

        try await check(document, anchors: anchors, client: client, label: "before")

        narrator.heading("The traffic police suspend the licence (暂扣, letter D)")
        try service.apply(.suspend, to: reference)
        try await check(document, anchors: anchors, client: client, label: "after")

        narrator.heading("A point statement for this rental counter's session, with the holder's consent")
        let request = PointStatementRequest(presentation: bytes, clientID: clientID, nonce: nonce, responseURI: responseURI)
        let statement = try await client.pointStatement(
            from: try service.pointStatementURL(for: world.shanghai), request: request, trust: .issuer(of: document))
        narrator.outcome(true, "points \(statement.points.pointsInCycle) in the cycle \(statement.points.cycleStart)…\(statement.points.cycleEnd), status letters \(statement.statusLetters) (\(statement.statusLetters.en))")
        let binding = PointStatement.binding(issuerAuth: credential.issuerAuth)
        do {
            let key = try statementKey(service)
            try statement.verify(with: key, binding: binding, nonce: nonce, relyingParty: "x509_san_dns:insurer.example.cn", at: world.now, maxAge: 300)
            narrator.outcome(false, "the statement was accepted by another relying party")
        } catch let error as MDLError {
            narrator.expectedRefusal("the same statement shown to an insurer: refused \(error.code.rawValue)", fields: ["code": .string(error.code.rawValue)])
        }
    }

    private func check(_ document: VerifiedDocument, anchors: [TrustAnchor], client: StatusClient, label: String) async throws {
        do {
            let result = try await client.status(of: document, at: world.now)
            if let refusal = result.refusal { throw refusal }
            let status = StatusCheck.json(result, uri: document.statusReference?.uri ?? "")
            narrator.outcome(
                true, "status check \(label): \(HumanStatusLine.text(result, uri: document.statusReference?.uri))",
                fields: ["status": status])
        } catch let error as MDLError {
            narrator.expectedRefusal("status check \(label): refused \(error.code.rawValue) — \(error.message)", fields: ["code": .string(error.code.rawValue)])
        }
    }

    private func statementKey(_ service: StatusService) throws -> SignaturePublicKey {
        let signer = try service.statusSigner(for: world.shanghai)
        return try StatusSignerKey.read(try signer.pemEncoded())
    }
}
