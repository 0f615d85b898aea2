import Foundation
import MDLCBOR
import MDLCOSE
import MDLKit
import MDLSandbox
import SwiftASN1
import Testing
import X509

/// The real AAMVA VICAL of `../shared/vectors/aamva-vical`.
@Suite(.enabled(if: VectorFiles.available, Comment(rawValue: VectorFiles.skipMessage)))
struct VICALAAMVATests {
    /// 2025-11-18T20:00:00Z: after the list's date, before its nextUpdate.
    static let listTime = TDate(rfc3339: "2025-11-18T20:00:00Z")?.date ?? .distantPast

    static func verifier() throws -> VICALVerifier {
        VICALVerifier(signerAnchors: [try Certificate(pemEncoded: VectorFiles.text("aamva-vical/aamva-dts-root-ca.pem"))])
    }

    static func listBytes() throws -> [UInt8] { try VectorFiles.bytes("aamva-vical/vical-2025-11-18.cbor") }

    @Test func aamvaVICALVerifiesAndYieldsFourteenIACAs() async throws {
        let verified = try await Self.verifier().verify(Self.listBytes(), at: Self.listTime)
        #expect(verified.vical.provider == "AAMVA")
        #expect(verified.vical.issueID == 227_602)
        #expect(verified.vical.nextUpdate == TDate(rfc3339: "2025-11-19T18:38:12Z")?.date)
        #expect(verified.signerChain.count == 3)
        #expect(verified.signerChain.first?.subject.description.contains("Vical-Signer-01") == true)
        let infos = verified.vical.certificateInfos
        #expect(infos.count == 14)
        #expect(verified.unusableEntries.isEmpty)
        let anchors = verified.trustAnchors(docType: MDLProfile.docType)
        #expect(anchors.count == 14)
        #expect(infos.allSatisfy { $0.issuingCountry == "US" })
        #expect(infos.allSatisfy { $0.docTypes == [MDLProfile.docType] })
        let states = Set(infos.compactMap(\.stateOrProvinceName))
        #expect(states == ["US-MD", "US-UT", "US-VA", "US-CO", "US-GA", "AK", "US-ND", "US-AZ", "US-MT"])
        // The operator's statements agree with the certificates they describe, except that AAMVA writes some
        // notAfter times on a 12-hour clock (18:20:55 in the certificate, 06:20:55 in the list): chains are
        // therefore validated against the certificate, never against the list's copy of its dates.
        var twelveHourSlips = 0
        for (info, anchor) in zip(infos, anchors) {
            #expect(anchor.country == info.issuingCountry)
            #expect(anchor.retiredAt == nil)
            let slip = try #require(info.notAfter).timeIntervalSince(anchor.certificate.notValidAfter)
            #expect(slip == 0 || slip == -43_200)
            if slip != 0 { twelveHourSlips += 1 }
        }
        #expect(twelveHourSlips < infos.count)
    }

    @Test func aFlippedPayloadByteIsRefused() async throws {
        var bytes = try Self.listBytes()
        let message = try COSESign1(try CBORDecoder().decode(bytes))
        let payload = try #require(message.payload)
        let start = try #require(Self.offset(of: Array(payload.prefix(32)), in: bytes))
        bytes[start + payload.count / 2] ^= 0x01
        await #expect(throws: MDLError(code: .trustListSignatureInvalid)) {
            try await Self.verifier().verify(bytes, at: Self.listTime)
        }
    }

    @Test func anOlderIssueThanTheHeldOneIsARollback() async throws {
        let verified = try await Self.verifier().verify(Self.listBytes(), at: Self.listTime)
        var held = verified.vical
        held.issueID += 1
        await #expect(throws: MDLError(code: .trustListRollback)) {
            try await Self.verifier().verify(Self.listBytes(), at: Self.listTime, holding: held)
        }
        // The same issue is not a rollback.
        _ = try await Self.verifier().verify(Self.listBytes(), at: Self.listTime, holding: verified.vical)
    }

    @Test func theListIsRefusedPastItsNextUpdate() async throws {
        let late = Self.listTime.addingTimeInterval(2 * 86_400)
        await #expect(throws: MDLError(code: .trustListExpired)) {
            try await Self.verifier().verify(Self.listBytes(), at: late)
        }
        var lenient = try Self.verifier()
        lenient.stalenessBound = 3 * 86_400
        let verified = try await lenient.verify(Self.listBytes(), at: late)
        #expect(verified.vical.certificateInfos.count == 14)
    }

    @Test func anotherSignerAnchorIsUntrusted() async throws {
        let other = try Certificate(pemEncoded: VectorFiles.text("iso18013-5-annex-d/iaca-root.pem"))
        await #expect(throws: MDLError(code: .trustListUntrusted)) {
            try await VICALVerifier(signerAnchors: [other]).verify(Self.listBytes(), at: Self.listTime)
        }
    }

    @Test func pinningTheIssuingCAIsEnoughToo() async throws {
        // Pinning the issuing CA (an intermediate in x5chain) is a valid anchor too: the chain ends there.
        let issuing = try Certificate(pemEncoded: VectorFiles.text("aamva-vical/aamva-dts-issuing-ca.pem"))
        let verified = try await VICALVerifier(signerAnchors: [issuing]).verify(Self.listBytes(), at: Self.listTime)
        #expect(verified.signerChain.last == issuing)
    }

    static func offset(of needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard needle.count <= haystack.count else { return nil }
        return (0...(haystack.count - needle.count)).first { Array(haystack[$0..<$0 + needle.count]) == needle }
    }
}

