import Foundation
import MDLCBOR
import MDLKit
import Testing

/// mDLs issued at test time by independent implementations (pymdoccbor 1.4.0, isomdoc 0.0.5; ES256 or ES384 with
/// an X.509 document signer under a generated IACA) verify in MDLKit, chain included, with the issued values.
@Suite(.enabled(if: PythonPeer.available, Comment(rawValue: PythonPeer.skipMessage)))
struct PythonIssuerTests {
    /// Up to 21 elements: the 10 mandatory ones and the optional ones before `issuing_jurisdiction`.
    @Test(arguments: [5, 12, 21])
    func pymdoccborDocumentVerifiesUnderStrict(elements: Int) async throws {
        let issued = try PythonIssuedDocument.issue("pymdoccbor_issue.py", ["--elements", "\(elements)"])
        defer { issued.remove() }
        let document = try await issued.verify(.strict)
        #expect(document.docType == MDLProfile.docType)
        #expect(document.relaxationsUsed.isEmpty)
        #expect(document.deviceAuthentication == .signature)
        #expect(document.digestAlgorithm == .sha256)
        #expect(document.trustPath.subjects.count == 2)
        #expect(issued.expectedElements.count == elements)
        #expect(document.isoElementsJSON == issued.expectedElements)
    }

    /// From 22 elements on, `issuing_jurisdiction` `CN-BJ` is disclosed under a DS certificate whose ST is `Beijing`
    /// (the harness's PKI, mdoc_fixture.py): ISO 18013-5 ties the two together, so strict refuses; interop accepts
    /// it naming `countryCheckOff`.
    @Test func pymdoccborJurisdictionOutsideTheCertificateNeedsCountryCheckOff() async throws {
        let issued = try PythonIssuedDocument.issue("pymdoccbor_issue.py", ["--elements", "30"])
        defer { issued.remove() }
        #expect(issued.expectedElements["issuing_jurisdiction"] == .string("CN-BJ"))
        await #expect(throws: MDLError(code: .issuingCountryMismatch)) { _ = try await issued.verify(.strict) }
        let document = try await issued.verify(.interop)
        #expect(document.relaxationsUsed == [.countryCheckOff])
        #expect(document.isoElementsJSON == issued.expectedElements)
        #expect(issued.expectedElements.count == 30)
        let onlyCountry = try await issued.verify(VerificationPolicy(relaxations: [.countryCheckOff]))
        #expect(onlyCountry.relaxationsUsed == [.countryCheckOff])
    }

    @Test func pymdoccborES384DocumentVerifiesUnderStrict() async throws {
        let issued = try PythonIssuedDocument.issue("pymdoccbor_issue.py", ["--alg", "ES384"])
        defer { issued.remove() }
        let document = try await issued.verify(.strict)
        #expect(document.digestAlgorithm == .sha384)
        #expect(document.isoElementsJSON == issued.expectedElements)
    }

    @Test func pymdoccborOpenID4VPTranscriptMatchesOurs() async throws {
        let thumbprint = Array(repeating: UInt8(0x5a), count: 32)
        let b64u = Data(thumbprint).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        let issued = try PythonIssuedDocument.issue(
            "pymdoccbor_issue.py",
            ["--elements", "21", "--openid4vp", "x509_san_dns:rp.example.cn", "n-4711", "https://rp.example.cn/post", "--jwk-thumbprint", b64u])
        defer { issued.remove() }
        let ours = SessionTranscript.openID4VP(
            clientID: "x509_san_dns:rp.example.cn", nonce: "n-4711", jwkThumbprint: thumbprint, responseURI: "https://rp.example.cn/post")
        #expect(ours.encoded == issued.transcript.encoded)
        let document = try await issued.verify(.strict, transcript: ours)
        #expect(document.isoElementsJSON == issued.expectedElements)
        let other = SessionTranscript.openID4VP(
            clientID: "x509_san_dns:rp.example.cn", nonce: "n-4712", jwkThumbprint: thumbprint, responseURI: "https://rp.example.cn/post")
        await #expect(throws: MDLError(code: .deviceSignatureInvalid)) { _ = try await issued.verify(.strict, transcript: other) }
    }

