import Foundation
import SwiftASN1
@_spi(FixedExpiryValidationTime) import X509

/// Chain validation for certificates that are not document signers (VICAL signers, readers): swift-certificates'
/// `Verifier` with RFC 5280 rules at a fixed time and a required leaf EKU; every failure becomes one ``MDLError``.
enum CertificateChainValidation {
    /// Validates `leaf` through `intermediates` to one of `roots` at `time`; returns the chain, leaf first.
    static func validate(
        leaf: Certificate, intermediates: [Certificate], roots: [Certificate], requiredUsage: ASN1ObjectIdentifier,
        at time: Date, code: MDLError.Code, role: String
    ) async throws(MDLError) -> [Certificate] {
        if time < leaf.notValidBefore || time > leaf.notValidAfter {
            throw MDLError(
                code: code,
                message: "the \(role) certificate is valid \(leaf.notValidBefore) – \(leaf.notValidAfter), "
                    + "not at the verification time")
        }
        var verifier = Verifier(rootCertificates: CertificateStore(roots)) {
            ExtendedKeyUsageChainPolicy(required: requiredUsage)
            RFC5280Policy(fixedExpiryValidationTime: time)
        }
        let result = await verifier.validate(leaf: leaf, intermediates: CertificateStore(intermediates))
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

    /// Parses an `x5chain` (DER, leaf first) into the leaf and the certificates that follow it.
    static func parse(x5chain der: [[UInt8]], code: MDLError.Code, role: String) throws(MDLError)
        -> (leaf: Certificate, intermediates: [Certificate])
    {
        var certificates: [Certificate] = []
        for entry in der {
            guard let certificate = try? Certificate(derEncoded: entry) else {
                throw MDLError(code: code, message: "a \(role) x5chain entry is not a DER X.509 certificate")
            }
            certificates.append(certificate)
        }
        guard let leaf = certificates.first else {
            throw MDLError(code: .certificateMissing, message: "the \(role) x5chain holds no certificate")
        }
        return (leaf, Array(certificates.dropFirst()))
    }
}
