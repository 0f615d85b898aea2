import Foundation
import MDLCBOR
import MDLKit
import MDLSandbox
import Testing

/// `validityInfo` tdates: an offset out of RFC 3339's range is refused under every policy; a numeric offset instead
/// of `Z` is refused under `strict` and accepted only under the named relaxation `nonUTCOffsetInTDate` (issue 14).
struct TDateOffsetPolicyTests {
    /// The fixture's presentation with `validityInfo.key` rewritten as `text` (tag 0), re-signed.
    static func presentation(_ fixture: SandboxFixture, _ key: String, _ text: String) throws -> [UInt8] {
        let mso = try #require(fixture.wallet.credentials.first).mso.cbor
        let changed = HostileStructureTests.replacing(in: mso, at: [.key("validityInfo"), .key(key)], with: .tagged(0, .text(text)))
        return try HostileStructureTests.presentation(fixture, msoContent: CBOREncoder.encode(changed))
    }

    @Test(arguments: [
        ("validUntil", "2026-11-24T16:00:00+25:00"), ("validUntil", "2026-11-24T16:00:00+08:60"),
        ("validFrom", "2025-11-24T16:00:00-24:00"), ("signed", "2025-11-24T16:00:00+99:99"),
    ])
    func anOffsetOutOfRangeIsRefusedUnderEveryPolicy(key: String, text: String) async throws {
        let fixture = try SandboxFixture()
        let bytes = try Self.presentation(fixture, key, text)
        for policy in [VerificationPolicy.strict, .interop] {
            #expect(await HostileInputTests.refusal(bytes, try fixture.verifier(policy: policy))?.code == .structureInvalid)
        }
    }

    @Test(arguments: [
        ("validFrom", "2025-11-25T00:00:00+08:00"), ("validUntil", "2026-11-24T06:00:00-10:00"),
        ("signed", "2025-11-24T16:00:00+00:00"),
    ])
    func aNumericOffsetIsANamedRelaxation(key: String, text: String) async throws {
        let fixture = try SandboxFixture()
        let bytes = try Self.presentation(fixture, key, text)
        #expect(await HostileInputTests.refusal(bytes, try fixture.verifier(policy: .strict))?.code == .structureInvalid)
        for policy in [VerificationPolicy.interop, VerificationPolicy(relaxations: [.nonUTCOffsetInTDate])] {
            let verified = try await fixture.verifier(policy: policy).verify(bytes, sessionTranscript: SandboxFixture.transcript)
            #expect(verified.documents.first?.relaxationsUsed == [.nonUTCOffsetInTDate])
        }
    }
}
