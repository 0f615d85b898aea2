// claim-intake: an insurer takes in a claim for an accident ten days ago. The holder's (sandbox) wallet presents
// the licence; the insurer verifies it, forwards the presentation to the issuer's status service for a point
// statement as of the accident, and judges the claim with InsuranceClaimPolicy(accidentAt:…). The licence was
// suspended five days AFTER the accident: today it is suspended, but the claim passes on the facts then.
// Exit 0 when the claim passes as expected.
import Foundation
import MDLCBOR
import MDLKit
import MDLSandbox

let now = Date()
let day: TimeInterval = 86_400
let accidentAt = Date(timeIntervalSince1970: (now.timeIntervalSince1970 - 10 * day).rounded(.down))
let clientID = "x509_san_dns:claims.insurer.example.cn"
let responseURI = "https://claims.insurer.example.cn/response"

// The sandbox issuer and its status service (loopback HTTP, in this process), and the holder's licence.
let authority = try IssuingAuthority(region: .shanghai, now: now)
let service = try StatusService(authorities: [authority])
try await service.start()
var wallet = HolderWallet()
let credential = try service.issue(
    Persona.cleanC1(today: Persona.today(at: now), asOf: now).record, by: authority, deviceKey: wallet.deviceCOSEKey, now: now)
wallet.store(credential)
if let reference = credential.mso.status {
    try service.apply(.suspend, to: reference, effectiveAt: accidentAt + 5 * day)
}

// The claim: the holder presents for the insurer's session (the nonce is its consent to one statement).
let nonce = "claim-\(UInt64(now.timeIntervalSince1970))"
let transcript = SessionTranscript.openID4VP(clientID: clientID, nonce: nonce, jwkThumbprint: nil, responseURI: responseURI)
let response = try wallet.present(elements: nil, transcript: transcript).encoded
let verifier = PresentationVerifier(configuration: .init(
    trustAnchors: [try authority.iaca.trustAnchor()], clock: { now },
    status: .skip(reason: "a claim is judged by the issuer's statement as of the accident, not today's list")))
let statementURL = try service.pointStatementURL(for: authority)
var outcome = DecisionOutcome.fail
do throws(MDLError) {
    let presentation = try await verifier.verify(response, sessionTranscript: transcript)
    guard let document = presentation.documents.first, let facts = presentation.license else {
        throw MDLError(code: .docTypeMismatch, message: "no driving licence in the presentation")
    }
    let asked = PointStatementRequest(presentation: response, clientID: clientID, nonce: nonce, responseURI: responseURI, at: accidentAt)
    let statement = try await StatusClient().pointStatement(
        from: statementURL, request: asked, trust: .issuer(of: document))
    let decision = InsuranceClaimPolicy(accidentAt: accidentAt, vehicleClass: "C1", statement: statement).decide(facts)
    outcome = decision.outcome
    print("accident \(TDate.format(accidentAt)): status \(statement.statusLetters), "
        + "\(statement.credentialStatus.map { "\($0)" } ?? "?"), \(statement.points.pointsInCycle) points then")
    print("claim: \(decision.outcome.rawValue) (\(decision.reasons.map(\.code).joined(separator: ", ")))")
} catch {
    print("claim refused: \(error.code.rawValue)")
}
await service.stop()
print(outcome == .pass ? "claim-intake: ok" : "claim-intake: unexpected outcome \(outcome.rawValue)")
exit(outcome == .pass ? 0 : 1)
