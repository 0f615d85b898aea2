import Foundation
import MDLCBOR
import MDLKit

/// One use-case run of the demo: a persona's wallet answers a relying party's request and a policy decides.
struct UseCaseScenario: Sendable {
    /// The use case it belongs to.
    let useCase: DemoCommand.UseCase
    /// The sandbox persona presenting (``Persona/id``).
    let persona: String
    /// What the relying party is doing, for people.
    let title: String
    /// The relying party's client identifier (`x509_san_dns:`…), bound into the session transcript.
    let clientID: String
    /// Elements the holder declines to share; the rest of the request is returned.
    var declined: [String: Set<String>] = [:]
    /// The outcome the scenario is there to show, for the summary.
    let expected: DecisionOutcome
    /// The policy, given the facts and the credential's status-list value.
    let decide: @Sendable (LicenseFacts, LicenseCredentialStatus?) -> Decision

    /// The elements every use case asks for: identity, classes, validity and the Chinese status elements.
    static let requested: [String: Set<String>] = [
        MDLProfile.isoNameSpace: [
            "family_name", "given_name", "family_name_national_character", "given_name_national_character",
            "birth_date",
            "portrait", "driving_privileges", "issue_date", "expiry_date", "issuing_country",
        ],
        MDLProfile.chinaNameSpace: ["status_letters", "points", "first_license_date", "probation_end"],
    ]

    /// The requested elements less the declined ones.
    var returned: [String: Set<String>] {
        Self.requested.reduce(into: [:]) { result, entry in
            result[entry.key] = entry.value.subtracting(declined[entry.key] ?? [])
        }
    }

    /// The scenarios of `useCase` (every one for ``DemoCommand/UseCase/all``), with dates relative to `today`.
    static func all(for useCase: DemoCommand.UseCase, today: FullDate) -> [UseCaseScenario] {
        switch useCase {
        case .rental: return rental(today: today)
        case .insurance: return insurance(today: today)
        case .employment: return employment(today: today)
        case .all: return rental(today: today) + insurance(today: today) + employment(today: today)
        }
    }

    static func rental(today: FullDate) -> [UseCaseScenario] {
        let client = "x509_san_dns:rental.example.cn"
        func car(trailer: Bool = false) -> @Sendable (LicenseFacts, LicenseCredentialStatus?) -> Decision {
            { facts, status in
                RentalPolicy(
                    vehicleClass: "C1", pickup: today, returnDate: today.adding(days: 3), towsTrailer: trailer,
                    credentialStatus: status
                )
                .decide(facts)
            }
        }
        return [
            UseCaseScenario(
                useCase: .rental, persona: "clean-c1", title: "rents a C1 car for three days", clientID: client,
                expected: .pass, decide: car()),
            UseCaseScenario(
                useCase: .rental, persona: "probationer", title: "rents a car with a trailer while on probation",
                clientID: client,
                expected: .fail, decide: car(trailer: true)),
            UseCaseScenario(
                useCase: .rental, persona: "twelve-points", title: "rents a car with 12 points this cycle",
                clientID: client, expected: .fail,
                decide: car()),
            UseCaseScenario(
                useCase: .rental, persona: "expired", title: "rents a car on an expired licence", clientID: client,
                expected: .fail, decide: car()),
            UseCaseScenario(
                useCase: .rental, persona: "superseded", title: "rents a car with a superseded licence",
                clientID: client, expected: .fail,
                decide: car()),
            UseCaseScenario(
                useCase: .rental, persona: "clean-c1", title: "rents a car but declines to share the licence status",
                clientID: client,
                declined: [MDLProfile.chinaNameSpace: ["status_letters"]], expected: .refer, decide: car()),
        ]
    }

