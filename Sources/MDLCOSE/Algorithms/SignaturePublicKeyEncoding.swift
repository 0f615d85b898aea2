import Crypto

extension SignaturePublicKey: Equatable {
    /// The key's parameters as a COSE_Key carries them: the curve, `x`, and `y` for EC2 keys (`nil` for OKP keys).
    /// Coordinates are the curve's full length, leading zero bytes kept (RFC 9053 §7.1.1).
    ///
    /// ```swift
    /// let (curve, x, y) = publicKey.coseKeyParameters   // e.g. for the MSO's deviceKeyInfo
    /// ```
    package var coseKeyParameters: (curve: COSECurve, x: [UInt8], y: [UInt8]?) {
        switch self {
        case .ed25519(let encoding): return (.ed25519, encoding, nil)
        case .p256(let key): return Self.split(Array(key.x963Representation), curve: .p256)
        case .p384(let key): return Self.split(Array(key.x963Representation), curve: .p384)
        case .p521(let key): return Self.split(Array(key.x963Representation), curve: .p521)
        }
    }

    /// Keys are equal when they have the same curve and the same point.
    public static func == (lhs: SignaturePublicKey, rhs: SignaturePublicKey) -> Bool {
        let left = lhs.coseKeyParameters
        let right = rhs.coseKeyParameters
        return left.curve == right.curve && left.x == right.x && left.y == right.y
    }

    /// Splits `04 ‖ x ‖ y`.
    private static func split(_ x963: [UInt8], curve: COSECurve) -> (curve: COSECurve, x: [UInt8], y: [UInt8]?) {
        let size = curve.coordinateByteCount
        let body = Array(x963.dropFirst())
        return (curve, Array(body.prefix(size)), Array(body.dropFirst(size)))
    }
}
