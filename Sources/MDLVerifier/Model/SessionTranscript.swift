import Crypto
import MDLCBOR

/// The SessionTranscript that binds a presentation to one session (ISO 18013-5 §9.1.5.1):
/// `[DeviceEngagementBytes, EReaderKeyBytes, Handover]`, with one constructor per flow.
///
/// Transcripts are compared as bytes: ``encoded`` is the array's encoding exactly as received or built, and the
/// device signs it inside `DeviceAuthentication` as is.
///
/// ```swift
/// let transcript = SessionTranscript.openID4VP(
///     clientID: "x509_san_dns:rp.example", nonce: nonce, jwkThumbprint: thumbprint, responseURI: uri)
/// ```
public struct SessionTranscript: Sendable, Hashable {
    /// The encoding of the SessionTranscript array (not wrapped in tag 24).
    public let encoded: [UInt8]

    /// `SessionTranscriptBytes`: the transcript embedded with tag 24, as the key derivations hash it.
    public var sessionTranscriptBytes: [UInt8] { EmbeddedCBOR(content: encoded).encoded }

    /// Raw transcript bytes handed over by a platform or a file: either `SessionTranscriptBytes` (tag 24) or the
    /// bare array. The received encoding is kept.
    public init(bytes: [UInt8]) throws(MDLError) {
        let item = try CBORDecoder().decodeStructure(bytes, what: "SessionTranscript")
        if let embedded = item.embedded {
            guard (try CBORDecoder().decodeStructure(embedded.content, what: "SessionTranscript")).array?.count == 3 else {
                throw MDLError.structure("SessionTranscript must be an array of 3 elements")
            }
            encoded = embedded.content
        } else {
            guard item.array?.count == 3 else { throw MDLError.structure("SessionTranscript must be an array of 3 elements") }
            encoded = bytes
        }
    }

    /// A transcript from its three parts, encoded deterministically.
    public init(deviceEngagementBytes: CBOR, eReaderKeyBytes: CBOR, handover: CBOR) {
        encoded = CBOREncoder.encode(.array([deviceEngagementBytes, eReaderKeyBytes, handover]))
    }

    /// OpenID4VP 1.0 (Appendix B.2.6.1) with `response_mode` `direct_post(.jwt)`:
    /// `[null, null, ["OpenID4VPHandover", SHA-256(cbor([client_id, nonce, jwkThumbprint / null, response_uri]))]]`.
    ///
    /// - Parameters:
    ///   - clientID: the request's `client_id`, with its prefix (e.g. `x509_san_dns:rental.example.cn`).
    ///   - nonce: the request's `nonce`.
    ///   - jwkThumbprint: the RFC 7638 SHA-256 thumbprint of the response-encryption JWK, when the response is
    ///     encrypted; `nil` otherwise.
    ///   - responseURI: the request's `response_uri`.
    public static func openID4VP(clientID: String, nonce: String, jwkThumbprint: [UInt8]?, responseURI: String) -> SessionTranscript {
        let info: CBOR = .array([.text(clientID), .text(nonce), jwkThumbprint.map(CBOR.bytes) ?? .null, .text(responseURI)])
        return handoverTranscript(name: "OpenID4VPHandover", info: info)
    }

    /// OpenID4VP 1.0 over the W3C Digital Credentials API (Appendix A.5):
    /// `[null, null, ["OpenID4VPDCAPIHandover", SHA-256(cbor([origin, nonce, jwkThumbprint / null]))]]`.
    public static func openID4VPDigitalCredentialsAPI(origin: String, nonce: String, jwkThumbprint: [UInt8]?) -> SessionTranscript {
        let info: CBOR = .array([.text(origin), .text(nonce), jwkThumbprint.map(CBOR.bytes) ?? .null])
        return handoverTranscript(name: "OpenID4VPDCAPIHandover", info: info)
    }

    /// ISO 18013-7 Annex C (`dcapi`): `[null, null, ["dcapi", SHA-256(cbor([EncryptionInfo base64url, origin]))]]`.
    public static func isoDigitalCredentialsAPI(encryptionInfoBase64URL: String, origin: String) -> SessionTranscript {
        handoverTranscript(name: "dcapi", info: .array([.text(encryptionInfoBase64URL), .text(origin)]))
    }

