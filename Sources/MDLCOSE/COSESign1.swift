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
    public init(
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
        var writer = CBORWriter()
        writer.writeHead(major: 4, argument: 4)
        writer.write(.text("Signature1"))
        writer.write(.bytes(protectedBytes))
        writer.write(.bytes(externalAAD))
        writer.write(.bytes(payload))
        return writer.bytes
    }

    /// Verifies the signature with `key`, using the algorithm of the protected header.
    ///
    /// - Parameters:
    ///   - detachedPayload: the payload when the message carries `nil`; ignored when the payload is attached.
    ///   - allowedAlgorithms: the algorithms the caller's policy accepts.
    /// - Throws: ``COSEFormatError`` when there is no payload or no protected `alg`; `COSEError` when the algorithm
    ///   is not allowed, does not fit the key, or the signature does not verify.
    public func verify(
        with key: SignaturePublicKey, detachedPayload: [UInt8]? = nil, externalAAD: [UInt8] = [],
        allowedAlgorithms: Set<COSEAlgorithm>
    ) throws {
        guard let algorithm = headers.algorithm, allowedAlgorithms.contains(algorithm) else {
            throw COSEError(code: .unsupportedAlgorithm, message: "alg \(headers.algorithmIdentifier.map(String.init) ?? "absent") in the protected header is not allowed")
        }
        guard let signed = payload ?? detachedPayload else { throw COSEFormatError("no payload to verify") }
        try key.verify(
            signature: signature,
            message: COSESign1.signatureStructure(protectedBytes: headers.protectedBytes, payload: signed, externalAAD: externalAAD),
            algorithm: algorithm)
    }
}
