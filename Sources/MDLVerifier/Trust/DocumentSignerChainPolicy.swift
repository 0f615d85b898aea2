import SwiftASN1
import X509

/// The ``DocumentSignerProfile`` as a swift-certificates `VerifierPolicy`, so it runs on every candidate chain the
/// Verifier builds (after the Verifier has checked each certificate's signature).
struct DocumentSignerChainPolicy: VerifierPolicy {
    let profile: DocumentSignerProfile

    var verifyingCriticalExtensions: [ASN1ObjectIdentifier] { DocumentSignerProfile.handledCriticalExtensions }

    func chainMeetsPolicyRequirements(chain: UnverifiedCertificateChain) async -> PolicyEvaluationResult {
        switch profile.evaluate(Array(chain)) {
        case .success: .meetsPolicy
        case .failure(let rejection): .failsToMeetPolicy(reason: rejection.policyFailureReason)
        }
    }
}