    /// ISO 18013-5 proximity with QR engagement: `[DeviceEngagementBytes, EReaderKeyBytes, null]`.
    ///
    /// - Parameters:
    ///   - deviceEngagementBytes: `DeviceEngagementBytes` as received (tag 24).
    ///   - eReaderKeyBytes: `EReaderKeyBytes` as sent (tag 24).
    public static func proximityQR(deviceEngagementBytes: [UInt8], eReaderKeyBytes: [UInt8]) -> SessionTranscript {
        proximity(deviceEngagementBytes: deviceEngagementBytes, eReaderKeyBytes: eReaderKeyBytes, handoverBytes: [0xf6])
    }

    /// ISO 18013-5 proximity with NFC engagement: the handover is `[HandoverSelect, HandoverRequest / null]`,
    /// given as its received encoding.
    public static func proximityNFC(deviceEngagementBytes: [UInt8], eReaderKeyBytes: [UInt8], handoverBytes: [UInt8]) -> SessionTranscript {
        proximity(deviceEngagementBytes: deviceEngagementBytes, eReaderKeyBytes: eReaderKeyBytes, handoverBytes: handoverBytes)
    }

    /// Apple's identity presentment (in-app and Verify with Wallet):
    /// `[null, null, ["AppleIdentityPresentment_1.0", nonce, merchantID, teamID, pkRHash]]`, where `pkRHash` is the
    /// SHA-256 of the merchant's HPKE recipient public key, as in the envelope's parameters. The handover is not hashed.
    public static func appleIdentityPresentment(
        nonce: [UInt8], merchantID: String, teamID: String, recipientPublicKeyHash: [UInt8]
    ) -> SessionTranscript {
        let handover: CBOR = .array([
            .text("AppleIdentityPresentment_1.0"), .bytes(nonce), .text(merchantID), .text(teamID), .bytes(recipientPublicKeyHash),
        ])
        return SessionTranscript(uncheckedEncoded: CBOREncoder.encode(.array([.null, .null, handover])))
    }

    private static func proximity(deviceEngagementBytes: [UInt8], eReaderKeyBytes: [UInt8], handoverBytes: [UInt8]) -> SessionTranscript {
        var writer = CBORWriter()
        writer.writeHead(major: 4, argument: 3)
        writer.writeRaw(deviceEngagementBytes)
        writer.writeRaw(eReaderKeyBytes)
        writer.writeRaw(handoverBytes)
        return SessionTranscript(uncheckedEncoded: writer.bytes)
    }

    private static func handoverTranscript(name: String, info: CBOR) -> SessionTranscript {
        let digest = Array(SHA256.hash(data: CBOREncoder.encode(info)))
        return SessionTranscript(uncheckedEncoded: CBOREncoder.encode(.array([.null, .null, .array([.text(name), .bytes(digest)])])))
    }

    init(uncheckedEncoded: [UInt8]) { encoded = uncheckedEncoded }

    /// `DeviceAuthenticationBytes` for a document: tag 24 over
    /// `["DeviceAuthentication", SessionTranscript, DocType, DeviceNameSpacesBytes]`, with the transcript and the
    /// namespaces bytes included exactly as given.
    public func deviceAuthenticationBytes(docType: String, deviceNameSpacesBytes: EmbeddedCBOR) -> [UInt8] {
        // Written into one buffer of the exact size, tag and byte-string head first.
        let nameSpaces = deviceNameSpacesBytes.encodedBytes
        let docTypeLength = docType.utf8.count
        let innerLength = 1 + 21 + encoded.count + CBORWriter.headLength(docTypeLength) + docTypeLength + nameSpaces.count
        var writer = CBORWriter()
        writer.bytes.reserveCapacity(2 + CBORWriter.headLength(innerLength) + innerLength)
        writer.writeHead(major: 6, argument: 24)
        writer.writeHead(major: 2, argument: UInt64(innerLength))
        writer.writeHead(major: 4, argument: 4)
        writer.writeText("DeviceAuthentication")
        writer.writeRaw(encoded)
        writer.writeText(docType)
        writer.writeRaw(nameSpaces)
        return writer.bytes
    }
}
