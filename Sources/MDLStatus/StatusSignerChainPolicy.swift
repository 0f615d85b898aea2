import MDLVerifier
import SwiftASN1
import X509

/// The status signer's certificate profile as a swift-certificates `VerifierPolicy`, run beside `RFC5280Policy`.
///
/// A status signer is a dedicated certificate under the IACA or the document signer itself. RFC 5280 refuses a
/// certificate with a critical extension the verifier does not understand, and an ISO/IEC 18013-5 document signer
/// carries a critical extended key usage (`1.0.18013.5.1.2`). This policy understands that extension: an extended
/// key usage, critical or not, is accepted when it lists the document-signer usage; a critical one that does not is
/// refused (the certificate is meant for something else). A non-critical one naming other usages stays advisory.
struct StatusSignerChainPolicy: VerifierPolicy {
    var verifyingCriticalExtensions: [ASN1ObjectIdentifier] { [.X509ExtensionID.extendedKeyUsage] }

    func chainMeetsPolicyRequirements(chain: UnverifiedCertificateChain) async -> PolicyEvaluationResult {
        let leaf = chain.leaf
        guard let extensionValue = leaf.extensions[oid: .X509ExtensionID.extendedKeyUsage] else { return .meetsPolicy }
        do {
            let usages = try leaf.extensions.extendedKeyUsage.map { Array($0) } ?? []
            if usages.contains(ExtendedKeyUsage.Usage(oid: .mdlDocumentSigner)) || !extensionValue.critical {
                return .meetsPolicy
            }
            return .failsToMeetPolicy(
                reason: PolicyFailureReason("the status signer's critical extended key usage lacks 1.0.18013.5.1.2"))
        } catch {
            return .failsToMeetPolicy(
                reason: PolicyFailureReason("the status signer's extended key usage is malformed"))
        }
    }
}
