import Foundation
import MDLCBOR
import MDLCOSE
import MDLKit
import MDLSandbox
import Testing

/// A `crit` naming a header parameter MDLKit does not understand refuses the message wherever COSE enters: IssuerAuth
/// and DeviceSignature (`structureInvalid`), status list tokens (`statusListInvalid`) (RFC 9052 §3.1, issue 14).
struct COSECriticalHeaderVerificationTests {
    static let unknownCritical: CBORMap = [.int(COSEHeaders.Label.critical): .array([.unsigned(99)]), .unsigned(99): .unsigned(1)]

    @Test func anIssuerAuthWithAnUnknownCriticalHeaderIsRefused() async throws {
        let fixture = try SandboxFixture()
        let credential = try #require(fixture.wallet.credentials.first)
        var protected = credential.issuerAuth.headers.protected
        for entry in Self.unknownCritical { protected[entry.key] = entry.value }
        let headers = COSEHeaders(protected: protected, unprotected: credential.issuerAuth.headers.unprotected)
        let payload = try #require(credential.issuerAuth.payload)
        let signer = fixture.authority.documentSigner.signingKey
        let auth = try COSESign1(signing: payload, headers: headers) { try signer.signature(for: $0) }
        let response = try CBORDecoder().decode(try fixture.presentation())
        let path: [HostileStructureTests.Step] = [.key("documents"), .index(0), .key("issuerSigned"), .key("issuerAuth")]
        let bytes = CBOREncoder.encode(HostileStructureTests.replacing(in: response, at: path, with: auth.cbor))
        for policy in [VerificationPolicy.strict, .interop] {
            #expect(await HostileInputTests.refusal(bytes, try fixture.verifier(policy: policy))?.code == .structureInvalid)
        }
    }

    @Test func aDeviceSignatureWithAnUnknownCriticalHeaderIsRefused() async throws {
        let fixture = try SandboxFixture()
        var protected: CBORMap = [.int(COSEHeaders.Label.algorithm): .int(COSEAlgorithm.edDSA.coseValue)]
        for entry in Self.unknownCritical { protected[entry.key] = entry.value }
        let content = DetachedDeviceAuthenticationTests.deviceAuthenticationBytes(SandboxFixture.transcript)
        let signature = try COSESign1(signing: content, headers: COSEHeaders(protected: protected), detached: true) {
            try fixture.wallet.deviceKey.signature(for: $0)
        }
        let bytes = try DetachedDeviceAuthenticationTests.replacingDeviceAuth(
            in: try fixture.presentation(), with: .map(["deviceSignature": signature.cbor]))
        #expect(await HostileInputTests.refusal(bytes, try fixture.verifier(policy: .interop))?.code == .structureInvalid)
    }

    @Test func aStatusListTokenWithAnUnknownCriticalHeaderIsRefused() throws {
        let key = try SigningPrivateKey.generate(for: .edDSA)
        let now = SandboxFixture.now
        let good = try StatusListToken.sign(
            list: try StatusList(bits: 2, values: [0, 2]), subject: "https://status.example.cn/sh", issuedAt: now,
            expiresAt: now + 3600, timeToLive: 300, algorithm: .edDSA, signer: key.sign)
        let message = try StatusListToken(bytes: good).message
        var protected = message.headers.protected
        for entry in Self.unknownCritical { protected[entry.key] = entry.value }
        let payload = try #require(message.payload)
        let critical = try COSESign1(signing: payload, headers: COSEHeaders(protected: protected), signer: key.sign)
        #expect(throws: MDLError(code: .statusListInvalid)) {
            _ = try StatusListToken(bytes: CBOREncoder.encode(.tagged(COSESign1.tag, critical.cbor)))
        }
    }
}
