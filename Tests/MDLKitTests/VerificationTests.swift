import Crypto
import Foundation
import MDLCBOR
import MDLCOSE
import MDLKit
import MDLSandbox
import Testing

/// Pipeline steps 1, 3, 4 and 5 on sandbox documents: success with every key type, and each failure's code.
struct VerificationTests {
    @Test(arguments: [
        (SigningKey.Algorithm.ed25519, SigningKey.Algorithm.ed25519), (.p256, .p256), (.ed25519, .p256), (.p256, .ed25519),
    ])
    func verifiesEveryKeyCombination(issuer: SigningKey.Algorithm, device: SigningKey.Algorithm) async throws {
        let fixture = try SandboxFixture(issuerKey: issuer, deviceKey: device)
        let presentation = try await fixture.verifier().verify(try fixture.presentation(), sessionTranscript: SandboxFixture.transcript)
        let document = try #require(presentation.documents.first)
        #expect(document.deviceAuthentication == .signature)
        #expect(document.relaxationsUsed.isEmpty)
        let facts = try #require(document.licenseFacts)
        #expect(facts.familyName == "Zhang")
        #expect(facts.familyNameNational == "张")
        #expect(facts.drivingPrivileges.map(\.vehicleCategoryCode) == ["C1"])
        #expect(facts.statusLetters?.description == "A")
        #expect(facts.points?.pointsInCycle == 0)
        #expect(document.trustPath.subjects.count == 2)
    }

    @Test func returnsOnlyTheElementsPresented() async throws {
        let fixture = try SandboxFixture()
        let bytes = try fixture.presentation([MDLProfile.isoNameSpace: ["family_name", "driving_privileges"]])
        let document = try #require(try await fixture.verifier().verify(bytes, sessionTranscript: SandboxFixture.transcript).documents.first)
        #expect(Set(document.issuerSigned[MDLProfile.isoNameSpace]?.keys.map { $0 } ?? []) == ["family_name", "driving_privileges"])
        #expect(document.issuerSigned[MDLProfile.chinaNameSpace] == nil)
    }