/// VICALs made by the sandbox operator: the same format, with MDLKit's extensions.
struct VICALSandboxTests {
    static let now = SandboxFixture.now

    @Test func theOperatorsListRoundTripsWithRetirementAndChineseNames() async throws {
        let trustOperator = try TrustListOperator(now: Self.now)
        let shanghai = try IssuingAuthority(region: .shanghai, now: Self.now)
        await trustOperator.add(shanghai, statusServiceURL: "http://127.0.0.1:9/status")
        await trustOperator.add(try IssuingAuthority(region: .jiangsu, keyAlgorithm: .p256, now: Self.now))
        let retiredAt = Self.now.addingTimeInterval(-86_400)
        try await trustOperator.retireIACA(of: .shanghai, at: retiredAt)
        let bytes = try await trustOperator.publish(now: Self.now)
        let verifier = VICALVerifier(signerAnchors: [trustOperator.signer.root.certificate])
        let verified = try await verifier.verify(bytes, at: Self.now)
        #expect(verified.vical.issueID == 1)
        let infos = verified.vical.certificateInfos
        #expect(infos.map(\.stateOrProvinceName) == ["SH", "JS"])
        #expect(infos.first?.issuingAuthorityZH == IssuingAuthority.Region.shanghai.nameZH)
        #expect(infos.first?.statusServiceURL == "http://127.0.0.1:9/status")
        #expect(infos.first?.retiredAt == retiredAt)
        #expect(infos.last?.retiredAt == nil)
        let anchors = verified.trustAnchors()
        #expect(anchors.first?.certificate == shanghai.iaca.certificate)
        #expect(anchors.first?.retiredAt == retiredAt)
        #expect(try VICAL(CBORDecoder().decode(CBOREncoder.encode(verified.vical.cbor))) == verified.vical)
    }

    @Test func eachPublicationHasALargerIssueID() async throws {
        let trustOperator = try TrustListOperator(now: Self.now, firstIssueID: 41)
        let verifier = VICALVerifier(signerAnchors: [trustOperator.signer.root.certificate])
        let first = try await verifier.verify(try await trustOperator.publish(now: Self.now), at: Self.now)
        let second = try await verifier.verify(
            try await trustOperator.publish(now: Self.now + 60), at: Self.now + 60, holding: first.vical)
        #expect(first.vical.issueID == 42)
        #expect(second.vical.issueID == 43)
    }

    @Test func severalPinnedOperatorKeysAreAccepted() async throws {
        let current = try TrustListOperator(now: Self.now)
        let next = try TrustListOperator(now: Self.now)
        let verifier = VICALVerifier(signerAnchors: [current.signer.root.certificate, next.signer.root.certificate])
        for trustOperator in [current, next] {
            let verified = try await verifier.verify(try await trustOperator.publish(now: Self.now), at: Self.now)
            #expect(verified.signerChain.last == trustOperator.signer.root.certificate)
        }
        let onlyCurrent = VICALVerifier(signerAnchors: [current.signer.root.certificate])
        await #expect(throws: MDLError(code: .trustListUntrusted)) {
            try await onlyCurrent.verify(try await next.publish(now: Self.now), at: Self.now)
        }
    }

    @Test func aSignerWithoutTheVICALSignerUsageIsUntrusted() async throws {
        let trustOperator = try TrustListOperator(now: Self.now)
        // The operator root itself signs (it lacks EKU 1.0.18013.5.1.8).
        let root = trustOperator.signer.root
        let vical = VICAL(provider: "rogue", date: Self.now, issueID: 9, nextUpdate: nil, certificateInfos: [])
        let headers = COSEHeaders(
            protected: [.int(COSEHeaders.Label.algorithm): .int(COSEAlgorithm.es256.coseValue)],
            unprotected: [.int(COSEHeaders.Label.x5chain): .bytes(try TrustVectors.der(root.certificate))])
        let message = try COSESign1(signing: CBOREncoder.encode(vical.cbor), headers: headers) {
            try root.signingKey.signature(for: $0)
        }
        await #expect(throws: MDLError(code: .trustListUntrusted)) {
            try await VICALVerifier(signerAnchors: [root.certificate]).verify(CBOREncoder.encode(message.cbor), at: Self.now)
        }
    }

    @Test func aTaggedCOSESign1IsAccepted() async throws {
        let trustOperator = try TrustListOperator(now: Self.now)
        let bytes = try await trustOperator.publish(now: Self.now)
        let tagged = CBOREncoder.encode(.tagged(COSESign1.tag, try CBORDecoder().decode(bytes)))
        let verified = try await VICALVerifier(signerAnchors: [trustOperator.signer.root.certificate])
            .verify(tagged, at: Self.now)
        #expect(verified.vical.issueID == 1)
    }
}
