import Foundation
import MDLKit
import SwiftASN1
import Testing
import X509

/// The real certificates of `../shared/vectors` (ISO 18013-5 Annex D, auth0 `mdl`, EU reference wallet).
enum TrustVectors {
    /// `<package root>/../shared/vectors`, computed from this file's path.
    static let folder: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/vectors")

    static var available: Bool { FileManager.default.fileExists(atPath: folder.path) }

    static func certificate(_ path: String) throws -> Certificate {
        try Certificate(pemEncoded: String(contentsOf: folder.appendingPathComponent(path), encoding: .utf8))
    }

    static func der(_ certificate: Certificate) throws -> [UInt8] {
        var serializer = DER.Serializer()
        try serializer.serialize(certificate)
        return serializer.serializedBytes
    }

    /// The EU reference wallet's DS certificate, cut out of the IssuerAuth's unprotected header `{33: bstr}`
    /// (CBOR `18 21 59 len len`) without a CBOR reader, so this suite depends on nothing but X.509.
    static func eudiDocumentSigner() throws -> [UInt8] {
        let text = try String(
            contentsOf: folder.appendingPathComponent("eudi-mdl-openid4vp/device-response.b64u"), encoding: .utf8)
        var base64 = text.trimmingCharacters(in: .whitespacesAndNewlines)
            .replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        let bytes = [UInt8](try #require(Data(base64Encoded: base64)))
        let marker: [UInt8] = [0x18, 0x21, 0x59]
        let start = try #require((0..<(bytes.count - 5)).first { Array(bytes[$0..<$0 + 3]) == marker })
        let length = Int(bytes[start + 3]) << 8 | Int(bytes[start + 4])
        try #require(start + 5 + length <= bytes.count)
        return Array(bytes[(start + 5)..<(start + 5 + length)])
    }

    /// Parses an ISO 8601 UTC time such as `2021-01-01T00:00:00Z`.
    static func time(_ text: String) throws -> Date {
        try #require(ISO8601DateFormatter().date(from: text))
    }
}

@Suite(
    .enabled(if: TrustVectors.available, "needs the vectors folder ../shared/vectors (relative to the package root)"))
struct TrustVectorTests {
    @Test func annexDDocumentSignerValidatesInsideItsValidity() async throws {
        let anchor = try TrustAnchor(certificate: try TrustVectors.certificate("iso18013-5-annex-d/iaca-root.pem"))
        let ds = try TrustVectors.certificate("iso18013-5-annex-d/ds-cert.pem")
        let validator = DocumentSignerValidator(anchors: [anchor])
        let validated = try await validator.validate(
            x5chain: [try TrustVectors.der(ds)], at: try TrustVectors.time("2021-01-01T00:00:00Z"))
        #expect(validated.country == "US")
        #expect(validated.relaxationsUsed.isEmpty)
        #expect(validated.trustPath.subjects.count == 2)
        guard case .p256(let x963) = validated.publicKey else {
            Issue.record("the Annex D DS key is P-256, got \(validated.publicKey.curveName)")
            return
        }
        #expect(x963.count == 65 && x963.first == 0x04)
        // The MSO of the Annex D DeviceResponse was signed at 2020-10-01T13:30:02Z.
        try validated.checkSigned(try TrustVectors.time("2020-10-01T13:30:02Z"))
    }

    @Test func annexDDocumentSignerIsExpiredToday() async throws {
        let anchor = try TrustAnchor(certificate: try TrustVectors.certificate("iso18013-5-annex-d/iaca-root.pem"))
        let ds = try TrustVectors.certificate("iso18013-5-annex-d/ds-cert.pem")
        let validator = DocumentSignerValidator(anchors: [anchor], policy: .interop)
        await #expect(throws: MDLError(code: .certificateExpired)) {
            try await validator.validate(
                x5chain: [try TrustVectors.der(ds)], at: try TrustVectors.time("2026-11-25T00:00:00Z"))
        }
    }

    @Test func annexDDocumentSignerIsUntrustedUnderAnotherAnchor() async throws {
        let other = try TrustAnchor(
            certificate: try TrustVectors.certificate("eudi-mdl-openid4vp/iaca-pid-issuer-ca-ut-02.pem"))
        let ds = try TrustVectors.certificate("iso18013-5-annex-d/ds-cert.pem")
        await #expect(throws: MDLError(code: .certificateUntrusted)) {
            try await DocumentSignerValidator(anchors: [other]).validate(
                x5chain: [try TrustVectors.der(ds)], at: try TrustVectors.time("2021-01-01T00:00:00Z"))
        }
    }

    @Test func auth0SelfSignedIssuerBreaksTheStrictProfile() async throws {
        let issuer = try TrustVectors.certificate("auth0-mdl-example1/issuer.pem")
        let validator = DocumentSignerValidator(anchors: [try TrustAnchor(certificate: issuer)], policy: .strict)
        let error = await #expect(throws: MDLError.self) {
            try await validator.validate(
                x5chain: [try TrustVectors.der(issuer)], at: try TrustVectors.time("2026-11-25T00:00:00Z"))
        }
        #expect(error?.code == .certificateProfile)
        #expect(error?.message.contains("itself a trust anchor") == true)
    }

    @Test func auth0SelfSignedIssuerValidatesUnderInteropAndSaysWhy() async throws {
        let issuer = try TrustVectors.certificate("auth0-mdl-example1/issuer.pem")
        let validator = DocumentSignerValidator(anchors: [try TrustAnchor(certificate: issuer)], policy: .interop)
        let validated = try await validator.validate(
            x5chain: [try TrustVectors.der(issuer)], at: try TrustVectors.time("2026-11-25T00:00:00Z"))
        #expect(validated.relaxationsUsed == [.selfSignedDocumentSignerAsAnchor])
        #expect(validated.chain == [issuer])
        #expect(validated.country == "US")
        #expect(validated.stateOrProvince == "New York")
        // Only the relaxation named matters, not the whole interop set.
        let narrow = DocumentSignerValidator(
            anchors: validator.anchors, policy: VerificationPolicy(relaxations: [.selfSignedDocumentSignerAsAnchor]))
        _ = try await narrow.validate(
            x5chain: [try TrustVectors.der(issuer)], at: try TrustVectors.time("2026-11-25T00:00:00Z"))
    }

    @Test func eudiDocumentSignerNeedsItsEKURelaxation() async throws {
        let anchor = try TrustAnchor(
            certificate: try TrustVectors.certificate("eudi-mdl-openid4vp/iaca-pid-issuer-ca-ut-02.pem"))
        let x5chain = [try TrustVectors.eudiDocumentSigner()]
        let time = try TrustVectors.time("2025-12-19T09:19:37Z")
        await #expect(throws: MDLError(code: .certificateProfile)) {
            try await DocumentSignerValidator(anchors: [anchor], policy: .strict).validate(x5chain: x5chain, at: time)
        }
        let validated = try await DocumentSignerValidator(anchors: [anchor], policy: .interop).validate(
            x5chain: x5chain, at: time)
        #expect(validated.relaxationsUsed == [.extraDocumentSignerEKUs([.eudiReferenceDocumentSigner])])
        #expect(validated.country == "UT")
        // The DS expired on 2026-07-04.
        await #expect(throws: MDLError(code: .certificateExpired)) {
            try await DocumentSignerValidator(anchors: [anchor], policy: .interop)
                .validate(x5chain: x5chain, at: try TrustVectors.time("2026-11-25T00:00:00Z"))
        }
    }
}
