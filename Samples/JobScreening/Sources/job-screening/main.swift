// job-screening: a transport company screens a batch of ride-hailing driver applicants. Each applicant's wallet
// presents the licence; the batch verifies every presentation and decides each with
// DrivingJobPolicy.rideHailing (class held three years, no 12-point cycle). Exit 0 when every decision is the
// expected one.
import Foundation
import MDLCBOR
import MDLKit
import MDLSandbox

let now = Date()
let today = Persona.today(at: now)
let authority = try IssuingAuthority(region: .shanghai, now: now)
// The issuer's status service (loopback HTTP, in this process): every licence carries a status-list reference.
let service = try StatusService(authorities: [authority])
try await service.start()
let verifier = PresentationVerifier(configuration: .init(trustAnchors: [try authority.iaca.trustAnchor()], clock: { now }, status: .check(with: StatusClient())))
let policy = DrivingJobPolicy.rideHailing(on: today)

// The batch: each applicant's presentation for the company's session, and the decision expected.
var batch: [(id: String, transcript: SessionTranscript, presentation: [UInt8], expected: DecisionOutcome)] = []
let applicants: [(Persona, DecisionOutcome)] = [
    (.cleanC1(today: today, asOf: now), .pass),
    (.probationer(today: today, asOf: now), .fail),
    (.twelvePoints(today: today, asOf: now), .fail),
]
for (index, (persona, expected)) in applicants.enumerated() {
    var wallet = HolderWallet()
    wallet.store(try service.issue(persona.record, by: authority, deviceKey: wallet.deviceCOSEKey, now: now))
    let transcript = SessionTranscript.openID4VP(
        clientID: "x509_san_dns:hr.transport.example.cn", nonce: "screening-\(index)", jwkThumbprint: nil,
        responseURI: "https://hr.transport.example.cn/response")
    batch.append((persona.id, transcript, try wallet.present(elements: nil, transcript: transcript).encoded, expected))
}

var counts: [DecisionOutcome: Int] = [:]
var failures = 0
for applicant in batch {
    do throws(MDLError) {
        let presentation = try await verifier.verify(applicant.presentation, sessionTranscript: applicant.transcript)
        guard let facts = presentation.license else { throw MDLError(code: .docTypeMismatch, message: "no licence") }
        let decision = policy.decide(facts)
        counts[decision.outcome, default: 0] += 1
        let reasons = decision.reasons.filter { $0.severity != .info }.map(\.code).joined(separator: ", ")
        print("\(applicant.id): \(decision.outcome.rawValue)\(reasons.isEmpty ? "" : " (\(reasons))")")
        if decision.outcome != applicant.expected { failures += 1 }
    } catch {
        print("\(applicant.id): refused \(error.code.rawValue)")
        if applicant.expected == .pass { failures += 1 }
    }
}
await service.stop()
print("job-screening: \(batch.count) screened, \(counts[.pass] ?? 0) pass, \(counts[.fail] ?? 0) fail, \(counts[.refer] ?? 0) refer")
exit(failures == 0 ? 0 : 1)
