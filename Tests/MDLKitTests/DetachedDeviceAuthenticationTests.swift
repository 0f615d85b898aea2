import Crypto
import Foundation
import MDLCBOR
import MDLCOSE
import MDLKit
import MDLSandbox
import Testing

/// Holder binding is over the content the relying party rebuilt, never over a payload the message brings (issue 14,
/// finding 1): a DeviceSignature or DeviceMac that carries a payload is refused, whatever the payload holds.
struct DetachedDeviceAuthenticationTests {
    /// Session A: the presentation an attacker captured (another relying party's request).
    static let sessionA = SessionTranscript.openID4VP(
        clientID: "x509_san_dns:other-rp.example.cn", nonce: "captured-nonce", jwkThumbprint: Array(repeating: 9, count: 32),
        responseURI: "https://other-rp.example.cn/response")
    static let deviceAuthenticationPath: [HostileStructureTests.Step] = [
        .key("documents"), .index(0), .key("deviceSigned"), .key("deviceAuth"),
    ]

    /// `bytes` with its DeviceSignature's payload slot set to `payload`; the signature is left as it was.
    static func attaching(_ payload: [UInt8], toDeviceSignatureIn bytes: [UInt8]) throws -> [UInt8] {
        let response = try CBORDecoder().decode(bytes)
        let path = deviceAuthenticationPath + [.key("deviceSignature"), .index(2)]
        return CBOREncoder.encode(HostileStructureTests.replacing(in: response, at: path, with: .bytes(payload)))
    }

    /// `bytes` with its deviceAuth replaced by `deviceAuth` (a `{"deviceSignature": …}` or `{"deviceMac": …}` map).
    static func replacingDeviceAuth(in bytes: [UInt8], with deviceAuth: CBOR) throws -> [UInt8] {
        let response = try CBORDecoder().decode(bytes)
        return CBOREncoder.encode(HostileStructureTests.replacing(in: response, at: deviceAuthenticationPath, with: deviceAuth))
    }

    static func deviceAuthenticationBytes(_ transcript: SessionTranscript) -> [UInt8] {
        transcript.deviceAuthenticationBytes(docType: MDLProfile.docType, deviceNameSpacesBytes: EmbeddedCBOR(.map([:])))
    }

