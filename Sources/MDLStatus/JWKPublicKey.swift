import Foundation
import MDLCOSE
import MDLJOSE
import MDLVerifier

/// A public JSON Web Key (RFC 7517) as a signature verification key: EC (P-256, P-384, P-521) or OKP (Ed25519).
///
/// ```swift
/// let key = try JWKPublicKey(json: Array(jwkFileData)).signaturePublicKey
/// try token.verifySignature(with: key)
/// ```
public struct JWKPublicKey: Sendable {
    /// The key, ready to verify COSE signatures.
    public let signaturePublicKey: SignaturePublicKey
    /// The `kid`, when the JWK has one.
    public let keyID: String?
    /// The `alg`, when the JWK names one (e.g. `"ES256"`).
    public let algorithm: String?

    private struct Fields: Decodable {
        let kty: String?
        let crv: String?
        let x: String?
        let y: String?
        let d: String?
        let kid: String?
        let alg: String?
    }

    /// Reads a JWK from its JSON text.
    /// - Throws: ``MDLError/Code/structureInvalid`` for JSON that is not a JWK, a private key, an unsupported `kty`
    ///   or `crv`; ``MDLError/Code/weakKey`` for a point not on the curve or a small-order Ed25519 key.
    public init(json: [UInt8]) throws(MDLError) {
        let fields: Fields
        do {
            fields = try JSONDecoder().decode(Fields.self, from: Data(json))
        } catch {
            throw Self.invalid("the JWK is not a JSON object with string members")
        }
        guard fields.d == nil else { throw Self.invalid("the JWK holds a private key; give the public key only") }
        guard let xText = fields.x, let x = Self.base64URL(xText) else { throw Self.invalid("the JWK has no base64url \"x\"") }
        do {
            switch (fields.kty, fields.crv) {
            case ("EC", let curveName?):
                guard let curve = Self.ecCurves[curveName] else { throw Self.invalid("unsupported EC curve \(curveName)") }
                guard let yText = fields.y, let y = Self.base64URL(yText) else {
                    throw Self.invalid("the EC JWK has no base64url \"y\"")
                }
                signaturePublicKey = try SignaturePublicKey(ec2: curve, x: x, y: y)
            case ("OKP", "Ed25519"):
                signaturePublicKey = try SignaturePublicKey(ed25519RawRepresentation: x)
            default:
                throw Self.invalid("unsupported JWK kty/crv \(fields.kty ?? "none")/\(fields.crv ?? "none")")
            }
        } catch let error as MDLError {
            throw error
        } catch {
            throw MDLError(code: .weakKey, message: "the JWK is not a usable public key: \(error)")
        }
        keyID = fields.kid
        algorithm = fields.alg
    }

    private static let ecCurves: [String: COSECurve] = ["P-256": .p256, "P-384": .p384, "P-521": .p521]

    static func base64URL(_ text: String) -> [UInt8]? {
        guard text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else { return nil }
        var standard = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while standard.count % 4 != 0 { standard += "=" }
        return Data(base64Encoded: standard).map(Array.init)
    }

    private static func invalid(_ message: String) -> MDLError { MDLError(code: .structureInvalid, message: message) }
}
