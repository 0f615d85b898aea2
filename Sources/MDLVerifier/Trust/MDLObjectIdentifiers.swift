import SwiftASN1

extension ASN1ObjectIdentifier {
    /// `id-mdl-kp-mdlDS` (`1.0.18013.5.1.2`): the extended key usage of an ISO/IEC 18013-5 document signer.
    package static let mdlDocumentSigner: ASN1ObjectIdentifier = [1, 0, 18013, 5, 1, 2]

    /// `id-mdl-kp-mdlReaderAuth` (`1.0.18013.5.1.6`): the extended key usage of an mdoc reader-authentication key.
    package static let mdlReaderAuthentication: ASN1ObjectIdentifier = [1, 0, 18013, 5, 1, 6]

    /// `1.3.130.2.0.0.1.2`: the document-signer EKU of the EU reference issuer (EUDI wallet), not ISO's.
    /// Accepted only under ``VerificationPolicy/Relaxation/extraDocumentSignerEKUs(_:)``.
    public static let eudiReferenceDocumentSigner: ASN1ObjectIdentifier = [1, 3, 130, 2, 0, 0, 1, 2]
}
