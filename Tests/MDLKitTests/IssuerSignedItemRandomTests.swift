import Crypto
import Foundation
import MDLCBOR
import MDLCOSE
import MDLKit
import MDLSandbox
import Testing

/// IssuerSignedItem `random` shorter than 16 bytes (ISO 18013-5 §9.1.2.5): `structureInvalid` under `strict`,
/// accepted under the named relaxation `shortIssuerSignedItemRandom` (in `interop`) and recorded (issue 14).
struct IssuerSignedItemRandomTests {
    /// A presentation of the fixture's licence re-issued with `family_name`'s random `length` bytes long (every
    /// other item keeps 16), signed by the fixture's document signer.
    static func presentation(_ fixture: SandboxFixture, familyNameRandomLength length: Int) throws -> [UInt8] {
        let credential = try #require(fixture.wallet.credentials.first)
        var items: [String: [IssuerSignedItem]] = [:]
        var digests: [String: [UInt64: [UInt8]]] = [:]
        for (nameSpace, issued) in credential.items {
            for item in issued {
                let short = item.elementIdentifier == MDLProfile.ISOElement.familyName
                let remade = IssuerSignedItem(
                    digestID: item.digestID, random: SecureRandom.bytes(count: short ? length : 16),
                    elementIdentifier: item.elementIdentifier, elementValue: item.elementValue)
                items[nameSpace, default: []].append(remade)
                digests[nameSpace, default: [:]][item.digestID] = Array(SHA256.hash(data: remade.itemBytes))
            }
        }
        let mso = MobileSecurityObject(
            valueDigests: digests, deviceKey: fixture.wallet.deviceCOSEKey, docType: credential.docType,
            validity: credential.mso.validity)
        let issuerAuth = try fixture.authority.sign(mso)
        let original = try #require(try DeviceResponse(bytes: try fixture.presentation()).documents.first)
        let document = Document(
            docType: original.docType, issuerSigned: IssuerSigned(nameSpaces: items, issuerAuth: issuerAuth),
            deviceSigned: original.deviceSigned)
        return DeviceResponse(documents: [document]).encoded
    }

    @Test(arguments: [0, 1, 8, 15])
    func aShortRandomIsRefusedUnderStrictAndANamedRelaxationUnderInterop(length: Int) async throws {
        let fixture = try SandboxFixture()
        let bytes = try Self.presentation(fixture, familyNameRandomLength: length)
        #expect(await HostileInputTests.refusal(bytes, try fixture.verifier(policy: .strict))?.code == .structureInvalid)
        for policy in [VerificationPolicy.interop, VerificationPolicy(relaxations: [.shortIssuerSignedItemRandom])] {
            let verified = try await fixture.verifier(policy: policy).verify(bytes, sessionTranscript: SandboxFixture.transcript)
            #expect(verified.documents.first?.relaxationsUsed == [.shortIssuerSignedItemRandom])
        }
    }

    @Test(arguments: [16, 32])
    func sixteenBytesOrMoreVerifyUnderStrict(length: Int) async throws {
        let fixture = try SandboxFixture()
        let bytes = try Self.presentation(fixture, familyNameRandomLength: length)
        let verified = try await fixture.verifier(policy: .strict).verify(bytes, sessionTranscript: SandboxFixture.transcript)
        #expect(verified.documents.first?.relaxationsUsed == [])
        #expect(verified.documents.first?.issuerSigned[MDLProfile.isoNameSpace]?[MDLProfile.ISOElement.familyName] != nil)
    }
}
