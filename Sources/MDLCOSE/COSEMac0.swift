import Crypto
import MDLCBOR

/// A COSE_Mac0 message (RFC 9052 §6.2): `[protected, unprotected, payload / nil, tag]`, tag 17 optional.
///
/// ISO 18013-5 DeviceMac uses it with HMAC 256/256 (alg 5) and a detached payload (DeviceAuthenticationBytes).
public struct COSEMac0: Sendable, Hashable {
    /// The CBOR tag of COSE_Mac0.
    public static let tag: UInt64 = 17

    /// The headers.
    public let headers: COSEHeaders
    /// The attached payload, or `nil` when detached.
    public let payload: [UInt8]?
    /// The authentication tag.
    public let macTag: [UInt8]

    /// Reads a COSE_Mac0 from its CBOR item (tagged 17 or untagged).
    public init(_ item: CBOR) throws {
        var item = item
        if case .tagged(let tag, let inner) = item {
            guard tag == COSEMac0.tag else { throw COSEFormatError("tag \(tag) is not COSE_Mac0 (17)") }
            item = inner
        }
        guard let parts = item.array, parts.count == 4 else {
            throw COSEFormatError("COSE_Mac0 must be an array of 4 elements")
        }
        headers = try COSEHeaders(protectedItem: parts[0], unprotectedItem: parts[1])
        switch parts[2] {
        case .bytes(let bytes): payload = bytes
        case .null: payload = nil
        default: throw COSEFormatError("COSE_Mac0 payload must be a byte string or null")
        }
        guard let macTag = parts[3].bytes else { throw COSEFormatError("COSE_Mac0 tag must be a byte string") }
        self.macTag = macTag
    }

    /// Computes a COSE_Mac0 with HMAC-SHA256 (alg 5) over `payload`.
    package init(authenticating payload: [UInt8], key: SymmetricKey, detached: Bool = true, externalAAD: [UInt8] = []) {
        headers = COSEHeaders(protected: [.int(COSEHeaders.Label.algorithm): .int(5)])
        self.payload = detached ? nil : payload
        let structure = COSEMac0.macStructure(protectedBytes: headers.protectedBytes, payload: payload, externalAAD: externalAAD)
        macTag = Array(HMAC<SHA256>.authenticationCode(for: structure, using: key))
    }

    /// The message as a CBOR item (untagged).
    public var cbor: CBOR {
        .array([headers.protectedItem, .map(headers.unprotected), payload.map(CBOR.bytes) ?? .null, .bytes(macTag)])
    }

    /// The bytes that are MACed: the encoding of `["MAC0", protected, external_aad, payload]`.
    package static func macStructure(protectedBytes: [UInt8], payload: [UInt8], externalAAD: [UInt8] = []) -> [UInt8] {
        var writer = CBORWriter()
        writer.writeHead(major: 4, argument: 4)
        writer.write(.text("MAC0"))
        writer.write(.bytes(protectedBytes))
        writer.write(.bytes(externalAAD))
        writer.write(.bytes(payload))
        return writer.bytes
    }

    /// Verifies a message that carries its payload and returns the payload that was verified. Only HMAC 256/256
    /// (alg 5) is accepted, from the protected header; the tag is compared in constant time.
    /// - Throws: ``COSEFormatError`` when the message is detached; `COSEError` when the algorithm is not HMAC 256/256
    ///   or the tag does not verify.
    @discardableResult
    public func verifyAttached(with key: SymmetricKey, externalAAD: [UInt8] = []) throws -> [UInt8] {
        guard let payload else { throw COSEFormatError("the message is detached; an attached payload is required") }
        try verifyTag(over: payload, with: key, externalAAD: externalAAD)
        return payload
    }

    /// Verifies a detached message (DeviceMac) over `content`, the bytes the verifier rebuilt itself
    /// (DeviceAuthenticationBytes from its own SessionTranscript). A message that carries a payload is refused.
    /// - Throws: ``COSEFormatError`` when the message carries a payload; `COSEError` when the algorithm is not
    ///   HMAC 256/256 or the tag does not verify over `content`.
    public func verifyDetached(content: [UInt8], with key: SymmetricKey, externalAAD: [UInt8] = []) throws {
        guard payload == nil else { throw COSEFormatError("the message must be detached but carries a payload") }
        try verifyTag(over: content, with: key, externalAAD: externalAAD)
    }

    /// The old entry point that took either payload: removed, because it let an attached payload stand in for the
    /// detached content the caller rebuilt. Use ``verifyAttached(with:externalAAD:)`` or
    /// ``verifyDetached(content:with:externalAAD:)``.
    @available(*, unavailable, message: "use verifyAttached(with:externalAAD:) or verifyDetached(content:with:externalAAD:)")
    public func verify(with key: SymmetricKey, detachedPayload: [UInt8]? = nil, externalAAD: [UInt8] = []) throws {
        throw COSEFormatError("verify(with:detachedPayload:) is unavailable")
    }

    private func verifyTag(over authenticated: [UInt8], with key: SymmetricKey, externalAAD: [UInt8]) throws {
        guard headers.algorithmIdentifier == 5 else {
            throw COSEError(code: .unsupportedAlgorithm, message: "COSE_Mac0 alg must be HMAC 256/256 (5) in the protected header")
        }
        let structure = COSEMac0.macStructure(protectedBytes: headers.protectedBytes, payload: authenticated, externalAAD: externalAAD)
        guard HMAC<SHA256>.isValidAuthenticationCode(macTag, authenticating: structure, using: key) else {
            throw COSEError(code: .signatureInvalid, message: "COSE_Mac0 tag does not verify")
        }
    }
}
