import Crypto
import Foundation
import MDLCBOR
import MDLKit
import Testing

/// Documents produced by other implementations (ISO Annex D, auth0, the EU reference wallet), read from
/// `../shared/vectors` with their expected results (see its README).
@Suite(.enabled(if: VectorFiles.available, Comment(rawValue: VectorFiles.skipMessage)))
struct RealWorldVectorTests {
    static func date(_ text: String) -> Date { TDate(rfc3339: text)?.date ?? Date.distantPast }

    // MARK: ISO 18013-5 Annex D

    func annexD(at time: String) async throws -> VerifiedPresentation {
        let response = try VectorFiles.hex("iso18013-5-annex-d/device-response.hex")
        let transcript = try SessionTranscript(bytes: try VectorFiles.hex("iso18013-5-annex-d/session-transcript-bytes.hex"))
        let readerKey = try P256.KeyAgreement.PrivateKey(pemRepresentation: try VectorFiles.text("iso18013-5-annex-d/e-reader-key.pem"))
        let anchor = try TrustAnchor(pemEncoded: try VectorFiles.text("iso18013-5-annex-d/iaca-root.pem"))
        let verifier = PresentationVerifier(configuration: .init(trustAnchors: [anchor]))
        return try await verifier.verify(response, sessionTranscript: transcript, readerKey: readerKey, at: Self.date(time))
    }

    @Test func annexDVerifiesWithDeviceMacAtItsTime() async throws {
        let presentation = try await annexD(at: "2021-01-01T00:00:00Z")
        let document = try #require(presentation.documents.first)
        #expect(document.deviceAuthentication == .mac)
        let iso = try #require(document.issuerSigned["org.iso.18013.5.1"])
        #expect(iso.count == 6)
        #expect(iso["family_name"] == .text("Doe"))
        #expect(iso["document_number"] == .text("123456789"))
        let facts = try #require(document.licenseFacts)
        #expect(facts.drivingPrivileges.map(\.vehicleCategoryCode) == ["A", "B"])
        #expect(facts.drivingPrivileges.first?.issueDate != nil)
        #expect(document.relaxationsUsed.isEmpty)
    }

    @Test func annexDIsRefusedTodayBecauseItsDocumentSignerExpired() async throws {
        await #expect(throws: MDLError(code: .certificateExpired)) { _ = try await annexD(at: "2026-11-25T00:00:00Z") }
    }

