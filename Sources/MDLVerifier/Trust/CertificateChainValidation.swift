import Foundation
import MDLCBOR
import SwiftASN1
@_spi(FixedExpiryValidationTime) import X509

/// Chain validation for certificates that are not document signers (VICAL signers, readers): the bounded
/// ``CertificatePathValidator`` (at most four certificates, in order, no repeats) and swift-certificates' `Verifier`
/// with RFC 5280 rules at a fixed time and a required leaf EKU; every failure becomes one ``MDLError``.
enum CertificateChainValidation {
    /// Validates `chain` (leaf first, each entry issued by the next, as checked by ``parse(x5chain:roots:code:role:)``)
    /// to one of `roots` at `time`; returns the validated chain, leaf first.
    static func validate(
        chain: [Certificate], roots: [Certificate], requiredUsage: ASN1ObjectIdentifier,
        at time: Date, code: MDLError.Code, role: String
    ) async throws(MDLError) -> [Certificate] {
        guard let leaf = chain.first else {
            throw MDLError(code: .certificateMissing, message: "the \(role) x5chain holds no certificate")
        }
        if time < leaf.notValidBefore || time > leaf.notValidAfter {
            throw MDLError(
                code: code,
                message: "the \(role) certificate is valid \(TDate.format(leaf.notValidBefore)) – \(TDate.format(leaf.notValidAfter)), "
                    + "not at the verification time")
        }
        let validator = CertificatePathValidator(anchors: roots, untrusted: code, role: role)
        try validator.checkShape(chain)
        let result = try await validator.search(chain) {
            ExtendedKeyUsageChainPolicy(required: requiredUsage)
            RFC5280Policy(fixedExpiryValidationTime: time)
        }
        switch result {
        case .validCertificate(let chain):
            return Array(chain)
        case .couldNotValidate(let failures):
            let reason = failures.first.map { failure in
                ChainRejection(failure.policyFailureReason)?.message ?? failure.policyFailureReason.description
            }
            throw MDLError(
                code: code,
                message: "the \(role) certificate does not chain to a pinned anchor"
                    + (reason.map { ": \($0)" } ?? " (unknown issuer or invalid signature)"))
        }
    }

    /// Parses an `x5chain` (DER, leaf first) and checks its shape (length, repeats, order) before any signature:
    /// `certificateMissing` when empty, `limitExceeded` past four certificates, `code` otherwise.
    static func parse(x5chain der: [[UInt8]], roots: [Certificate], code: MDLError.Code, role: String)
        throws(MDLError) -> [Certificate]
    {
        try CertificatePathValidator(anchors: roots, untrusted: code, role: role).parse(x5chain: der)
    }
}
