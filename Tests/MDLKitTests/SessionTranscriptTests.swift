import Crypto
import Foundation
import MDLCBOR
import MDLKit
import Testing

/// Each SessionTranscript constructor against bytes written out by hand from the specifications' CDDL, so a change
/// in our CBOR writer or in the structure shows up as a byte difference.
struct SessionTranscriptTests {
    /// `[null, null, [name, SHA-256(info)]]` from raw parts.
    func expected(name: String, infoBytes: [UInt8]) -> [UInt8] {
        let digest = Array(SHA256.hash(data: infoBytes))
        return [0x83, 0xf6, 0xf6, 0x82] + CBOREncoder.encode(.text(name)) + [0x58, 0x20] + digest
    }

    func text(_ value: String) -> [UInt8] {
        let utf8 = Array(value.utf8)
        precondition(utf8.count < 24)
        return [0x60 + UInt8(utf8.count)] + utf8
    }

    @Test func openID4VPHandoverMatchesOpenID4VP10AppendixB() {
        let thumbprint = [UInt8](repeating: 0xab, count: 32)
        let info: [UInt8] = [0x84] + text("x509_san_dns:a.b") + text("n1") + [0x58, 0x20] + thumbprint + text("https://a.b/r")
        let transcript = SessionTranscript.openID4VP(clientID: "x509_san_dns:a.b", nonce: "n1", jwkThumbprint: thumbprint, responseURI: "https://a.b/r")
        #expect(transcript.encoded == expected(name: "OpenID4VPHandover", infoBytes: info))
        let unencrypted = SessionTranscript.openID4VP(clientID: "c", nonce: "n", jwkThumbprint: nil, responseURI: "u")
        #expect(unencrypted.encoded == expected(name: "OpenID4VPHandover", infoBytes: [0x84] + text("c") + text("n") + [0xf6] + text("u")))
    }

    @Test func digitalCredentialsAPIHandoverHasThreeInfoMembers() {
        let transcript = SessionTranscript.openID4VPDigitalCredentialsAPI(origin: "https://rp.cn", nonce: "n", jwkThumbprint: nil)
        #expect(transcript.encoded == expected(name: "OpenID4VPDCAPIHandover", infoBytes: [0x83] + text("https://rp.cn") + text("n") + [0xf6]))
    }

    @Test func isoAnnexCHandoverIsDcapi() {
        let transcript = SessionTranscript.isoDigitalCredentialsAPI(encryptionInfoBase64URL: "eW8", origin: "https://rp.cn")
        #expect(transcript.encoded == expected(name: "dcapi", infoBytes: [0x82] + text("eW8") + text("https://rp.cn")))
    }

    @Test func proximityKeepsReceivedBytesVerbatim() {
        // A non-preferred head inside DeviceEngagementBytes must survive: transcripts compare as bytes.
        let engagement: [UInt8] = [0xd8, 0x18, 0x59, 0x00, 0x01, 0xa0]
        let readerKey: [UInt8] = [0xd8, 0x18, 0x41, 0xa0]
        let qr = SessionTranscript.proximityQR(deviceEngagementBytes: engagement, eReaderKeyBytes: readerKey)
        #expect(qr.encoded == [0x83] + engagement + readerKey + [0xf6])
        let nfc = SessionTranscript.proximityNFC(deviceEngagementBytes: engagement, eReaderKeyBytes: readerKey, handoverBytes: [0x82, 0x41, 0x01, 0xf6])
        #expect(nfc.encoded == [0x83] + engagement + readerKey + [0x82, 0x41, 0x01, 0xf6])
    }

    @Test func rawBytesAcceptTaggedOrBareAndKeepTheEncoding() throws {
        let bare: [UInt8] = [0x83, 0xf6, 0xf6, 0x9f, 0x01, 0xff]  // indefinite handover array, as received
        #expect(try SessionTranscript(bytes: bare).encoded == bare)
        let tagged = EmbeddedCBOR(content: bare).encoded
        #expect(try SessionTranscript(bytes: tagged).encoded == bare)
        #expect(try SessionTranscript(bytes: tagged).sessionTranscriptBytes == tagged)
        #expect(throws: MDLError(code: .structureInvalid)) { try SessionTranscript(bytes: [0x82, 0xf6, 0xf6]) }
    }

    @Test func deviceAuthenticationEmbedsTranscriptAndNameSpacesVerbatim() {
        let transcript = SessionTranscript.proximityQR(deviceEngagementBytes: [0xf6], eReaderKeyBytes: [0xf6])
        let nameSpaces = EmbeddedCBOR(content: [0xa0])
        let bytes = transcript.deviceAuthenticationBytes(docType: "d", deviceNameSpacesBytes: nameSpaces)
        let inner: [UInt8] = [0x84] + CBOREncoder.encode("DeviceAuthentication") + [0x83, 0xf6, 0xf6, 0xf6] + text("d") + [0xd8, 0x18, 0x41, 0xa0]
        #expect(bytes == [0xd8, 0x18, 0x58, UInt8(inner.count)] + inner)
    }

    @Test func applePresentmentHandoverIsUnhashed() {
        let hash = [UInt8](repeating: 0x11, count: 32)
        let transcript = SessionTranscript.appleIdentityPresentment(nonce: [1, 2], merchantID: "m", teamID: "t", recipientPublicKeyHash: hash)
        let handover: [UInt8] = [0x85] + CBOREncoder.encode("AppleIdentityPresentment_1.0") + [0x42, 1, 2] + text("m") + text("t") + [0x58, 0x20] + hash
        #expect(transcript.encoded == [0x83, 0xf6, 0xf6] + handover)
    }
}