    @Test(arguments: ["family_name", "birth_date", "portrait", "driving_privileges"])
    func pymdoccborTamperedElementIsRefused(element: String) async throws {
        let issued = try PythonIssuedDocument.issue("pymdoccbor_issue.py", ["--tamper", element])
        defer { issued.remove() }
        await #expect(throws: MDLError(code: .digestMismatch)) { _ = try await issued.verify(.strict) }
        await #expect(throws: MDLError(code: .digestMismatch)) { _ = try await issued.verify(.interop) }
    }

    @Test func pymdoccborDocumentUnderAnotherAnchorIsRefused() async throws {
        let issued = try PythonIssuedDocument.issue("pymdoccbor_issue.py")
        let stranger = try PythonIssuedDocument.issue("pymdoccbor_issue.py", ["--elements", "1"])
        defer { issued.remove(); stranger.remove() }
        let verifier = PresentationVerifier(configuration: .init(trustAnchors: [stranger.anchor]))
        await #expect(throws: MDLError(code: .certificateUntrusted)) {
            _ = try await verifier.verify(issued.response, sessionTranscript: issued.transcript)
        }
    }

    @Test func pymdoccborWithoutDeviceSignedIsRefused() async throws {
        // pymdoccbor's own output has no deviceSigned, which ISO 18013-5 makes mandatory in a Document.
        let issued = try PythonIssuedDocument.issue("pymdoccbor_issue.py", ["--no-device-signature"])
        defer { issued.remove() }
        await #expect(throws: MDLError(code: .deviceAuthMissing)) { _ = try await issued.verify(.strict) }
        await #expect(throws: MDLError(code: .deviceAuthMissing)) { _ = try await issued.verify(.interop) }
    }

    @Test(arguments: [5, 20])
    func isomdocDocumentVerifiesUnderStrict(elements: Int) async throws {
        let issued = try PythonIssuedDocument.issue("isomdoc_issue.py", ["--elements", "\(elements)"])
        defer { issued.remove() }
        let document = try await issued.verify(.strict)
        #expect(document.relaxationsUsed.isEmpty)
        #expect(document.deviceAuthentication == .signature)
        #expect(document.trustPath.subjects.count == 2)
        #expect(document.isoElementsJSON == issued.expectedElements)
        #expect(issued.expectedElements.count == elements)
    }

    @Test func isomdocDocumentWithAnotherTranscriptIsRefused() async throws {
        let issued = try PythonIssuedDocument.issue("isomdoc_issue.py")
        defer { issued.remove() }
        let other = SessionTranscript.openID4VP(clientID: "x509_san_dns:rp.example.cn", nonce: "n", jwkThumbprint: nil, responseURI: "https://rp.example.cn")
        await #expect(throws: MDLError(code: .deviceSignatureInvalid)) { _ = try await issued.verify(.strict, transcript: other) }
    }
}

extension PythonIssuerTests {
    /// Changes one letter of the issued `family_name` in the raw bytes (same length, so the CBOR stays well-formed):
    /// the item's digest no longer matches.
    @Test(arguments: ["pymdoccbor_issue.py", "isomdoc_issue.py"])
    func byteFlippedFamilyNameIsRefused(issuer: String) async throws {
        let issued = try PythonIssuedDocument.issue(issuer)
        defer { issued.remove() }
        // The value as CBOR text (short names such as "LI" can occur by chance in keys or signatures), taken at the
        // occurrence nearest the item's `family_name` identifier.
        let name = Array(try #require(issued.expectedElements["family_name"]?.string).utf8)
        let encodedValue = [UInt8(0x60 + name.count)] + name
        let identifier = [UInt8(0x6B)] + Array("family_name".utf8)
        let response = issued.response
        let anchor = try #require(response.indices.first { response[$0...].starts(with: identifier) })
        let candidates = response.indices.filter { response[$0...].starts(with: encodedValue) }
        let valueStart = try #require(candidates.min { abs($0 - anchor) < abs($1 - anchor) })
        let start = valueStart + 1
        var tampered = issued.response
        tampered[start] = tampered[start] == UInt8(ascii: "Q") ? UInt8(ascii: "R") : UInt8(ascii: "Q")
        await #expect(throws: MDLError(code: .digestMismatch)) {
            _ = try await issued.verifier(.strict).verify(tampered, sessionTranscript: issued.transcript)
        }
    }
}
