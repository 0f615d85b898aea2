import Foundation
import MDLCBOR
import MDLKit

/// An insurance claim judged as of the accident: the relying party forwards the holder's presentation (its consent
/// for this session) to the issuer's status service, asks for a point statement at the accident instant, and judges
/// the claim with ``InsuranceClaimPolicy``; the facts at the accident are printed beside today's.
struct AccidentClaim: Sendable {
    /// The accident instant.
    let accidentAt: Date
    /// The class the vehicle needed.
    let vehicleClass: String

    /// What the claim check found.
    struct Result {
        let accidentAt: Date
        /// The statement as of the accident, when one was had.
        let statement: PointStatement?
        /// Why there is none, when asked and refused.
        let statementError: MDLError?
        /// Today's status-list answer (`valid`, `suspended` …), when checked.
        let todayStatus: String?
        /// Today's facts as the presentation disclosed them.
        let facts: LicenseFacts
        let decision: Decision
    }

    /// The point statement endpoint beside a status list: the sandbox serves `…/status/X` and `…/points/X`.
    static func pointStatementURL(forStatusList uri: String) -> URL? {
        guard let range = uri.range(of: "/status/", options: .backwards) else { return nil }
        return URL(string: uri.replacingCharacters(in: range, with: "/points/"))
    }

    /// Asks for the statement for `document` (when the instant is within the look-back from `time` and the MSO
    /// names a status service) and judges the claim.
    func judge(
        _ document: VerifiedDocument,
        facts: LicenseFacts,
        request: PointStatementRequest,
        client: StatusClient,
        todayStatus: String?,
        at time: Date
    ) async -> Result {
        var statement: PointStatement?
        var failure: MDLError?
        do { try PointStatement.checkInstant(accidentAt, from: time) } catch { failure = error }
        if failure != nil {
            // Refused before asking: a future instant, or one past the look-back.
        } else if let uri = document.statusReference?.uri, let url = Self.pointStatementURL(forStatusList: uri) {
            do {
                statement = try await client.pointStatement(from: url, request: request, trust: .issuer(of: document))
            } catch {
                failure = error
            }
        } else {
            failure = MDLError(code: .statusUnavailable, message: "the licence names no status service to ask")
        }
        let decision = InsuranceClaimPolicy(accidentAt: accidentAt, vehicleClass: vehicleClass, statement: statement)
            .decide(facts)
        return Result(
            accidentAt: accidentAt,
            statement: statement,
            statementError: failure,
            todayStatus: todayStatus,
            facts: facts,
            decision: decision
        )
    }
}

extension AccidentClaim.Result {
    /// The `claim` member added to a verified line: the facts at the accident, today's, and the decision.
    var json: JSONValue {
        var atAccident: JSONValue = .null
        if let statement {
            atAccident = .object([
                "statusLetters": .string(statement.statusLetters.description),
                "credentialStatus": statement.credentialStatus.map { JSONValue.string(Self.name($0)) } ?? .null,
                "points": .integer(Int64(statement.points.pointsInCycle)),
                "cycleStart": .string(statement.points.cycleStart.description),
                "cycleEnd": .string(statement.points.cycleEnd.description),
                "answersFor": .string(TDate.format(statement.answersFor)),
                "statedAt": .string(TDate.format(statement.issuedAt)),
            ])
        }
        return .object([
            "accidentAt": .string(TDate.format(accidentAt)),
            "atAccident": atAccident,
            "statementError": statementError.map {
                JSONValue.object(["code": .string($0.code.rawValue), "message": .string($0.message)])
            } ?? .null,
            "today": .object([
                "statusLetters": facts.statusLetters.map { JSONValue.string($0.description) } ?? .null,
                "points": facts.points.map { JSONValue.integer(Int64($0.pointsInCycle)) } ?? .null,
                "credentialStatus": todayStatus.map(JSONValue.string) ?? .null,
            ]),
            "outcome": .string(decision.outcome.rawValue),
            "reasons": .array(
                decision.reasons.map {
                    JSONValue.object([
                        "code": .string($0.code), "zh": .string($0.zh), "en": .string($0.en),
                        "severity": .string($0.severity.rawValue),
                    ])
                }
            ),
        ])
    }

    /// Two lines for people: the facts at the accident, and today's.
    var lines: [String] {
        let then: String
        if let statement {
            then =
                "status \(statement.statusLetters) (\(statement.statusLetters.en)), "
                + "\(statement.credentialStatus.map(Self.name) ?? "?"), \(statement.points.pointsInCycle) points "
                + "(issuer's statement made \(TDate.format(statement.issuedAt)))"
        } else {
            then = "no statement" + (statementError.map { ": \($0.code.rawValue) — \($0.message)" } ?? "")
        }
        let letters = facts.statusLetters.map { "status \($0)" } ?? "status not disclosed"
        let points = facts.points.map { "\($0.pointsInCycle) points" } ?? "points not disclosed"
        let list = todayStatus.map { ", status list: \($0)" } ?? ""
        return [
            "at the accident \(TDate.format(accidentAt)): \(then)",
            "today (as disclosed): \(letters), \(points)\(list)",
        ]
    }

    static func name(_ status: LicenseCredentialStatus) -> String {
        switch status {
        case .valid: return "valid"
        case .invalid: return "invalid"
        case .suspended: return "suspended"
        case .superseded: return "superseded"
        }
    }
}
