// rental-counter: a car-rental counter. For each customer it opens an OpenID4VP request for the rental use case,
// lets the customer's (sandbox) wallet answer, checks the response, and decides with RentalPolicy for a C1 car
// picked up today and returned in three days. Exit 0 when every decision is the expected one.
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
let registrar = try Registrar(now: now)
let counter = try registrar.register(.sandboxRental, now: now)
let verifier = PresentationVerifier(configuration: .init(trustAnchors: [try authority.iaca.trustAnchor()], clock: { now }, status: .check(with: StatusClient())))
let relyingParty = RelyingParty(identity: try counter.identity(), verifier: verifier, storage: .inMemory(), clock: { now })
let wallets = RequestVerifier(registrarRoots: [registrar.authority.certificate])
let policy = RentalPolicy(vehicleClass: "C1", pickup: today, returnDate: today.adding(days: 3))

let customers: [(Persona, DecisionOutcome)] = [
    (.cleanC1(today: today, asOf: now), .pass),
    (.twelvePoints(today: today, asOf: now), .fail),
    (.expired(today: today, asOf: now), .fail),
]
var failures = 0
for (persona, expected) in customers {
    var wallet = HolderWallet()
    wallet.store(try service.issue(persona.record, by: authority, deviceKey: wallet.deviceCOSEKey, now: now))
    let request = try await relyingParty.createRequest(.carRental, baseURL: URL(string: "http://127.0.0.1/oid4vp")!)
    let reply = try wallet.answer(try await wallets.verify(request.requestObject, at: now), decision: .approveAll)
    let received = await relyingParty.receive(jwe: reply.jwe, forRequest: request.id)
    guard case .presented(let presentation, _) = received.outcome, let facts = presentation.license else {
        print("\(persona.id): refused \(received.outcome.error?.code.rawValue ?? "?")")
        if expected == .pass { failures += 1 }
        continue
    }
    let decision = policy.decide(facts)
    let reasons = decision.reasons.filter { $0.severity != .info }.map(\.code).joined(separator: ", ")
    print("\(persona.id): \(decision.outcome.rawValue)\(reasons.isEmpty ? "" : " (\(reasons))")")
    if (decision.outcome == .pass) != (expected == .pass) { failures += 1 }
}
await service.stop()
print(failures == 0 ? "rental-counter: ok" : "rental-counter: \(failures) unexpected decision(s)")
exit(failures == 0 ? 0 : 1)
