import Crypto
import Foundation
import MDLCBOR
import MDLKit
import Testing

/// The SDK's redaction keeps byte strings (portraits) out of anything printed, logged or stored.
struct RedactedValueTests {
    @Test func aPortraitBecomesItsLengthAndDigest() async throws {
        let sandbox = try SandboxFixture()
        let presentation = try await sandbox.verifier().verify(try sandbox.presentation(), sessionTranscript: SandboxFixture.transcript)
        let document = try #require(presentation.documents.first)
        let portrait = try #require(document.issuerSigned[MDLProfile.isoNameSpace]?["portrait"]?.bytes)
        let redacted = try #require(document.redactedIssuerSigned[MDLProfile.isoNameSpace]?["portrait"])
        #expect(redacted == .bytes(count: portrait.count, sha256: Array(SHA256.hash(data: portrait))))
        #expect(!redacted.description.contains(Hex.encode(Array(portrait.prefix(8)))))
        // Other values keep their value: the family name is text.
        #expect(document.redactedIssuerSigned[MDLProfile.isoNameSpace]?["family_name"]
            == document.issuerSigned[MDLProfile.isoNameSpace]?["family_name"]?.text.map(RedactedValue.text))
    }

    @Test func nestedBytesAreRedactedToo() {
        let value = RedactedValue(.array([.map([.text("image"): .bytes([1, 2, 3])]), .tagged(1004, .text("2020-01-01"))]))
        #expect(value == .array([
            .map([.init(key: "image", value: .bytes(count: 3, sha256: Array(SHA256.hash(data: [1, 2, 3]))))]),
            .text("2020-01-01"),
        ]))
    }
}