    static func insurance(today: FullDate) -> [UseCaseScenario] {
        let client = "x509_san_dns:claims.insurer.example.cn"
        let accident = today.adding(days: -10)
        /// A traffic-police statement as of the accident: status letters and the points of the cycle then running.
        struct Statement: Sendable {
            let letters: String
            let points: Int
        }
        func claim(use: VehicleUse = VehicleUse(), statement: Statement? = nil)
            -> @Sendable (LicenseFacts, LicenseCredentialStatus?) -> Decision
        {
            { facts, status in
                let cycleStart = accident.adding(years: -1).adding(days: 20)
                let points = statement.map {
                    PointsRecord(
                        pointsInCycle: $0.points, cycleStart: cycleStart,
                        cycleEnd: cycleStart.adding(years: 1).adding(days: -1),
                        fullPointCyclesInLastThree: 0,
                        asOf: Date(timeIntervalSince1970: TimeInterval(accident.daysSinceEpoch) * 86_400))
                }
                return InsuranceClaimPolicy(
                    accidentDate: accident, vehicleClass: "C1", use: use,
                    statusAtAccident: statement.flatMap { try? LicenseStatusLetters(parsing: $0.letters) },
                    pointsAtAccident: points, credentialStatus: status
                ).decide(facts)
            }
        }
        return [
            UseCaseScenario(
                useCase: .insurance, persona: "clean-c1",
                title: "claims for an accident ten days ago, judged on today's status alone (no statement as of the accident)",
                clientID: client, expected: .refer,
                decide: claim()),
            UseCaseScenario(
                useCase: .insurance, persona: "probationer",
                title: "claims for an accident while towing a trailer on probation",
                clientID: client, expected: .fail, decide: claim(use: VehicleUse(towing: true))),
            UseCaseScenario(
                useCase: .insurance, persona: "clean-c1", title: "claims but declines to share the licence status",
                clientID: client,
                declined: [MDLProfile.chinaNameSpace: ["status_letters"]], expected: .refer, decide: claim()),
            UseCaseScenario(
                useCase: .insurance, persona: "twelve-points",
                title:
                    "claims; detained now, but the traffic police statement says status A and 6 points at the accident",
                clientID: client, expected: .pass, decide: claim(statement: Statement(letters: "A", points: 6))),
            UseCaseScenario(
                useCase: .insurance, persona: "expired", title: "claims for an accident after the licence expired",
                clientID: client,
                expected: .fail, decide: claim()),
        ]
    }

    static func employment(today: FullDate) -> [UseCaseScenario] {
        let client = "x509_san_dns:hr.transport.example.cn"
        func job(_ make: @escaping @Sendable () -> DrivingJobPolicy)
            -> @Sendable (LicenseFacts, LicenseCredentialStatus?) -> Decision
        {
            { facts, status in
                var policy = make()
                policy.credentialStatus = status
                return policy.decide(facts)
            }
        }
        return [
            UseCaseScenario(
                useCase: .employment, persona: "clean-c1", title: "applies to drive for a ride-hailing platform",
                clientID: client,
                expected: .pass, decide: job { .rideHailing(vehicleClass: "C1", on: today) }),
            UseCaseScenario(
                useCase: .employment, persona: "probationer", title: "applies to drive for a ride-hailing platform",
                clientID: client,
                expected: .fail, decide: job { .rideHailing(vehicleClass: "C1", on: today) }),
            UseCaseScenario(
                useCase: .employment, persona: "clean-c1",
                title: "applies for ride-hailing but declines to share points", clientID: client,
                declined: [MDLProfile.chinaNameSpace: ["points"]], expected: .refer,
                decide: job { .rideHailing(vehicleClass: "C1", on: today) }),
            UseCaseScenario(
                useCase: .employment, persona: "coach-a1", title: "applies to drive a school bus (A1)",
                clientID: client, expected: .pass,
                decide: job { .schoolBus(vehicleClass: "A1", on: today) }),
            UseCaseScenario(
                useCase: .employment, persona: "twelve-points", title: "applies for a delivery van job (generic, C1)",
                clientID: client,
                expected: .fail, decide: job { .generic(requiredClasses: ["C1"], on: today) }),
        ]
    }
}
