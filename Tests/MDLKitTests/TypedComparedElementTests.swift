import Foundation
import MDLCBOR
import MDLKit
import MDLSandbox
import Testing

/// Elements the verifier compares with the document signer certificate are typed: `issuing_country` and
/// `issuing_jurisdiction` must be plain text, or the presentation is `structureInvalid` under every policy
/// (issue 14, finding 3: `#6.32("US")` under a C=CN document signer verified).
struct TypedComparedElementTests {
    /// A presentation of a Shanghai (C=CN) licence whose `identifier` is issued (and signed) as `value`.
    static func presentation(_ identifier: String, _ value: CBOR) throws -> (bytes: [UInt8], anchor: TrustAnchor) {
        let authority = try IssuingAuthority(region: .shanghai, now: SandboxFixture.now)
        var record = Persona.cleanC1(today: SandboxFixture.today, asOf: SandboxFixture.now).record
        record[MDLProfile.isoNameSpace, identifier] = value
        var wallet = HolderWallet()
        wallet.store(try authority.issue(record, deviceKey: wallet.deviceCOSEKey, now: SandboxFixture.now))
        let bytes = try wallet.present(elements: nil, transcript: SandboxFixture.transcript).encoded
        return (bytes, try authority.iaca.trustAnchor())
    }

    static func verify(_ sample: (bytes: [UInt8], anchor: TrustAnchor), policy: VerificationPolicy) async throws -> VerifiedPresentation {
        let verifier = PresentationVerifier(configuration: .init(trustAnchors: [sample.anchor], policy: policy, clock: { SandboxFixture.now }))
        return try await verifier.verify(sample.bytes, sessionTranscript: SandboxFixture.transcript)
    }

    static let country = MDLProfile.ISOElement.issuingCountry

    @Test(arguments: [
        ("issuing_country", CBOR.tagged(32, .text("US"))), ("issuing_country", .tagged(32, .text("CN"))),
        ("issuing_country", .bytes(Array("CN".utf8))), ("issuing_country", .array([.text("CN")])),
        ("issuing_jurisdiction", .tagged(32, .text("US-CA"))), ("issuing_jurisdiction", .unsigned(31)),
    ])
    func aComparedElementThatIsNotPlainTextIsRefusedUnderEveryPolicy(identifier: String, value: CBOR) async throws {
        let sample = try Self.presentation(identifier, value)
        for policy in [VerificationPolicy.strict, .interop, VerificationPolicy(relaxations: [.countryCheckOff])] {
            await #expect(throws: MDLError(code: .structureInvalid), "\(identifier) \(policy.relaxations)") {
                _ = try await Self.verify(sample, policy: policy)
            }
        }
    }

    @Test func plainTextIsStillComparedAndAMatchVerifies() async throws {
        await #expect(throws: MDLError(code: .issuingCountryMismatch)) {
            _ = try await Self.verify(try Self.presentation(Self.country, .text("US")), policy: .strict)
        }
        let verified = try await Self.verify(try Self.presentation(Self.country, .text("CN")), policy: .strict)
        #expect(verified.documents.first?.licenseFacts?.issuingCountry == "CN")
    }
}
