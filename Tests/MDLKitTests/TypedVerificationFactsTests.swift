import Foundation
import MDLCBOR
import MDLCOSE
import MDLKit
import MDLSandbox
import Testing
import X509

/// Where a relying party branches, the verified document gives it types (issue 15): the device-authentication method,
/// the digest algorithm and the trust path with its certificates and anchor.
struct TypedVerificationFactsTests {
    @Test func theTrustPathHoldsTheCertificatesAndTheAnchor() async throws {
        let fixture = try SandboxFixture()
        let presentation = try await fixture.verifier().verify(try fixture.presentation(), sessionTranscript: SandboxFixture.transcript)
        let document = try #require(presentation.documents.first)
        let path = document.trustPath
        #expect(path.certificates.count == 2)
        #expect(path.documentSigner == fixture.authority.documentSigner.certificate)
        #expect(path.certificates.last == fixture.authority.iaca.certificate)
        #expect(path.anchor == document.issuerAnchor)
        #expect(path.anchor.certificate == fixture.authority.iaca.certificate)
        #expect(path.subjects == path.certificates.map { $0.subject.description })
        #expect(document.deviceAuthentication == .signature)
        #expect(document.digestAlgorithm == .sha256)
    }

    @Test(arguments: DigestAlgorithm.allCases)
    func theDigestAlgorithmIsTheMSOs(algorithm: DigestAlgorithm) async throws {
        let fixture = try SandboxFixture()
        var wallet = HolderWallet(deviceKeyAlgorithm: .ed25519)
        wallet.store(
            try fixture.authority.issue(
                fixture.persona.record, deviceKey: wallet.deviceCOSEKey, now: SandboxFixture.now, digestAlgorithm: algorithm))
        let bytes = try wallet.present(elements: nil, transcript: SandboxFixture.transcript).encoded
        let presentation = try await fixture.verifier().verify(bytes, sessionTranscript: SandboxFixture.transcript)
        #expect(presentation.documents.first?.digestAlgorithm == algorithm)
        #expect(presentation.documents.first?.trustPath.subjects.count == 2)
    }

    @Test func anMSOWithAnotherDigestAlgorithmIsRefusedWhenRead() throws {
        let start = try #require(TDate(rfc3339: "2026-01-01T00:00:00Z"))
        let key = COSEKey(keyType: .okp, curve: .ed25519, x: [UInt8](repeating: 7, count: 32), y: nil)
        let mso = MobileSecurityObject(
            valueDigests: ["org.iso.18013.5.1": [0: [1]]], deviceKey: key, docType: "org.iso.18013.5.1.mDL",
            validity: .init(signed: start, validFrom: start, validUntil: start))
        var encoded = CBOREncoder.encode(mso.cbor)
        let name = Array("SHA-256".utf8)
        let at = try #require((0...(encoded.count - name.count)).first { Array(encoded[$0..<$0 + name.count]) == name })
        encoded.replaceSubrange(at..<at + name.count, with: Array("MD5-128".utf8))
        let item = try CBORDecoder().decode(encoded)
        #expect(throws: MDLError(code: .digestAlgorithmUnsupported)) { try MobileSecurityObject(item) }
    }
}
