import Crypto

/// Elliptic-curve Diffie–Hellman on P-256 (swift-crypto), as DeviceMac and JWE ECDH-ES use it.
package enum ECDHP256 {
    /// Byte length of a coordinate and of the shared secret.
    package static let coordinateByteCount = 32

    /// A key-agreement public key from COSE_Key EC2 coordinates (`crv` 1), each exactly 32 bytes.
    ///
    /// - Throws: ``COSEError/Code/invalidKey`` for wrong lengths or a point not on P-256.
    package static func publicKey(x: [UInt8], y: [UInt8]) throws -> P256.KeyAgreement.PublicKey {
        guard x.count == coordinateByteCount, y.count == coordinateByteCount else {
            throw COSEError(code: .invalidKey, message: "P-256 coordinates are 32 bytes, got \(x.count) and \(y.count)")
        }
        do { return try P256.KeyAgreement.PublicKey(x963Representation: [0x04] + x + y) } catch {
            throw COSEError(code: .invalidKey, message: "the P-256 point is not on the curve")
        }
    }

    /// A key-agreement public key from a compressed point: `x` and the sign of `y` (COSE_Key's boolean `y`).
    ///
    /// - Throws: ``COSEError/Code/invalidKey`` for a wrong length or an `x` with no point on P-256.
    package static func publicKey(x: [UInt8], yIsOdd: Bool) throws -> P256.KeyAgreement.PublicKey {
        guard x.count == coordinateByteCount else {
            throw COSEError(code: .invalidKey, message: "a P-256 x coordinate is 32 bytes, got \(x.count)")
        }
        do { return try P256.KeyAgreement.PublicKey(compressedRepresentation: [yIsOdd ? 0x03 : 0x02] + x) } catch {
            throw COSEError(code: .invalidKey, message: "the compressed P-256 point is not on the curve")
        }
    }

    /// The shared secret Z (the x coordinate of the product point, 32 bytes), e.g. ISO 18013-5's Z_AB.
    ///
    /// - Throws: ``COSEError/Code/invalidKey`` when the agreement fails.
    package static func sharedSecret(
        privateKey: P256.KeyAgreement.PrivateKey, publicKey: P256.KeyAgreement.PublicKey
    ) throws -> [UInt8] {
        do {
            let secret = try privateKey.sharedSecretFromKeyAgreement(with: publicKey)
            return secret.withUnsafeBytes { Array($0) }
        } catch {
            throw COSEError(code: .invalidKey, message: "P-256 key agreement failed")
        }
    }
}
