import Foundation
import MDLCOSE
import MDLKit

/// One issuing authority's signing side of the status service: a status signer certificate under its IACA
/// (digitalSignature, not a CA, no document-signer EKU) and the tokens and statements it signs.
struct StatusPublisher: Sendable {
    let authority: IssuingAuthority
    let signer: DocumentSignerCertificate

    init(authority: IssuingAuthority, now: Date) throws {
        self.authority = authority
        var template = authority.iaca.documentSignerTemplate(
            commonName: "\(authority.region.nameEN) Status Signer", notBefore: now.addingTimeInterval(-86_400),
            notAfter: now.addingTimeInterval(365 * 86_400))
        template.extendedKeyUsages = []
        signer = try authority.iaca.issueDocumentSigner(
            template, key: SigningKey(generating: authority.documentSigner.signingKey.algorithm))
    }

    var algorithm: COSEAlgorithm { signer.signingKey.algorithm == .ed25519 ? .edDSA : .es256 }

    /// A token for `values`, padded with valid entries to `minimumEntries`.
    func token(values: [UInt8], subject: String, issuedAt: Date, configuration: StatusService.Configuration) throws -> [UInt8] {
        let padded = values + [UInt8](repeating: 0, count: max(0, configuration.minimumEntries - values.count))
        let list = try StatusList(bits: 2, values: padded)
        return try StatusListToken.sign(
            list: list, subject: subject, issuedAt: issuedAt, expiresAt: issuedAt.addingTimeInterval(configuration.tokenLifetime),
            timeToLive: TimeInterval(configuration.cacheMaxAge), algorithm: algorithm, x5chain: signer.x5chain
        ) { try signer.signingKey.signature(for: $0) }
    }

    /// A point statement for `entry` (as of the request's instant, when it asks for one), answering `request`.
    func statement(for entry: LicenseStatusEntry, request: PointStatementRequest, at time: Date, lifetime: TimeInterval) throws -> [UInt8] {
        let points = PointsRecord(
            pointsInCycle: entry.points, cycleStart: entry.cycleStart, cycleEnd: entry.cycleEnd,
            fullPointCyclesInLastThree: entry.fullCyclesInLastThree, asOf: time)
        return try PointStatement.sign(
            points: points, statusLetters: entry.statusLetters, expiresAt: time.addingTimeInterval(lifetime),
            nonce: request.nonce, relyingParty: request.clientID, binding: entry.binding, answersFor: request.at,
            credentialStatus: entry.listValue, algorithm: algorithm,
            x5chain: signer.x5chain
        ) { try signer.signingKey.signature(for: $0) }
    }
}
