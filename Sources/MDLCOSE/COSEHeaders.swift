import MDLCBOR

/// The header parameters of a COSE message (RFC 9052 §3): the protected bucket as received, and the unprotected one.
public struct COSEHeaders: Sendable, Hashable {
    /// Integer labels of the header parameters MDLKit reads.
    public enum Label {
        /// `alg` (1).
        public static let algorithm: Int64 = 1
        /// `crit` (2).
        public static let critical: Int64 = 2
        /// `content type` (3).
        public static let contentType: Int64 = 3
        /// `kid` (4).
        public static let keyID: Int64 = 4
        /// `x5chain` (33), RFC 9360.
        public static let x5chain: Int64 = 33
        /// `typ` (16), RFC 9596.
        public static let type: Int64 = 16
    }

    /// The protected header exactly as received: the content of the `protected` byte string (empty for `{}`).
    public let protectedBytes: [UInt8]
    /// The protected header decoded.
    public let protected: CBORMap
    /// The unprotected header.
    public let unprotected: CBORMap

    /// Reads headers from a message's first two elements.
    public init(protectedItem: CBOR, unprotectedItem: CBOR) throws {
        guard let protectedBytes = protectedItem.bytes else { throw COSEFormatError("protected header must be a byte string") }
        guard let unprotected = unprotectedItem.map else { throw COSEFormatError("unprotected header must be a map") }
        if protectedBytes.isEmpty {
            self.protected = CBORMap()
        } else {
            guard let map = try CBORDecoder().decode(protectedBytes).map else {
                throw COSEFormatError("protected header must encode a map")
            }
            self.protected = map
        }
        self.protectedBytes = protectedBytes
        self.unprotected = unprotected
        for entry in self.protected where unprotected[entry.key] != nil {
            throw COSEFormatError("a header parameter appears in both buckets")
        }
        try Self.checkCritical(protected: self.protected, unprotected: unprotected)
    }

    /// Creates headers for a message made here; the protected map is encoded deterministically.
    public init(protected: CBORMap, unprotected: CBORMap = CBORMap()) {
        self.protected = protected
        self.protectedBytes = protected.count == 0 ? [] : CBOREncoder.encode(.map(protected))
        self.unprotected = unprotected
    }

    /// The `alg` identifier, read from the **protected** header only: an unprotected `alg` is not authenticated.
    public var algorithmIdentifier: Int64? { protected[.int(Label.algorithm)]?.int64 }

    /// The algorithm from the protected header, when it is one MDLKit knows.
    public var algorithm: COSEAlgorithm? { algorithmIdentifier.flatMap { COSEAlgorithm(coseValue: $0) } }

    /// The `x5chain` certificates (DER), leaf first: one byte string or an array of them, from either bucket.
    /// Returns `nil` when absent; throws when present but malformed.
    public func x5chain() throws -> [[UInt8]]? {
        guard let item = protected[.int(Label.x5chain)] ?? unprotected[.int(Label.x5chain)] else { return nil }
        if let single = item.bytes { return [single] }
        guard let array = item.array else { throw COSEFormatError("x5chain must be a byte string or an array of them") }
        var certificates: [[UInt8]] = []
        for element in array {
            guard let der = element.bytes else { throw COSEFormatError("x5chain entries must be byte strings") }
            certificates.append(der)
        }
        return certificates
    }

    /// The `kid`, from either bucket.
    public var keyID: [UInt8]? { (protected[.int(Label.keyID)] ?? unprotected[.int(Label.keyID)])?.bytes }

    /// The protected header as a byte-string item for the message array.
    var protectedItem: CBOR { .bytes(protectedBytes) }
}
