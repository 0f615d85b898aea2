import Foundation
import SwiftASN1
@_spi(FixedExpiryValidationTime) import X509

/// Validates a document signer's certificate chain, exactly as it arrives in a COSE `x5chain`, against the trust
/// anchors at the verification time (pipeline step 3).
///
/// The chain must reach an anchor with valid signatures (swift-certificates' `Verifier` and RFC 5280 rules) and
/// meet the ISO/IEC 18013-5 document-signer profile: EKU `1.0.18013.5.1.2`, key usage `digitalSignature`, not a CA,
/// issued directly by the IACA, the DS country (and state) equal to the IACA's; every certificate valid at the
/// verification time. The ``VerificationPolicy``'s relaxations may waive named parts of the profile.
///
/// ```swift
/// let validator = DocumentSignerValidator(anchors: anchors, policy: .strict)
/// let signer = try await validator.validate(x5chain: x5chain, at: now)
/// try signer.checkSigned(mso.signed)       // step 4: `signed` within the DS validity, anchor not retired
/// // verify the IssuerAuth signature with signer.publicKey
/// ```
///
/// The chain is `[DS]` or `[DS, IACA certificate]` (no intermediates), at most four entries are read, and its shape is
/// checked before any signature, so a hostile chain costs no path search (issue 14).
///
/// Failures throw ``MDLError`` with code `certificateMissing` (empty chain), `limitExceeded` (more than four
/// certificates), `certificateUntrusted` (malformed certificate, a certificate or subject repeated, entries out of
/// order, no anchor issued it, or a signature does not verify), `certificateProfile`, `certificateExpired`
/// (outside a validity at the verification time) or `weakKey` (a malformed or small-order Ed25519 key).
public struct DocumentSignerValidator: Sendable {
    /// The anchors chains may end in.
    public let anchors: [TrustAnchor]
    /// The profile and its relaxations.
    public let policy: VerificationPolicy

    private let cache: DocumentSignerCache
    private let pathValidator: CertificatePathValidator

    /// Creates a validator trusting `anchors` under `policy`.
    ///
    /// - Parameters:
    ///   - anchors: the IACAs to trust.
    ///   - policy: the profile and its relaxations.
    ///   - cacheCapacity: how many validated `x5chain`s to remember (0 turns the cache off). A remembered chain is
    ///     reused for any verification time inside the common validity of its certificates; copies of a validator
    ///     share its cache.
    public init(anchors: [TrustAnchor], policy: VerificationPolicy = .strict, cacheCapacity: Int = 1024) {
        self.anchors = anchors
        self.policy = policy
        self.cache = DocumentSignerCache(capacity: cacheCapacity)
        self.pathValidator = CertificatePathValidator(
            anchors: anchors.map(\.certificate), shape: .documentSigner, untrusted: .certificateUntrusted,
            role: "document signer")
    }

    /// Validates `x5chain` (DER certificates: the document signer, then at most the IACA certificate) at `time`.
    ///
    /// The chain's shape is checked before any signature: more than four entries is
    /// `limitExceeded`; a repeated certificate or subject, or entries out of order, is `certificateUntrusted`; an
    /// entry after the document signer that is not a trust anchor is `certificateProfile` (no intermediates).
    public func validate(x5chain: [[UInt8]], at time: Date) async throws -> ValidatedDocumentSigner {
        try pathValidator.checkLength(x5chain.count)
        if let cached = cache.signer(for: x5chain, at: time) { return cached }
        let chain = try pathValidator.parse(x5chain: x5chain)
        let signer = try await validate(chain: chain, at: time)
        cache.store(signer, for: x5chain)
        return signer
    }

    /// Validates a parsed document-signer certificate with optional intermediates at `time`.
    ///
    /// The mDL profile allows no intermediates: `intermediates` may hold only the IACA certificate itself (a trust
    /// anchor); anything else is `certificateProfile`.
    public func validate(
        leaf: Certificate, intermediates: [Certificate] = [], at time: Date
    ) async throws -> ValidatedDocumentSigner {
        let chain = [leaf] + intermediates
        try pathValidator.checkShape(chain)
        return try await validate(chain: chain, at: time)
    }

    /// Validates a shape-checked chain (the document signer first).
    private func validate(chain: [Certificate], at time: Date) async throws -> ValidatedDocumentSigner {
        guard let leaf = chain.first else {
            throw MDLError(code: .certificateMissing, message: "the x5chain holds no certificate")
        }
        let profile = DocumentSignerProfile(policy: policy, time: time)
        let handled = DocumentSignerProfile.handledCriticalExtensions
        if leaf.extensions.contains(where: { $0.critical && !handled.contains($0.oid) }) {
            throw MDLError(
                code: .certificateProfile, message: "the document signer has an unsupported critical extension")
        }
        let result = try await pathValidator.search(chain) {
            DocumentSignerChainPolicy(profile: profile)
            RFC5280Policy(fixedExpiryValidationTime: time)
        }
        switch result {
        case .validCertificate(let chain):
            return try makeResult(chain: Array(chain), profile: profile, time: time)
        case .couldNotValidate(let failures):
            throw Self.error(for: failures)
        }
    }

    private func makeResult(chain: [Certificate], profile: DocumentSignerProfile, time: Date) throws
        -> ValidatedDocumentSigner
    {
        guard let leaf = chain.first, let root = chain.last,
            let anchor = anchors.first(where: { $0.certificate == root }),
            let publicKey = SignerPublicKey(leaf)
        else {
            throw MDLError(code: .certificateUntrusted, message: "the validated chain does not end in a known anchor")
        }
        let relaxations = try profile.evaluate(chain).mapError(\.error).get()
        return ValidatedDocumentSigner(
            certificate: leaf, chain: chain, anchor: anchor, publicKey: publicKey,
            country: leaf.subject.country, stateOrProvince: leaf.subject.stateOrProvince,
            relaxationsUsed: relaxations, validationTime: time
        )
    }

    /// The error for a refused chain: the first candidate chain's rejection, or `certificateUntrusted` when no
    /// candidate reached an anchor (unknown issuer, bad signature, unsupported critical extension on an issuer).
    private static func error(for failures: [CertificateValidationResult.PolicyFailure]) -> MDLError {
        guard let failure = failures.first else {
            return MDLError(
                code: .certificateUntrusted,
                message: "the document signer does not chain to a trusted IACA (unknown issuer or invalid signature)"
            )
        }
        if let rejection = ChainRejection(failure.policyFailureReason) { return rejection.error }
        return MDLError(
            code: .certificateUntrusted, message: "the chain breaks RFC 5280: \(failure.policyFailureReason)")
    }
}
