import Foundation
import MDLCBOR
import MDLCOSE
import MDLKit
import MDLSandbox
import SwiftASN1
import Testing
import X509

/// readerAuth of ISO/IEC 18013-5 Annex D (`../shared/vectors/iso18013-5-annex-d`).
@Suite(.enabled(if: VectorFiles.available, Comment(rawValue: VectorFiles.skipMessage)))
struct ReaderAuthAnnexDTests {
    static let annexDTime = TDate(rfc3339: "2021-01-01T00:00:00Z")?.date ?? .distantPast

    static func docRequest() throws -> CBOR {
        let request = try CBORDecoder().decode(VectorFiles.hex("iso18013-5-annex-d/device-request.hex"))
        return try #require(request["docRequests"]?.array?.first)
    }

    static func transcript() throws -> SessionTranscript {
        try SessionTranscript(bytes: VectorFiles.hex("iso18013-5-annex-d/session-transcript-bytes.hex"))
    }

    static func readerAuthentication() throws -> ReaderAuthentication {
        ReaderAuthentication(readerRoots: [
            try Certificate(pemEncoded: VectorFiles.text("iso18013-5-annex-d/reader-root.pem"))
        ])
    }

    @Test func annexDReaderAuthVerifiesUnderTheReaderRoot() async throws {
        let reader = try await Self.readerAuthentication()
            .verify(docRequest: Self.docRequest(), sessionTranscript: Self.transcript(), at: Self.annexDTime)
        #expect(reader.subject == "CN=reader")
        #expect(reader.chain.count == 2)
        #expect(reader.chain.last?.subject.description == "CN=reader root")
    }

    @Test func aChangedItemsRequestFails() async throws {
        let docRequest = try Self.docRequest()
        let readerAuth = try COSESign1(try #require(docRequest["readerAuth"]))
        let original = try #require(docRequest["itemsRequest"]?.embedded)
        // Ask for the portrait with intent to retain: flip its `false` (0xf4) to `true` (0xf5).
        var content = original.content
        let marker = Array("portrait".utf8) + [0xF4]
        let index = try #require(
            (0...(content.count - marker.count)).first { Array(content[$0..<$0 + marker.count]) == marker })
        content[index + marker.count - 1] = 0xF5
        let changed = EmbeddedCBOR(content: content)
        await #expect(throws: MDLError(code: .readerSignatureInvalid)) {
            try await Self.readerAuthentication().verify(
                readerAuth: readerAuth, itemsRequestBytes: changed.encoded, sessionTranscript: Self.transcript(),
                at: Self.annexDTime)
        }
    }

    @Test func anotherSessionTranscriptFails() async throws {
        let other = SessionTranscript.openID4VP(
            clientID: "x509_san_dns:rp.example", nonce: "n", jwkThumbprint: nil, responseURI: "https://rp.example/r")
        await #expect(throws: MDLError(code: .readerSignatureInvalid)) {
            try await Self.readerAuthentication()
                .verify(docRequest: Self.docRequest(), sessionTranscript: other, at: Self.annexDTime)
        }
    }

    @Test func theIACARootIsNotAReaderRoot() async throws {
        let iaca = try Certificate(pemEncoded: VectorFiles.text("iso18013-5-annex-d/iaca-root.pem"))
        await #expect(throws: MDLError(code: .certificateUntrusted)) {
            try await ReaderAuthentication(readerRoots: [iaca])
                .verify(docRequest: Self.docRequest(), sessionTranscript: Self.transcript(), at: Self.annexDTime)
        }
    }

    @Test func theReaderCertificateHasExpiredToday() async throws {
        let today = SandboxFixture.now
        await #expect(throws: MDLError(code: .certificateUntrusted)) {
            try await Self.readerAuthentication()
                .verify(docRequest: Self.docRequest(), sessionTranscript: Self.transcript(), at: today)
        }
    }
}

/// readerAuth made with sandbox keys: the EKU decides.
struct ReaderAuthSandboxTests {
    static let now = SandboxFixture.now

    static func signedRequest(usage: ASN1ObjectIdentifier) throws -> (root: Certificate, readerAuth: COSESign1, items: [UInt8]) {
        let root = try CertificateAuthority(
            selfSigned: CertificateTemplate(
                subject: CertificateSubject(country: "CN", commonName: "sandbox reader root"),
                notBefore: now - 86_400, notAfter: now + 365 * 86_400,
                basicConstraints: .isCertificateAuthority(maxPathLength: 0), keyUsage: KeyUsage(keyCertSign: true)),
            key: SigningKey(generating: .ed25519))
        let key = SigningKey(generating: .ed25519)
        let certificate = try root.issue(
            CertificateTemplate(
                subject: CertificateSubject(country: "CN", commonName: "rental counter 7"),
                notBefore: now - 3_600, notAfter: now + 30 * 86_400, basicConstraints: .notCertificateAuthority,
                keyUsage: KeyUsage(digitalSignature: true), extendedKeyUsages: [usage]),
            for: key.certificatePublicKey)
        let items = EmbeddedCBOR(
            .map([
                "docType": .text(MDLProfile.docType),
                "nameSpaces": .map(["org.iso.18013.5.1": .map(["age_over_18": false])]),
            ])).encoded
        let payload = ReaderAuthentication.readerAuthenticationBytes(
            sessionTranscript: SandboxFixture.transcript, itemsRequestBytes: items)
        let headers = COSEHeaders(
            protected: [.int(COSEHeaders.Label.algorithm): .int(COSEAlgorithm.edDSA.coseValue)],
            unprotected: [.int(COSEHeaders.Label.x5chain): .bytes(try TrustVectors.der(certificate))])
        let readerAuth = try COSESign1(signing: payload, headers: headers, detached: true) { try key.signature(for: $0) }
        return (root.certificate, readerAuth, items)
    }

    @Test func aSandboxReaderVerifies() async throws {
        let request = try Self.signedRequest(usage: .mdlReaderAuthentication)
        let reader = try await ReaderAuthentication(readerRoots: [request.root]).verify(
            readerAuth: request.readerAuth, itemsRequestBytes: request.items,
            sessionTranscript: SandboxFixture.transcript, at: Self.now)
        #expect(reader.subject.contains("rental counter 7"))
    }

    @Test func aDocumentSignerCertificateCannotAuthenticateAReader() async throws {
        let request = try Self.signedRequest(usage: .mdlDocumentSigner)
        await #expect(throws: MDLError(code: .certificateUntrusted)) {
            try await ReaderAuthentication(readerRoots: [request.root]).verify(
                readerAuth: request.readerAuth, itemsRequestBytes: request.items,
                sessionTranscript: SandboxFixture.transcript, at: Self.now)
        }
    }
}
