import Foundation
import MDLCOSE
import MDLVerifier

extension JWK {
    /// Reads a JWK (RFC 7517) from its JSON text.
    ///
    /// ```swift
    /// let key = try JWK(json: Array(jwkFileData)).signaturePublicKey()
    /// try token.verifySignature(with: key)
    /// ```
    /// - Throws: ``MDLError/Code/structureInvalid`` for JSON that is not a JWK (`kty`, `crv` and `x` as strings).
    public init(json: [UInt8]) throws(MDLError) {
        do {
            self = try JSONDecoder().decode(JWK.self, from: Data(json))
        } catch {
            throw MDLError(code: .structureInvalid, message: "the JWK is not a JSON object with string kty, crv and x")
        }
    }

    /// This public key as a signature verification key: EC (P-256, P-384, P-521) or OKP (Ed25519).
    /// - Throws: ``MDLError/Code/structureInvalid`` for a private key, an unsupported `kty` or `crv`, or coordinates
    ///   that are not base64url; ``MDLError/Code/weakKey`` for a point not on the curve or a small-order Ed25519 key.
    public func signaturePublicKey() throws(MDLError) -> SignaturePublicKey {
        guard d == nil else { throw Self.invalid("the JWK holds a private key; give the public key only") }
        guard let xBytes = Base64URL.decode(x) else { throw Self.invalid("the JWK has no base64url \"x\"") }
        do {
            switch (kty, crv) {
            case ("EC", _):
                guard let curve = Self.signatureCurves[crv] else { throw Self.invalid("unsupported EC curve \(crv)") }
                guard let yText = y, let yBytes = Base64URL.decode(yText) else {
                    throw Self.invalid("the EC JWK has no base64url \"y\"")
                }
                return try SignaturePublicKey(ec2: curve, x: xBytes, y: yBytes)
            case ("OKP", "Ed25519"):
                return try SignaturePublicKey(ed25519RawRepresentation: xBytes)
            default:
                throw Self.invalid("unsupported JWK kty/crv \(kty)/\(crv)")
            }
        } catch let error as MDLError {
            throw error
        } catch {
            throw MDLError(code: .weakKey, message: "the JWK is not a usable public key: \(error)")
        }
    }

    private static let signatureCurves: [String: COSECurve] = ["P-256": .p256, "P-384": .p384, "P-521": .p521]

    private static func invalid(_ message: String) -> MDLError { MDLError(code: .structureInvalid, message: message) }
}
