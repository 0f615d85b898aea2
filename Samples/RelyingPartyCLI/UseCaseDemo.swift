import Foundation
import MDLCBOR
import MDLCOSE
import MDLKit
import MDLSandbox

/// The use cases end to end: for each scenario the persona's wallet presents over an OpenID4VP session, the
/// verifier checks the presentation, and the use case's policy turns the licence facts into a decision with reasons.
struct UseCaseDemo {
    let world: DemoWorld
    let narrator: Narrator

    /// Runs the scenarios of `useCase` and prints a summary of the outcomes. Insurance ends with claims judged
    /// from the issuer's statements as of the accident (``ClaimHistoryDemo``).
    func run(_ useCase: DemoCommand.UseCase) async throws {
        let verifier = try world.verifier()
        var outcomes: [DecisionOutcome: Int] = [:]
        let useCases: [DemoCommand.UseCase] = useCase == .all ? [.rental, .insurance, .employment] : [useCase]
        for current in useCases {
            narrator.heading(Self.heading(current))
            for scenario in UseCaseScenario.all(for: current, today: world.today) {
                if let outcome = try await run(scenario, verifier: verifier) { outcomes[outcome, default: 0] += 1 }
            }
            if current == .insurance {
                for outcome in try await ClaimHistoryDemo(world: world, narrator: narrator).run() { outcomes[outcome, default: 0] += 1 }
            }
        }
        narrator.summary(outcomes)
    }

    /// One scenario: present, verify, decide. Returns the decision's outcome, or `nil` when verification refused.
    private func run(_ scenario: UseCaseScenario, verifier: PresentationVerifier) async throws -> DecisionOutcome? {
        guard let wallet = world.wallets[scenario.persona] else { return nil }
        let nonce = Base64URL.encode(SecureRandom.bytes(count: 16))
        let host = scenario.clientID.split(separator: ":").last.map(String.init) ?? "rp.example.cn"
        let transcript = SessionTranscript.openID4VP(
            clientID: scenario.clientID, nonce: nonce, jwkThumbprint: nil, responseURI: "https://\(host)/response")
        let response = try wallet.present(
            elements: scenario.returned, transcript: transcript, notReturned: scenario.declined)
        if !narrator.json { print("") }
        narrator.line(Terminal.bold(scenario.persona) + " " + scenario.title)
        let presentation: VerifiedPresentation
        do {
            presentation = try await verifier.verify(response.encoded, sessionTranscript: transcript)
        } catch {
            narrator.outcome(
                false, "refused: \(error.code.rawValue) — \(error.message)",
                fields: ["code": .string(error.code.rawValue)])
            return nil
        }
        guard let facts = presentation.license else { return nil }
        // The sandbox's status-list entry for the persona; `mdl-rp status` reads the real list once served.
        let status = world.personas.first { $0.id == scenario.persona }.flatMap {
            LicenseCredentialStatus(rawValue: $0.statusListValue)
        }
        let decision = scenario.decide(facts, status)
        narrator.decision(scenario, decision, verifiedBy: presentation.documents.first?.trustPath.subjects ?? [])
        return decision.outcome
    }

    static func heading(_ useCase: DemoCommand.UseCase) -> String {
        switch useCase {
        case .rental: return "Car rental (租车): RentalPolicy, C1 for three days"
        case .insurance: return "Insurance claim (保险理赔): InsuranceClaimPolicy, facts as of the accident ten days ago"
        case .employment: return "Driving jobs (驾驶员招聘): DrivingJobPolicy presets"
        case .all: return "All use cases"
        }
    }
}

extension Narrator {
    /// Prints a policy decision: the outcome, then every reason with its weight, code, English and Chinese text.
    func decision(
        _ scenario: UseCaseScenario, _ decision: Decision, verifiedBy trustPath: [String], extra: [String: JSONValue] = [:]
    ) {
        if json {
            JSONOutput.print(
                .object(extra.merging([
                    "useCase": .string(scenario.useCase.rawValue), "persona": .string(scenario.persona),
                    "title": .string(scenario.title),
                    "verified": .bool(true), "outcome": .string(decision.outcome.rawValue),
                    "expected": .string(scenario.expected.rawValue),
                    "reasons": .array(
                        decision.reasons.map {
                            .object([
                                "code": .string($0.code), "zh": .string($0.zh), "en": .string($0.en),
                                "severity": .string($0.severity.rawValue),
                            ])
                        }),
                ]) { _, scenarioField in scenarioField }))
            return
        }
        print("   verified (issuer \(trustPath.last.map(Self.commonName) ?? "?")) → " + Self.badge(decision.outcome))
        for reason in decision.reasons {
            let weight = reason.severity.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0)
            print("     \(weight) \(reason.code): \(reason.en)")
            print("             \(reason.zh)")
        }
        if decision.outcome != scenario.expected {
            print("     " + Terminal.yellow("(the demo expected \(scenario.expected.rawValue))"))
        }
    }

    /// Prints how many scenarios passed, failed and were referred.
    func summary(_ outcomes: [DecisionOutcome: Int]) {
        let counts = DecisionOutcome.allCases.map { "\($0.rawValue) \(outcomes[$0] ?? 0)" }.joined(separator: ", ")
        if json {
            JSONOutput.print(
                .object([
                    "summary": .object(
                        Dictionary(
                            uniqueKeysWithValues: DecisionOutcome.allCases.map {
                                ($0.rawValue, JSONValue.integer(Int64(outcomes[$0] ?? 0)))
                            }))
                ]))
        } else {
            print("\n" + Terminal.bold("Outcomes: ") + counts)
        }
    }

    /// The CN of a distinguished name as the trust path prints it (`CN=…,O=…`).
    static func commonName(_ name: String) -> String {
        name.split(separator: ",").first { $0.hasPrefix("CN=") }.map { String($0.dropFirst(3)) } ?? name
    }

    static func badge(_ outcome: DecisionOutcome) -> String {
        switch outcome {
        case .pass: return Terminal.green("PASS")
        case .fail: return Terminal.red("FAIL")
        case .refer: return Terminal.yellow("REFER")
        }
    }
}
