import Foundation
import MDLCBOR
import MDLCOSE
import MDLKit
import Testing

/// Integers that are well-formed CBOR but no instant (±2^63 seconds) are refused where they must name an instant
/// (a token's `iat`, a VICAL date) or read as the range's end (a token's `exp`), never carried on to a trap when they are formatted or subtracted (found by the attack suite: a
/// signed status list token with `iat` 2^63−1 ended `mdl-rp request` and every session it held).
struct EpochSecondsRangeTests {
    /// A status list token with the given claims, its signature a placeholder (parsing comes before it).
    static func token(iat: Int64, exp: Int64?) -> [UInt8] {
        var claims: CBORMap = [
            .int(StatusListToken.Claim.subject): .text("https://status.example.cn/1"),
            .int(StatusListToken.Claim.issuedAt): .int(iat),
            .int(StatusListToken.Claim.statusList): .map(["bits": .int(1), "lst": .bytes([0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01])]),
        ]
        if let exp { claims[.int(StatusListToken.Claim.expiresAt)] = .int(exp) }
        let headers = COSEHeaders(protected: [
            .int(COSEHeaders.Label.algorithm): .int(-8), .int(COSEHeaders.Label.type): .text(StatusListToken.mediaType),
        ])
        let message = COSESign1(signing: CBOREncoder.encode(.map(claims)), headers: headers) { _ in [UInt8](repeating: 0, count: 64) }
        return CBOREncoder.encode(.tagged(COSESign1.tag, message.cbor))
    }

    /// An `iat` outside years 1–9999 is no issue time: refused. An `exp` beyond them is read as the range's end: 2^63
    /// never expires within representable time, -2^63 expired long ago.
    @Test(arguments: [Int64.max, Int64.min, EpochSeconds.latest + 1, EpochSeconds.earliest - 1])
    func aStatusTokenIssueTimeOutsideYearsOneToNineThousandIsRefused(iat: Int64) {
        #expect(throws: MDLError(code: .statusListInvalid)) { try StatusListToken(bytes: Self.token(iat: iat, exp: nil)) }
    }

    @Test func aStatusTokenExpiryBeyondTheRangeIsReadAsItsEnd() throws {
        let now = Date(timeIntervalSince1970: 1_764_000_000)
        let never = try StatusListToken(bytes: Self.token(iat: 1_764_000_000, exp: Int64.max))
        #expect(never.expiresAt == Date(timeIntervalSince1970: TimeInterval(EpochSeconds.latest)))
        try never.checkLifetime(at: now)
        let longAgo = try StatusListToken(bytes: Self.token(iat: 1_764_000_000, exp: Int64.min))
        #expect(throws: MDLError(code: .statusTokenExpired)) { try longAgo.checkLifetime(at: now) }
    }

    @Test func aStatusTokenTimeWithinTheRangeParses() throws {
        let token = try StatusListToken(bytes: Self.token(iat: 1_764_000_000, exp: EpochSeconds.latest))
        #expect(token.expiresAt == Date(timeIntervalSince1970: TimeInterval(EpochSeconds.latest)))
    }

    @Test func aVICALEpochDateBeyondTheRangeIsRefused() throws {
        let vical = VICAL(provider: "p", date: Date(timeIntervalSince1970: 1_764_000_000), issueID: 1, nextUpdate: nil, certificateInfos: [])
        guard var map = vical.cbor.map else { Issue.record("a VICAL is a map"); return }
        for huge in [CBOR.int(Int64.max), .float(1e300), .float(.infinity)] {
            map["nextUpdate"] = .tagged(1, huge)
            #expect(throws: MDLError(code: .structureInvalid)) { try VICAL(.map(map)) }
        }
        map["nextUpdate"] = .tagged(1, .int(1_800_000_000))
        #expect(try VICAL(.map(map)).nextUpdate == Date(timeIntervalSince1970: 1_800_000_000))
    }

    @Test func formattingAnyInstantNeverTraps() {
        #expect(TDate.format(Date(timeIntervalSince1970: 9.3e18)) == "9999-12-31T23:59:59Z")
        #expect(TDate.format(Date(timeIntervalSince1970: -9.3e18)) == "0001-01-01T00:00:00Z")
        #expect(TDate.format(Date(timeIntervalSince1970: .infinity)) == "9999-12-31T23:59:59Z")
        #expect(TDate.format(Date(timeIntervalSince1970: 1_764_000_000)) == "2025-11-24T16:00:00Z")
    }
}