    @Test func aDeviceSignatureFromAnotherSessionWithItsContentAttachedIsRefused() async throws {
        let fixture = try SandboxFixture()
        let verifier = try fixture.verifier()
        let captured = try fixture.presentation(transcript: Self.sessionA)
        // Control: as sent (detached) it verifies for its own session only.
        _ = try await verifier.verify(captured, sessionTranscript: Self.sessionA)
        let replayed = try Self.attaching(Self.deviceAuthenticationBytes(Self.sessionA), toDeviceSignatureIn: captured)
        await #expect(throws: MDLError(code: .deviceSignatureInvalid)) {
            _ = try await verifier.verify(replayed, sessionTranscript: SandboxFixture.transcript)
        }
        // Attached is refused even for the session it was made for: the message must be detached.
        await #expect(throws: MDLError(code: .deviceSignatureInvalid)) {
            _ = try await verifier.verify(replayed, sessionTranscript: Self.sessionA)
        }
    }

    @Test func underInteropOnlyACopyOfThisSessionsOwnContentMayBeAttached() async throws {
        let fixture = try SandboxFixture()
        let interop = try fixture.verifier(policy: .interop)
        // Another session's content attached: refused under interop too.
        let captured = try fixture.presentation(transcript: Self.sessionA)
        let replayed = try Self.attaching(Self.deviceAuthenticationBytes(Self.sessionA), toDeviceSignatureIn: captured)
        await #expect(throws: MDLError(code: .deviceSignatureInvalid)) {
            _ = try await interop.verify(replayed, sessionTranscript: SandboxFixture.transcript)
        }
        // This session's own content attached (what auth0's library writes): strict refuses, the relaxation
        // accepts it and says so.
        let own = try Self.attaching(Self.deviceAuthenticationBytes(SandboxFixture.transcript), toDeviceSignatureIn: try fixture.presentation())
        await #expect(throws: MDLError(code: .deviceSignatureInvalid)) {
            _ = try await fixture.verifier(policy: .strict).verify(own, sessionTranscript: SandboxFixture.transcript)
        }
        let verified = try await interop.verify(own, sessionTranscript: SandboxFixture.transcript)
        #expect(verified.documents.first?.relaxationsUsed == [.attachedPayloadInDeviceSignature])
    }

    @Test(arguments: [SigningKey.Algorithm.ed25519, .p256])
    func aDeviceKeySignatureOverAnArbitraryAttachedMessageIsRefused(device: SigningKey.Algorithm) async throws {
        let fixture = try SandboxFixture(deviceKey: device)
        let algorithm: COSEAlgorithm = device == .ed25519 ? .edDSA : .es256
        let headers = COSEHeaders(protected: [.int(COSEHeaders.Label.algorithm): .int(algorithm.coseValue)])
        let message = Array("I agree to anything".utf8)
        let signed = try COSESign1(signing: message, headers: headers) { try fixture.wallet.deviceKey.signature(for: $0) }
        let bytes = try Self.replacingDeviceAuth(in: try fixture.presentation(), with: .map(["deviceSignature": signed.cbor]))
        for policy in [VerificationPolicy.strict, .interop] {
            await #expect(throws: MDLError(code: .deviceSignatureInvalid)) {
                _ = try await fixture.verifier(policy: policy).verify(bytes, sessionTranscript: SandboxFixture.transcript)
            }
        }
    }

    /// A DeviceMac made with this session's MAC key (P-256 device key, the reader's ephemeral key).
    static func deviceMac(
        _ fixture: SandboxFixture, reader: P256.KeyAgreement.PrivateKey, over content: [UInt8], detached: Bool
    ) throws -> COSEMac0 {
        guard case .p256(let signing) = fixture.wallet.deviceKey else { throw COSEFormatError("the test needs a P-256 device key") }
        let device = try P256.KeyAgreement.PrivateKey(rawRepresentation: signing.rawRepresentation)
        let key = try DeviceMacKey.derive(
            readerPublicKey: reader.publicKey, devicePrivateKey: device,
            sessionTranscriptBytes: SandboxFixture.transcript.sessionTranscriptBytes)
        return COSEMac0(authenticating: content, key: key, detached: detached)
    }

    @Test func aDeviceMacWithAnAttachedPayloadIsRefused() async throws {
        let fixture = try SandboxFixture(deviceKey: .p256)
        let verifier = try fixture.verifier()
        let reader = P256.KeyAgreement.PrivateKey()
        let presentation = try fixture.presentation()
        // Control: a detached DeviceMac over this session's DeviceAuthenticationBytes verifies.
        let genuine = try Self.deviceMac(fixture, reader: reader, over: Self.deviceAuthenticationBytes(SandboxFixture.transcript), detached: true)
        let good = try Self.replacingDeviceAuth(in: presentation, with: .map(["deviceMac": genuine.cbor]))
        let verified = try await verifier.verify(good, sessionTranscript: SandboxFixture.transcript, readerKey: reader)
        #expect(verified.documents.first?.deviceAuthentication == .mac)
        // The same key over an arbitrary attached message, or over the right content but attached: refused.
        for (content, what) in [(Array("anything at all".utf8), "arbitrary"), (Self.deviceAuthenticationBytes(SandboxFixture.transcript), "attached")] {
            let mac = try Self.deviceMac(fixture, reader: reader, over: content, detached: false)
            let bytes = try Self.replacingDeviceAuth(in: presentation, with: .map(["deviceMac": mac.cbor]))
            await #expect(throws: MDLError(code: .deviceMacInvalid), "\(what)") {
                _ = try await verifier.verify(bytes, sessionTranscript: SandboxFixture.transcript, readerKey: reader)
            }
        }
    }
}
