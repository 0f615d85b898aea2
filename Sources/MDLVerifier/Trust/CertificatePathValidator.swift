import Foundation
import SwiftASN1
import X509

/// The one place an `x5chain` / `x5c` becomes a certificate path: document signers, status signers, VICAL signers,
/// readers and (on the wallet side) relying parties all go through it.
///
/// swift-certificates' `Verifier` searches every path through the certificates it is given, with no depth or path
/// limit; certificates sharing one subject and key give it factorially many paths, all before any message signature
/// is checked. So the Verifier is only ever given one linear path, checked without a single signature first:
///
/// 1. at most ``maximumChainLength`` certificates (more: `limitExceeded`);
/// 2. every entry a DER certificate, no certificate twice, no subject twice (a linear chain never repeats a subject);
/// 3. in order: each entry issued (by name) by the next;
/// 4. for the ISO/IEC 18013-5 document-signer profile, `[DS]` or `[DS, a certificate equal to a trust anchor]`;
/// 5. the roots offered are only the anchors in the chain and those whose subject is the last entry's issuer, and
///    every issuer lookup draws on a bounded budget (32 candidate issuers, each at most one signature check).
///
/// The RFC 5280 checks of that one path (signatures, validity, CA flags, path length, name constraints) stay
/// swift-certificates' (`RFC5280Policy`), with the caller's policies beside it.
///
/// ```swift
/// let paths = CertificatePathValidator(anchors: roots, untrusted: .relyingPartyUntrusted, role: "relying party")
/// let chain = try paths.parse(x5chain: derCertificates)   // shape only: no signature checked yet
/// ```
package struct CertificatePathValidator: Sendable {
    /// The most certificates an `x5chain` may hold: a signer, up to two intermediates and a root.
    package static let maximumChainLength = 4

    /// What the chain may look like beyond the general rules.
    package enum Shape: Sendable {
        /// The mDL document-signer profile: `[DS]` or `[DS, anchor]`; no intermediates.
        case documentSigner
        /// A leaf, then the certificates that issued it, each issued by the next.
        case issuedChain
    }

    /// The anchors chains may end in.
    package let anchors: [Certificate]
    /// The profile's extra rules.
    package let shape: Shape
    /// The code for a chain that cannot be trusted (the role's own code).
    package let untrusted: MDLError.Code
    /// The code for an entry that is not a certificate.
    package let malformed: MDLError.Code
    /// The role named in messages, e.g. `"document signer"`.
    package let role: String

    /// Creates a validator for one role: its anchors, its shape, its error codes and its name in messages.
    package init(
        anchors: [Certificate], shape: Shape = .issuedChain, untrusted: MDLError.Code, malformed: MDLError.Code? = nil,
        role: String
    ) {
        self.anchors = anchors
        self.shape = shape
        self.untrusted = untrusted
        self.malformed = malformed ?? untrusted
        self.role = role
    }

    /// Parses `der` (leaf first) after checking its length; then checks its shape. No signature is checked.
    package func parse(x5chain der: [[UInt8]]) throws(MDLError) -> [Certificate] {
        try checkLength(der.count)
        var chain: [Certificate] = []
        for entry in der {
            guard let certificate = try? Certificate(derEncoded: entry) else {
                throw MDLError(code: malformed, message: "a \(role) x5chain entry is not a DER X.509 certificate")
            }
            chain.append(certificate)
        }
        try checkShape(chain)
        return chain
    }

    /// Checks the length, uniqueness, order and profile of a parsed chain (leaf first). No signature is checked.
    package func checkShape(_ chain: [Certificate]) throws(MDLError) {
        try checkLength(chain.count)
        for (index, certificate) in chain.enumerated() {
            for later in chain[(index + 1)...] {
                if later == certificate {
                    throw MDLError(code: untrusted, message: "the \(role) x5chain holds a certificate twice")
                }
                if later.subject == certificate.subject {
                    throw MDLError(
                        code: untrusted, message: "the \(role) x5chain holds two certificates with one subject")
                }
            }
        }
        for index in chain.indices.dropLast() where chain[index].issuer != chain[index + 1].subject {
            throw MDLError(
                code: untrusted,
                message: "the \(role) x5chain is not in order: entry \(index) is not issued by entry \(index + 1)")
        }
        if case .documentSigner = shape, chain.count > 1 {
            guard chain.count == 2, anchors.contains(chain[1]) else {
                throw MDLError(
                    code: .certificateProfile,
                    message: "the document signer must be issued directly by the IACA: the x5chain may hold only the "
                        + "document signer and, after it, the IACA certificate itself")
            }
        }
    }

    /// Runs swift-certificates' `Verifier` with `policy` on the one path `chain` spells (already shape-checked),
    /// offering it only the anchors that can end that path, under a ``PathSearchBudget``.
    package func search<Policy: VerifierPolicy>(
        _ chain: [Certificate], @PolicyBuilder policy: () -> Policy
    ) async throws(MDLError) -> CertificateValidationResult {
        guard let leaf = chain.first, let last = chain.last else {
            throw MDLError(code: .certificateMissing, message: "the \(role) x5chain holds no certificate")
        }
        let roots = Self.likelyIssuersFirst(
            anchors.filter { anchor in
                chain.contains(anchor) || (anchor.subject == last.issuer && !Self.isSecondEntryPinned(shape, chain))
            },
            of: last)
        let intermediates = chain.dropFirst().filter { !anchors.contains($0) }
        let budget = PathSearchBudget()
        PathSearchWork.current?.record(searches: 1)
        var verifier = Verifier(
            rootCertificates: CertificateStore(custom: BudgetedCertificateStore(roots, budget: budget)), policy: policy)
        let offered = CertificateStore(custom: BudgetedCertificateStore(intermediates, budget: budget))
        return await verifier.validate(leaf: leaf, intermediates: offered)
    }

    /// Puts the anchors whose key identifier is the one `certificate` names as its issuer's first, so that many
    /// anchors sharing a name (re-keyed IACAs) cannot push the right one past the search budget.
    private static func likelyIssuersFirst(_ roots: [Certificate], of certificate: Certificate) -> [Certificate] {
        guard let wanted = try? certificate.extensions.authorityKeyIdentifier?.keyIdentifier else { return roots }
        let matching = roots.filter { (try? $0.extensions.subjectKeyIdentifier?.keyIdentifier) == wanted }
        return matching + roots.filter { (try? $0.extensions.subjectKeyIdentifier?.keyIdentifier) != wanted }
    }

    /// `[DS, anchor]`: the anchor named in the chain is the only root (not another anchor with its subject).
    private static func isSecondEntryPinned(_ shape: Shape, _ chain: [Certificate]) -> Bool {
        if case .documentSigner = shape { return chain.count == 2 }
        return false
    }

    /// Refuses an empty chain (`certificateMissing`) and one past ``maximumChainLength`` (`limitExceeded`).
    package func checkLength(_ count: Int) throws(MDLError) {
        guard count > 0 else {
            throw MDLError(code: .certificateMissing, message: "the \(role) x5chain holds no certificate")
        }
        guard count <= Self.maximumChainLength else {
            throw MDLError(
                code: .limitExceeded,
                message: "the \(role) x5chain holds \(count) certificates; at most \(Self.maximumChainLength) are read")
        }
    }
}
