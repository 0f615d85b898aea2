import Foundation
import MDLCBOR
import MDLCOSE
import MDLKit
import Testing

/// Point statements are MDLKit's own format: their tdates (`as_of`, `exp`) are UTC written as `Z`; a numeric offset,
/// in range or not, is `pointStatementInvalid` (issue 14).
struct PointStatementTDateTests {
    static let now = Date(timeIntervalSince1970: 1_764_000_000)  // 2025-11-24T16:00:00Z

    /// A genuinely signed statement whose claim `name` is the tdate `text`.
    static func statement(_ name: String, _ text: String?, key: SigningPrivateKey) throws -> [UInt8] {
        let points = PointsRecord(
            pointsInCycle: 3, cycleStart: FullDate(daysSinceEpoch: 20_000), cycleEnd: FullDate(daysSinceEpoch: 20_365),
            fullPointCyclesInLastThree: 0, asOf: now)
        let signed = try PointStatement.sign(
            points: points, statusLetters: try LicenseStatusLetters(parsing: "A"), expiresAt: now + 300, nonce: "n",
            relyingParty: "x509_san_dns:rental.example.cn", binding: Array(repeating: 1, count: 32), algorithm: .edDSA,
            x5chain: [], signer: key.sign)
        guard let text else { return signed }
        let message = try PointStatement(bytes: signed).message
        let payload = try #require(message.payload)
        var claims = try #require(try CBORDecoder().decode(payload).map)
        claims[.text(name)] = .tagged(0, .text(text))
        let resigned = try COSESign1(signing: CBOREncoder.encode(.map(claims)), headers: message.headers, signer: key.sign)
        return CBOREncoder.encode(.tagged(COSESign1.tag, resigned.cbor))
    }

    @Test(arguments: [
        ("as_of", "2025-11-25T00:00:00+08:00"), ("as_of", "2025-11-24T16:00:00+00:00"), ("exp", "2025-11-24T16:05:00+25:00"),
        ("exp", "2025-11-24T08:05:00-08:00"),
    ])
    func aNumericOffsetIsRefused(claim: String, text: String) throws {
        let key = try SigningPrivateKey.generate(for: .edDSA)
        let control = try PointStatement(bytes: try Self.statement(claim, "2025-11-24T16:00:00Z", key: key))
        #expect(control.points.asOf == Self.now)
        #expect(throws: MDLError(code: .pointStatementInvalid)) { _ = try PointStatement(bytes: try Self.statement(claim, text, key: key)) }
    }
}
