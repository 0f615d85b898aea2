import MDLCBOR

/// A COSE_Sign1 message (RFC 9052 §4.2): `[protected, unprotected, payload / nil, signature]`, tag 18 optional.
///
/// Verification computes `Sig_structure = ["Signature1", protected, external_aad, payload]` over the protected
/// header bytes **as received**, so re-encoding never changes what is checked.
public struct COSESign1: Sendable, Hashable {
    /// The CBOR tag of COSE_Sign1.
    public static let tag: UInt64 = 18

    /// The headers.
    public let headers: COSEHeaders
    /// The attached payload, or `nil` when it is detached (DeviceSignature uses a detached payload).
    public let payload: [UInt8]?
    /// The signature (raw r‖s for ECDSA, 64 bytes for EdDSA).
    public let signature: [UInt8]

    /// Reads a COSE_Sign1 from its CBOR item (tagged 18 or untagged).
    public init(_ item: CBOR) throws {
        var item = item
        if case .tagged(let tag, let inner) = item {
            guard tag == COSESign1.tag else { throw COSEFormatError("tag \(tag) is not COSE_Sign1 (18)") }
            item = inner
        }
        guard let parts = item.array, parts.count == 4 else {
            throw COSEFormatError("COSE_Sign1 must be an array of 4 elements")
        }
        headers = try COSEHeaders(protectedItem: parts[0], unprotectedItem: parts[1])
        switch parts[2] {
        case .bytes(let bytes): payload = bytes
        case .null: payload = nil
        default: throw COSEFormatError("COSE_Sign1 payload must be a byte string or null")
        }
        guard let signature = parts[3].bytes else { throw COSEFormatError("COSE_Sign1 signature must be a byte string") }
        self.signature = signature
    }

    /// Signs `payload` with `signer`, a function that returns the raw signature (r‖s for ECDSA) of its input;
    /// `detached` leaves the payload out of the message.
    package init(
        signing payload: [UInt8], headers: COSEHeaders, detached: Bool = false, externalAAD: [UInt8] = [],
        signer: ([UInt8]) throws -> [UInt8]
    ) rethrows {
        self.headers = headers
        self.payload = detached ? nil : payload
        self.signature = try signer(
            COSESign1.signatureStructure(protectedBytes: headers.protectedBytes, payload: payload, externalAAD: externalAAD))
    }

    /// The message as a CBOR item (untagged, as ISO 18013-5 carries it).
    public var cbor: CBOR {
        .array([headers.protectedItem, .map(headers.unprotected), payload.map(CBOR.bytes) ?? .null, .bytes(signature)])
    }

    /// The bytes that are signed: the encoding of `["Signature1", protected, external_aad, payload]`.
    public static func signatureStructure(protectedBytes: [UInt8], payload: [UInt8], externalAAD: [UInt8] = []) -> [UInt8] {
        // Written into one buffer of the exact size: the payload (an MSO, a status list) is the bulk of it.
        var writer = CBORWriter()
        writer.bytes.reserveCapacity(
            1 + 11 + CBORWriter.headLength(protectedBytes.count) + protectedBytes.count
                + CBORWriter.headLength(externalAAD.count) + externalAAD.count + CBORWriter.headLength(payload.count) + payload.count)
        writer.writeHead(major: 4, argument: 4)
        writer.writeText("Signature1")
        writer.writeByteString(protectedBytes)
        writer.writeByteString(externalAAD)
        writer.writeByteString(payload)
        return writer.bytes
    }

    /// Verifies a message that carries its payload (IssuerAuth, status list tokens, point statements, VICALs) and
    /// returns the payload that was verified.
    ///
    /// - Parameters:
    ///   - key: the signer's public key.
    ///   - externalAAD: the external additional authenticated data, empty unless the profile says otherwise.
    ///   - allowedAlgorithms: the algorithms the caller's policy accepts.
    /// - Returns: the attached payload, exactly the bytes the signature covers.
    /// - Throws: ``COSEFormatError`` when the message carries no payload (a detached message is never verified here);
    ///   `COSEError` when the algorithm is not allowed, does not fit the key, or the signature does not verify.
    @discardableResult
    public func verifyAttached(
        with key: SignaturePublicKey, externalAAD: [UInt8] = [], allowedAlgorithms: Set<COSEAlgorithm>
    ) throws -> [UInt8] {
        guard let payload else { throw COSEFormatError("the message is detached; an attached payload is required") }
        try verifySignature(over: payload, with: key, externalAAD: externalAAD, allowedAlgorithms: allowedAlgorithms)
        return payload
    }

    /// Verifies a detached message (DeviceSignature, readerAuth) over `content`, the bytes the verifier rebuilt
    /// itself (e.g. DeviceAuthenticationBytes from its own SessionTranscript).
    ///
    /// A message that carries a payload of its own is refused, whatever it holds: otherwise a signature over another
    /// session's content, re-sent with that content attached, would verify (RFC 9052 §4.1, ISO 18013-5 §9.1.3).
    ///
    /// - Parameters:
    ///   - content: the detached content, rebuilt by the verifier.
    ///   - key: the signer's public key.
    ///   - externalAAD: the external additional authenticated data, empty unless the profile says otherwise.
    ///   - allowedAlgorithms: the algorithms the caller's policy accepts.
    /// - Throws: ``COSEFormatError`` when the message carries a payload; `COSEError` when the algorithm is not
    ///   allowed, does not fit the key, or the signature does not verify over `content`.
    ///   - allowingIdenticalAttachedPayload: tolerate an attached payload that is byte for byte `content` (a
    ///     caller's named interop relaxation); any other attached payload is still refused, and the signature is
    ///     always checked over `content`.
    public func verifyDetached(
        content: [UInt8], with key: SignaturePublicKey, externalAAD: [UInt8] = [], allowedAlgorithms: Set<COSEAlgorithm>,
        allowingIdenticalAttachedPayload: Bool = false
    ) throws {
        if let payload, !(allowingIdenticalAttachedPayload && payload == content) {
            throw COSEFormatError("the message must be detached but carries a payload")
        }
        try verifySignature(over: content, with: key, externalAAD: externalAAD, allowedAlgorithms: allowedAlgorithms)
    }

    /// The old entry point that took either payload: removed, because it let an attached payload stand in for the
    /// detached content the caller rebuilt. Use ``verifyAttached(with:externalAAD:allowedAlgorithms:)`` or
    /// ``verifyDetached(content:with:externalAAD:allowedAlgorithms:)``.
    @available(*, unavailable, message: "use verifyAttached(with:externalAAD:allowedAlgorithms:) or verifyDetached(content:with:externalAAD:allowedAlgorithms:)")
    public func verify(
        with key: SignaturePublicKey, detachedPayload: [UInt8]? = nil, externalAAD: [UInt8] = [],
        allowedAlgorithms: Set<COSEAlgorithm>
    ) throws {
        throw COSEFormatError("verify(with:detachedPayload:) is unavailable")
    }

    private func verifySignature(
        over signed: [UInt8], with key: SignaturePublicKey, externalAAD: [UInt8], allowedAlgorithms: Set<COSEAlgorithm>
    ) throws {
        guard let algorithm = headers.algorithm, allowedAlgorithms.contains(algorithm) else {
            throw COSEError(code: .unsupportedAlgorithm, message: "alg \(headers.algorithmIdentifier.map(String.init) ?? "absent") in the protected header is not allowed")
        }
        try key.verify(
            signature: signature,
            message: COSESign1.signatureStructure(protectedBytes: headers.protectedBytes, payload: signed, externalAAD: externalAAD),
            algorithm: algorithm)
    }
}
