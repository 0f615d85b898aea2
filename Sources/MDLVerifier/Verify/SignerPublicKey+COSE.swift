import MDLCOSE

extension SignerPublicKey {
    /// The document signer's key for COSE verification; malformed or small-order keys throw `COSEError`.
    package func coseKey() throws -> SignaturePublicKey {
        switch self {
        case .ed25519(let raw): return try SignaturePublicKey(ed25519RawRepresentation: raw)
        case .p256(let x963): return try SignaturePublicKey(curve: .p256, x963Representation: x963)
        case .p384(let x963): return try SignaturePublicKey(curve: .p384, x963Representation: x963)
        case .p521(let x963): return try SignaturePublicKey(curve: .p521, x963Representation: x963)
        }
    }
}