    @Test func wrongIssuerKeyIsRefused() async throws {
        let fixture = try SandboxFixture()
        let credential = try #require(fixture.wallet.credentials.first)
        let auth = credential.issuerAuth
        let forger = SigningKey(generating: .ed25519)
        let forged = try COSESign1(signing: try #require(auth.payload), headers: auth.headers) { try forger.signature(for: $0) }
        let bytes = try replaceIssuerAuth(in: try fixture.presentation(), with: forged)
        #expect(await SandboxFixture.expectCode(.issuerSignatureInvalid) {
            _ = try await fixture.verifier().verify(bytes, sessionTranscript: SandboxFixture.transcript)
        })
    }

    @Test func untrustedRootIsRefused() async throws {
        let fixture = try SandboxFixture()
        let stranger = try IssuingAuthority(region: .sichuan, now: SandboxFixture.now)
        #expect(await SandboxFixture.expectCode(.certificateUntrusted) {
            _ = try await fixture.verifier(anchors: [try stranger.iaca.trustAnchor()]).verify(try fixture.presentation(), sessionTranscript: SandboxFixture.transcript)
        })
    }

    @Test func documentSignerWithoutMDLExtendedKeyUsageIsRefused() async throws {
        let base = try IssuingAuthority(region: .shanghai, now: SandboxFixture.now)
        let signer = try base.iaca.issueDocumentSigner(
            commonName: "DS without EKU", notBefore: SandboxFixture.now.addingTimeInterval(-86_400),
            notAfter: SandboxFixture.now.addingTimeInterval(86_400 * 365), defects: [.noExtendedKeyUsage])
        let fixture = try SandboxFixture(authority: IssuingAuthority(region: .shanghai, iaca: base.iaca, documentSigner: signer))
        #expect(await SandboxFixture.expectCode(.certificateProfile) {
            _ = try await fixture.verifier().verify(try fixture.presentation(), sessionTranscript: SandboxFixture.transcript)
        })
    }

    @Test func expiredMSOIsRefused() async throws {
        let fixture = try SandboxFixture(
            validFrom: SandboxFixture.now.addingTimeInterval(-20 * 86_400), validUntil: SandboxFixture.now.addingTimeInterval(-86_400))
        #expect(await SandboxFixture.expectCode(.msoExpired) {
            _ = try await fixture.verifier().verify(try fixture.presentation(), sessionTranscript: SandboxFixture.transcript)
        })
    }

    @Test func notYetValidMSOIsRefused() async throws {
        let fixture = try SandboxFixture(
            validFrom: SandboxFixture.now.addingTimeInterval(86_400), validUntil: SandboxFixture.now.addingTimeInterval(90 * 86_400))
        #expect(await SandboxFixture.expectCode(.msoNotYetValid) {
            _ = try await fixture.verifier().verify(try fixture.presentation(), sessionTranscript: SandboxFixture.transcript)
        })
    }

    @Test func clockSkewToleratesSlightlyEarlyValidity() async throws {
        let fixture = try SandboxFixture(
            validFrom: SandboxFixture.now.addingTimeInterval(60), validUntil: SandboxFixture.now.addingTimeInterval(90 * 86_400))
        _ = try await fixture.verifier().verify(try fixture.presentation(), sessionTranscript: SandboxFixture.transcript)
    }

    @Test func alteredElementValueIsRefused() async throws {
        let fixture = try SandboxFixture()
        let altered = try mapItems(in: try fixture.presentation()) { item in
            item.elementIdentifier == "family_name"
                ? IssuerSignedItem(digestID: item.digestID, random: item.random, elementIdentifier: item.elementIdentifier, elementValue: "Li")
                : item
        }
        #expect(await SandboxFixture.expectCode(.digestMismatch) {
            _ = try await fixture.verifier().verify(altered, sessionTranscript: SandboxFixture.transcript)
        })
    }

    @Test func swappedDigestIDsAreRefused() async throws {
        let fixture = try SandboxFixture()
        let original = try fixture.presentation([MDLProfile.isoNameSpace: ["family_name", "given_name"]])
        let response = try DeviceResponse(bytes: original)
        let items = try #require(response.documents.first?.issuerSigned.nameSpaces[MDLProfile.isoNameSpace])
        let ids = items.map(\.digestID)
        let swapped = try mapItems(in: original) { item in
            let other = item.digestID == ids[0] ? ids[1] : ids[0]
            return IssuerSignedItem(digestID: other, random: item.random, elementIdentifier: item.elementIdentifier, elementValue: item.elementValue)
        }
        #expect(await SandboxFixture.expectCode(.digestMismatch) {
            _ = try await fixture.verifier().verify(swapped, sessionTranscript: SandboxFixture.transcript)
        })
    }

    @Test func unknownDigestIDIsRefused() async throws {
        let fixture = try SandboxFixture()
        let altered = try mapItems(in: try fixture.presentation()) { item in
            IssuerSignedItem(digestID: item.digestID + 10_000, random: item.random, elementIdentifier: item.elementIdentifier, elementValue: item.elementValue)
        }
        #expect(await SandboxFixture.expectCode(.digestMissing) {
            _ = try await fixture.verifier().verify(altered, sessionTranscript: SandboxFixture.transcript)
        })
    }

    @Test func docTypeMismatchIsRefused() async throws {
        let fixture = try SandboxFixture()
        let response = try DeviceResponse(bytes: try fixture.presentation())
        let document = try #require(response.documents.first)
        let renamed = Document(docType: "org.example.other", issuerSigned: document.issuerSigned, deviceSigned: document.deviceSigned)
        #expect(await SandboxFixture.expectCode(.docTypeMismatch) {
            _ = try await fixture.verifier().verify(DeviceResponse(documents: [renamed]).encoded, sessionTranscript: SandboxFixture.transcript)
        })
    }

    @Test func wrongDeviceKeyIsRefused() async throws {
        let fixture = try SandboxFixture()
        var thief = HolderWallet(deviceKeyAlgorithm: .ed25519)
        thief.store(try #require(fixture.wallet.credentials.first))
        let bytes = try thief.present(elements: nil, transcript: SandboxFixture.transcript).encoded
        #expect(await SandboxFixture.expectCode(.deviceSignatureInvalid) {
            _ = try await fixture.verifier().verify(bytes, sessionTranscript: SandboxFixture.transcript)
        })
    }

    @Test func transcriptMismatchIsRefused() async throws {
        let fixture = try SandboxFixture()
        let other = SessionTranscript.openID4VP(clientID: "x509_san_dns:other.example", nonce: "n-0S6_WzA2Mj", jwkThumbprint: nil, responseURI: "https://other.example/r")
        #expect(await SandboxFixture.expectCode(.deviceSignatureInvalid) {
            _ = try await fixture.verifier().verify(try fixture.presentation(), sessionTranscript: other)
        })
        #expect(await SandboxFixture.expectCode(.sessionTranscriptMissing) {
            _ = try await fixture.verifier().verify(try fixture.presentation(), sessionTranscript: nil)
        })
    }

    @Test func smallOrderDeviceKeyIsRefused() async throws {
        let authority = try IssuingAuthority(region: .shanghai, now: SandboxFixture.now)
        var wallet = HolderWallet()
        let identity = COSEKey(keyType: .okp, curve: .ed25519, x: [1] + Array(repeating: 0, count: 31), y: nil)
        wallet.store(try authority.issue(Persona.cleanC1(today: SandboxFixture.today, asOf: SandboxFixture.now).record, deviceKey: identity, now: SandboxFixture.now))
        let bytes = try wallet.present(elements: nil, transcript: SandboxFixture.transcript).encoded
        let verifier = PresentationVerifier(configuration: .init(trustAnchors: [try authority.iaca.trustAnchor()], clock: { SandboxFixture.now }))
        #expect(await SandboxFixture.expectCode(.weakKey) {
            _ = try await verifier.verify(bytes, sessionTranscript: SandboxFixture.transcript)
        })
    }

    @Test func missingDeviceSignedIsRefused() async throws {
        let fixture = try SandboxFixture()
        let document = try #require(try DeviceResponse(bytes: try fixture.presentation()).documents.first)
        let stripped = Document(docType: document.docType, issuerSigned: document.issuerSigned, deviceSigned: nil)
        #expect(await SandboxFixture.expectCode(.deviceAuthMissing) {
            _ = try await fixture.verifier().verify(DeviceResponse(documents: [stripped]).encoded, sessionTranscript: SandboxFixture.transcript)
        })
    }

    @Test func nonZeroResponseStatusIsRefused() async throws {
        let fixture = try SandboxFixture()
        #expect(await SandboxFixture.expectCode(.responseStatusNotOK) {
            _ = try await fixture.verifier().verify(DeviceResponse(documents: [], status: 10).encoded, sessionTranscript: SandboxFixture.transcript)
        })
    }

    // MARK: helpers

    private func replaceIssuerAuth(in bytes: [UInt8], with auth: COSESign1) throws -> [UInt8] {
        let response = try DeviceResponse(bytes: bytes)
        let documents = response.documents.map { document in
            Document(
                docType: document.docType,
                issuerSigned: IssuerSigned(nameSpaces: document.issuerSigned.nameSpaces, nameSpaceOrder: document.issuerSigned.nameSpaceOrder, issuerAuth: auth),
                deviceSigned: document.deviceSigned)
        }
        return DeviceResponse(documents: documents).encoded
    }

    private func mapItems(in bytes: [UInt8], _ transform: (IssuerSignedItem) -> IssuerSignedItem) throws -> [UInt8] {
        let response = try DeviceResponse(bytes: bytes)
        let documents = response.documents.map { document in
            Document(
                docType: document.docType,
                issuerSigned: IssuerSigned(
                    nameSpaces: document.issuerSigned.nameSpaces.mapValues { $0.map(transform) },
                    nameSpaceOrder: document.issuerSigned.nameSpaceOrder, issuerAuth: document.issuerSigned.issuerAuth),
                deviceSigned: document.deviceSigned)
        }
        return DeviceResponse(documents: documents).encoded
    }
}
