import SwiftASN1

extension ASN1ObjectIdentifier {
    /// `1.0.18013.5.1.8`: the extended key usage of an ISO/IEC 18013-5 VICAL signer certificate.
    package static let mdlVICALSigner: ASN1ObjectIdentifier = [1, 0, 18013, 5, 1, 8]
}
