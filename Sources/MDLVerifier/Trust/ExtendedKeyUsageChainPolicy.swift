import SwiftASN1
import X509

/// A swift-certificates `VerifierPolicy` for chains that are not document-signer chains (VICAL signers, readers):
/// the leaf must carry the extended key usage `required`; the EKU and key-usage extensions may be critical.
///
/// The Verifier has already checked every signature along the chain; `RFC5280Policy` runs beside this policy.
struct ExtendedKeyUsageChainPolicy: VerifierPolicy {
    /// The usage the leaf must list.
    let required: ASN1ObjectIdentifier

    var verifyingCriticalExtensions: [ASN1ObjectIdentifier] {
        [.X509ExtensionID.extendedKeyUsage, .X509ExtensionID.keyUsage]
    }

    func chainMeetsPolicyRequirements(chain: UnverifiedCertificateChain) async -> PolicyEvaluationResult {
        let leaf = chain.leaf
        do {
            let usages = try leaf.extensions.extendedKeyUsage.map { Array($0) } ?? []
            if usages.contains(ExtendedKeyUsage.Usage(oid: required)) { return .meetsPolicy }
            return .failsToMeetPolicy(
                reason: ChainRejection.profile("the leaf certificate lacks the extended key usage \(required)")
                    .policyFailureReason)
        } catch {
            return .failsToMeetPolicy(
                reason: ChainRejection.profile("the leaf certificate's extended key usage is malformed")
                    .policyFailureReason)
        }
    }
}
