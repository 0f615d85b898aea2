import Foundation
import MDLCBOR
import MDLKit
import MDLSandbox
import Testing

/// Pipeline step 1 on whole DeviceResponses: the decoding rules' codes, leniency on form, and the byte-flip property.
struct ReceivedBytesTests {
    @Test func duplicateKeyIsRefused() async throws {
        let fixture = try SandboxFixture()
        var bytes = try fixture.presentation()
        // The top-level map has 3 entries (documents, status, version); append a second "status" as a 4th.
        #expect(bytes[0] == 0xa3)
        bytes[0] = 0xa4
        bytes += CBOREncoder.encode("status") + CBOREncoder.encode(0)
        #expect(await SandboxFixture.expectCode(.cborDuplicateKey) {
            _ = try await fixture.verifier().verify(bytes, sessionTranscript: SandboxFixture.transcript)
        })
    }

    @Test func trailingBytesAreRefused() async throws {
        let fixture = try SandboxFixture()
        #expect(await SandboxFixture.expectCode(.cborMalformed) {
            _ = try await fixture.verifier().verify(try fixture.presentation() + [0x00], sessionTranscript: SandboxFixture.transcript)
        })
    }

    @Test func truncationIsRefusedAtEveryLength() async throws {
        let fixture = try SandboxFixture()
        let bytes = try fixture.presentation([MDLProfile.isoNameSpace: ["family_name"]])
        let verifier = try fixture.verifier()
        for length in stride(from: 0, to: bytes.count, by: 7) {
            #expect(await SandboxFixture.expectCode(.cborMalformed) {
                _ = try await verifier.verify(Array(bytes.prefix(length)), sessionTranscript: SandboxFixture.transcript)
            })
        }
    }

    @Test func limitsAreRefusedWithLimitExceeded() async throws {
        let fixture = try SandboxFixture()
        let verifier = try fixture.verifier()
        let hugeString: [UInt8] = [0x5b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]
        let deep = [UInt8](repeating: 0x81, count: 10_000) + [0x00]
        let tooMany: [UInt8] = [0x9b, 0x00, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff]
        for bytes in [hugeString, deep, tooMany] {
            #expect(await SandboxFixture.expectCode(.limitExceeded) {
                _ = try await verifier.verify(bytes, sessionTranscript: SandboxFixture.transcript)
            })
        }
        let small = PresentationVerifier(configuration: .init(
            trustAnchors: [try fixture.authority.iaca.trustAnchor()], decoderOptions: .init(maxInputBytes: 1_000), clock: { SandboxFixture.now }))
        #expect(await SandboxFixture.expectCode(.limitExceeded) {
            _ = try await small.verify(try fixture.presentation(), sessionTranscript: SandboxFixture.transcript)
        })
    }

    @Test func invalidUTF8IsRefused() async throws {
        let fixture = try SandboxFixture()
        #expect(await SandboxFixture.expectCode(.cborMalformed) {
            _ = try await fixture.verifier().verify([0xa1, 0x62, 0xc3, 0x28, 0x00], sessionTranscript: SandboxFixture.transcript)
        })
    }

    @Test func wrongShapeIsStructureInvalid() async throws {
        let fixture = try SandboxFixture()
        let notAResponse = CBOREncoder.encode(.map(["version": "1.0", "status": 0, "documents": .array([.text("x")])]))
        #expect(await SandboxFixture.expectCode(.structureInvalid) {
            _ = try await fixture.verifier().verify(notAResponse, sessionTranscript: SandboxFixture.transcript)
        })
        #expect(await SandboxFixture.expectCode(.unsupportedVersion) {
            _ = try await fixture.verifier().verify(CBOREncoder.encode(.map(["version": "2.0", "status": 0])), sessionTranscript: SandboxFixture.transcript)
        })
    }

    /// Real issuers write non-preferred heads (cbor-x writes `b9 0003`); the outer structure is not signed, so a
    /// lenient reader verifies it, and strict mode refuses it.
    @Test func nonPreferredOuterHeadsVerifyLenientlyAndFailStrictly() async throws {
        let fixture = try SandboxFixture()
        let bytes = try fixture.presentation()
        #expect(bytes[0] == 0xa3)
        let widened = [0xb9, 0x00, 0x03] + bytes.dropFirst()
        _ = try await fixture.verifier().verify(widened, sessionTranscript: SandboxFixture.transcript)
        let strict = PresentationVerifier(configuration: .init(
            trustAnchors: [try fixture.authority.iaca.trustAnchor()], decoderOptions: .init(strict: true), clock: { SandboxFixture.now }))
        #expect(await SandboxFixture.expectCode(.cborMalformed) {
            _ = try await strict.verify(widened, sessionTranscript: SandboxFixture.transcript)
        })
    }

    /// Flipping any single byte never yields a verified presentation whose disclosed data differs from the original.
    @Test(arguments: [SigningKey.Algorithm.ed25519, .p256])
    func flippingAnyByteNeverChangesVerifiedData(algorithm: SigningKey.Algorithm) async throws {
        let fixture = try SandboxFixture(issuerKey: algorithm, deviceKey: algorithm)
        let bytes = try fixture.presentation([
            MDLProfile.isoNameSpace: ["family_name", "document_number", "driving_privileges", "expiry_date"],
            MDLProfile.chinaNameSpace: ["status_letters", "points"],
        ])
        let verifier = try fixture.verifier()
        let original = try #require(try await verifier.verify(bytes, sessionTranscript: SandboxFixture.transcript).documents.first)
        var refused = 0
        var changed: [Int] = []
        for position in bytes.indices {
            var flipped = bytes
            flipped[position] ^= 0x01
            do {
                let result = try await verifier.verify(flipped, sessionTranscript: SandboxFixture.transcript)
                if result.documents.count != 1 || result.documents.first?.issuerSigned != original.issuerSigned
                    || result.documents.first?.docType != original.docType
                {
                    changed.append(position)
                }
            } catch {
                refused += 1
            }
        }
        #expect(changed.isEmpty, "flipping these bytes changed the verified data: \(changed.prefix(20))")
        #expect(refused > bytes.count / 2)
    }
}
