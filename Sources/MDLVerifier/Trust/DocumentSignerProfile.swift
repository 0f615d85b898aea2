import Foundation
import MDLCBOR
import MDLCOSE
import SwiftASN1
import X509

/// The ISO/IEC 18013-5 Annex B rules for a document-signer chain (DS → IACA) at a verification time, with the
/// relaxations of a ``VerificationPolicy``.
///
/// `evaluate` is pure: the Verifier calls it on each candidate chain, and the validator calls it again on the chain
/// found, to learn which relaxations it needed.
struct DocumentSignerProfile: Sendable {
    let policy: VerificationPolicy
    let time: Date

    /// The critical extensions these rules (with RFC 5280's) understand; any other critical extension is refused.
    static let handledCriticalExtensions: [ASN1ObjectIdentifier] = [
        .X509ExtensionID.basicConstraints, .X509ExtensionID.keyUsage,
        .X509ExtensionID.extendedKeyUsage, .X509ExtensionID.nameConstraints,
    ]

    /// Checks `chain` (leaf first, anchor last); returns the relaxations it needed or why it fails.
    func evaluate(_ chain: [Certificate]) -> Result<[VerificationPolicy.Relaxation], ChainRejection> {
        do {
            var used: [VerificationPolicy.Relaxation] = []
            try checkValidity(chain)
            try checkKeys(chain)
            guard let leaf = chain.first, let anchor = chain.last else {
                return .failure(.profile("the chain is empty"))
            }
            switch chain.count {
            case 1:
                guard policy.allows(.selfSignedDocumentSignerAsAnchor) else {
                    return .failure(.profile("the document-signer certificate is itself a trust anchor"))
                }
                used.append(.selfSignedDocumentSignerAsAnchor)
                try checkSelfAnchoredLeaf(leaf)
            case 2:
                try checkLeaf(leaf, used: &used)
                try checkIssuingAuthority(anchor)
                try checkCountry(leaf: leaf, anchor: anchor, used: &used)
            default:
                return .failure(.profile("the document signer must be issued directly by the IACA"))
            }
            return .success(used)
        } catch let rejection as ChainRejection {
            return .failure(rejection)
        } catch {
            return .failure(.profile("a certificate extension is malformed"))
        }
    }

    /// Every certificate must be within its validity at the verification time (not only at signing time: a leaked,
    /// expired DS key must not sign back-dated MSOs).
    private func checkValidity(_ chain: [Certificate]) throws {
        for (index, certificate) in chain.enumerated() {
            let role = index == 0 ? "document-signer certificate" : "issuing certificate \(certificate.subject)"
            if time < certificate.notValidBefore {
                throw ChainRejection(
                    code: .certificateExpired,
                    message:
                        "the \(role) is not valid before \(TDate.format(certificate.notValidBefore)), after the verification time"
                )
            }
            if time > certificate.notValidAfter {
                throw ChainRejection(
                    code: .certificateExpired,
                    message: "the \(role) expired at \(TDate.format(certificate.notValidAfter)), before the verification time"
                )
            }
        }
    }

    /// The DS key must be a supported signature key; Ed25519 keys anywhere in the chain must be valid points.
    private func checkKeys(_ chain: [Certificate]) throws {
        for (index, certificate) in chain.enumerated() {
            let key = SignerPublicKey(certificate)
            if index == 0, key == nil {
                throw ChainRejection.profile("the document signer's key is not Ed25519, P-256, P-384 or P-521")
            }
            if case .ed25519(let raw) = key, !Ed25519PointEncoding.isAcceptableForCertificates(raw) {
                throw ChainRejection(
                    code: .weakKey, message: "an Ed25519 key in the chain is malformed or of small order")
            }
        }
    }

    private func checkLeaf(_ leaf: Certificate, used: inout [VerificationPolicy.Relaxation]) throws {
        if case .isCertificateAuthority = try leaf.extensions.basicConstraints {
            throw ChainRejection.profile("the document-signer certificate is a CA")
        }
        guard let keyUsage = try leaf.extensions.keyUsage, keyUsage.digitalSignature else {
            throw ChainRejection.profile("the document-signer certificate's key usage lacks digitalSignature")
        }
        let usages = try leaf.extensions.extendedKeyUsage.map { Array($0) } ?? []
        if usages.contains(ExtendedKeyUsage.Usage(oid: .mdlDocumentSigner)) { return }
        let extra = policy.extraDocumentSignerEKUs
        if usages.contains(where: { usage in extra.contains { ExtendedKeyUsage.Usage(oid: $0) == usage } }) {
            used.append(.extraDocumentSignerEKUs(extra))
            return
        }
        throw ChainRejection.profile("the document-signer certificate lacks the EKU id-mdl-kp-mdlDS (1.0.18013.5.1.2)")
    }

    /// A DS that is its own anchor: only a present key usage is held to `digitalSignature`.
    private func checkSelfAnchoredLeaf(_ leaf: Certificate) throws {
        if let keyUsage = try leaf.extensions.keyUsage, !keyUsage.digitalSignature {
            throw ChainRejection.profile("the self-anchored document signer's key usage lacks digitalSignature")
        }
    }

    private func checkIssuingAuthority(_ anchor: Certificate) throws {
        guard case .isCertificateAuthority = try anchor.extensions.basicConstraints else {
            throw ChainRejection.profile("the IACA certificate is not a CA")
        }
        guard let keyUsage = try anchor.extensions.keyUsage, keyUsage.keyCertSign else {
            throw ChainRejection.profile("the IACA certificate's key usage lacks keyCertSign")
        }
    }

    /// The DS country must equal the IACA's, and the state too when both name one.
    private func checkCountry(leaf: Certificate, anchor: Certificate, used: inout [VerificationPolicy.Relaxation])
        throws
    {
        let leafCountry = leaf.subject.country
        let anchorCountry = anchor.subject.country
        var matches = leafCountry != nil && leafCountry == anchorCountry
        if let leafState = leaf.subject.stateOrProvince, let anchorState = anchor.subject.stateOrProvince,
            leafState != anchorState
        {
            matches = false
        }
        if matches { return }
        guard policy.allows(.countryCheckOff) else {
            throw ChainRejection.profile("the document signer's country or state differs from its IACA's")
        }
        used.append(.countryCheckOff)
    }
}
