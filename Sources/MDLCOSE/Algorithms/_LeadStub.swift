// TEMPORARY stub until helper/crypto lands. Not committed.
import Crypto
public struct COSEAlgorithm: Sendable, Hashable {
    public let coseValue: Int64
    public init?(coseValue: Int64) { self.coseValue = coseValue }
    public static let edDSA = COSEAlgorithm(coseValue: -8)!
    public static let es256 = COSEAlgorithm(coseValue: -7)!
    public static let es384 = COSEAlgorithm(coseValue: -35)!
    public static let hmac256 = COSEAlgorithm(coseValue: 5)!
}
public struct COSEError: Error, Hashable, Sendable {
    public struct Code: Hashable, Sendable { let raw: String
        public static let signatureInvalid = Code(raw: "signatureInvalid")
        public static let weakKey = Code(raw: "weakKey")
        public static let invalidKey = Code(raw: "invalidKey")
        public static let unsupportedAlgorithm = Code(raw: "unsupportedAlgorithm")
        public static let algorithmMismatch = Code(raw: "algorithmMismatch")
    }
    public let code: Code
    public init(code: Code, message: String = "") { self.code = code }
}
public enum SignaturePublicKey: Sendable {
    case ed25519([UInt8]), p256(P256.Signing.PublicKey), p384(P384.Signing.PublicKey)
    public func verify(signature: [UInt8], message: [UInt8], algorithm: COSEAlgorithm) throws {}
}
public enum SigningPrivateKey: Sendable {
    case p256(P256.Signing.PrivateKey)
    public func sign(_ message: [UInt8]) throws -> [UInt8] { [] }
    public var publicKey: SignaturePublicKey { .ed25519([]) }
}
extension SignaturePublicKey {
    public static func ed25519(validating raw: [UInt8]) throws -> SignaturePublicKey { .ed25519(raw) }
    public init(ecX: [UInt8], y: [UInt8]) throws { self = .ed25519([]) }
}
extension COSEError { public init(code: Code, message: String, file: String = "") { self.code = code } }