    @Test func annexDDeviceMacNeedsTheRightReaderKey() async throws {
        let response = try VectorFiles.hex("iso18013-5-annex-d/device-response.hex")
        let transcript = try SessionTranscript(bytes: try VectorFiles.hex("iso18013-5-annex-d/session-transcript-bytes.hex"))
        let anchor = try TrustAnchor(pemEncoded: try VectorFiles.text("iso18013-5-annex-d/iaca-root.pem"))
        let verifier = PresentationVerifier(configuration: .init(trustAnchors: [anchor]))
        await #expect(throws: MDLError(code: .deviceMacInvalid)) {
            _ = try await verifier.verify(response, sessionTranscript: transcript, readerKey: P256.KeyAgreement.PrivateKey(), at: Self.date("2021-01-01T00:00:00Z"))
        }
    }

    // MARK: auth0

    func auth0(_ file: String, policy: VerificationPolicy) async throws -> VerifiedPresentation {
        let response = try VectorFiles.hex("auth0-mdl-example1/\(file)")
        let transcript = try SessionTranscript(bytes: try VectorFiles.hex("auth0-mdl-example1/session-transcript-bytes.hex"))
        let anchor = try TrustAnchor(pemEncoded: try VectorFiles.text("auth0-mdl-example1/issuer.pem"))
        let verifier = PresentationVerifier(configuration: .init(trustAnchors: [anchor], policy: policy))
        return try await verifier.verify(response, sessionTranscript: transcript, at: Self.date("2026-11-25T00:00:00Z"))
    }

    @Test func auth0VerifiesUnderInteropAndNamesTheRelaxation() async throws {
        let presentation = try await auth0("device-response.hex", policy: .interop)
        let document = try #require(presentation.documents.first)
        #expect(document.deviceAuthentication == .signature)
        #expect(document.relaxationsUsed.contains(.selfSignedDocumentSignerAsAnchor))
        // auth0's DeviceSignature carries this session's DeviceAuthenticationBytes attached (issue 14).
        #expect(document.relaxationsUsed.contains(.attachedPayloadInDeviceSignature))
        #expect(document.issuerSigned["org.iso.18013.5.1"]?.count == 12)
    }

    @Test func auth0IsRefusedUnderStrict() async throws {
        await #expect(throws: MDLError(code: .certificateProfile)) { _ = try await auth0("device-response.hex", policy: .strict) }
    }

    @Test func auth0TamperedIsRefusedUnderBothPolicies() async throws {
        await #expect(throws: MDLError(code: .digestMismatch)) { _ = try await auth0("device-response-tampered-family_name.hex", policy: .interop) }
        await #expect(throws: MDLError(code: .certificateProfile)) { _ = try await auth0("device-response-tampered-family_name.hex", policy: .strict) }
    }

    // MARK: EU reference wallet over OpenID4VP 1.0

    func euHandover() throws -> (clientID: String, nonce: String, responseURI: String, thumbprint: [UInt8], time: Date) {
        let json = try JSONSerialization.jsonObject(with: Data(try VectorFiles.bytes("eudi-mdl-openid4vp/openid4vp-handover.json"))) as? [String: Any] ?? [:]
        let jwk = (json["response_encryption_jwk"] as? [String: Any] ?? [:]).compactMapValues { $0 as? String }
        return (
            json["client_id"] as? String ?? "", json["nonce"] as? String ?? "", json["response_uri"] as? String ?? "",
            try JWKThumbprint.sha256(of: jwk), Self.date(json["verification_time"] as? String ?? "")
        )
    }

    func eu(policy: VerificationPolicy, nonce: String? = nil, status: StatusCheckPolicy? = nil) async throws -> VerifiedPresentation {
        let handover = try euHandover()
        let transcript = SessionTranscript.openID4VP(
            clientID: handover.clientID, nonce: nonce ?? handover.nonce, jwkThumbprint: handover.thumbprint, responseURI: handover.responseURI)
        let anchor = try TrustAnchor(pemEncoded: try VectorFiles.text("eudi-mdl-openid4vp/iaca-pid-issuer-ca-ut-02.pem"))
        // The EU document names a status list on a host these tests do not reach: the opt-out is explicit.
        let verifier = PresentationVerifier(
            configuration: .init(trustAnchors: [anchor], policy: policy, status: status ?? .skip(reason: "offline test")))
        return try await verifier.verify(try VectorFiles.base64URL("eudi-mdl-openid4vp/device-response.b64u"), sessionTranscript: transcript, at: handover.time)
    }

    @Test func euReferenceMDLWithAStatusReferenceIsRefusedWithoutAStatusChecker() async throws {
        await #expect(throws: MDLError(code: .statusUnavailable)) { _ = try await eu(policy: .interop, status: .required) }
    }

    @Test func euReferenceMDLVerifiesUnderInterop() async throws {
        let document = try #require(try await eu(policy: .interop).documents.first)
        #expect(document.statusReference != nil)
        #expect(document.status == .notChecked(reason: "offline test"))
        let iso = try #require(document.issuerSigned["org.iso.18013.5.1"])
        #expect(iso.count == 26)
        #expect(iso["family_name"] == .text("Georgiou"))
        #expect(document.statusReference?.index == 3971)
        #expect(document.relaxationsUsed.contains(.countryCheckOff))
        #expect(document.relaxationsUsed.contains(.fractionalSecondsInTDate))
    }

    @Test func euReferenceMDLIsRefusedUnderStrictAtItsFirstDeviation() async throws {
        await #expect(throws: MDLError(code: .certificateProfile)) { _ = try await eu(policy: .strict) }
    }

    @Test func euReferenceMDLWithAnotherNonceFailsDeviceSignature() async throws {
        await #expect(throws: MDLError(code: .deviceSignatureInvalid)) { _ = try await eu(policy: .interop, nonce: "another") }
    }
}
