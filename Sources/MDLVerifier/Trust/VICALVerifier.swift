import Foundation
import MDLCBOR
import MDLCOSE
import SwiftASN1
@_spi(FixedExpiryValidationTime) import X509

/// Verifies a signed VICAL (COSE_Sign1, tagged or not): the signature with the signer certificate from `x5chain`
/// (leaf first), that certificate's chain to a pinned VICAL-signer anchor at the verification time (RFC 5280,
/// signatures, EKU `1.0.18013.5.1.8`), no rollback below the list held, and freshness against `nextUpdate`.
///
/// ```swift
/// let verifier = VICALVerifier(signerAnchors: [try Certificate(pemEncoded: aamvaRootPEM)])
/// let verified = try await verifier.verify(bytes, at: now, holding: previous?.vical)
/// let anchors = verified.trustAnchors(docType: "org.iso.18013.5.1.mDL")
/// ```
///
/// Failures throw ``MDLError``: `cborMalformed`/`structureInvalid` (not a COSE_Sign1 VICAL),
/// `algorithmNotAllowed`, `limitExceeded` (an `x5chain` of more than four certificates), `trustListUntrusted` (no or
/// unknown signer, broken chain, a certificate or subject repeated, entries out of order), `trustListSignatureInvalid`,
/// `trustListRollback` (an older list than `holding`), `trustListExpired` (past `nextUpdate` + ``stalenessBound``).
public struct VICALVerifier: Sendable {
    /// The certificates a VICAL signer must chain to (several, for the operator's own key rotation).
    public var signerAnchors: [Certificate]
    /// How long past its `nextUpdate` a list still counts, in seconds.
    public var stalenessBound: TimeInterval
    /// The COSE algorithms accepted for the list's signature.
    public var allowedAlgorithms: Set<COSEAlgorithm>
    /// Limits for decoding the list.
    public var decoderOptions: CBORDecoder.Options

    /// Creates a verifier pinning `signerAnchors`.
    public init(
        signerAnchors: [Certificate], stalenessBound: TimeInterval = 0,
        allowedAlgorithms: Set<COSEAlgorithm> = [.edDSA, .es256, .es384, .es512],
        decoderOptions: CBORDecoder.Options = .init()
    ) {
        self.signerAnchors = signerAnchors
        self.stalenessBound = stalenessBound
        self.allowedAlgorithms = allowedAlgorithms
        self.decoderOptions = decoderOptions
    }

    /// Verifies `bytes` at `time`; `holding` is the list already trusted, for the rollback check.
    public func verify(_ bytes: [UInt8], at time: Date, holding held: VICAL? = nil) async throws(MDLError)
        -> VerifiedVICAL
    {
        let verified = try await verifySignature(bytes, chainValidationTime: time)
        if let held { try Self.checkNoRollback(verified.vical, holding: held) }
        try checkFreshness(verified.vical, at: time)
        return verified
    }

    /// Checks the signature and the signer's chain at `chainValidationTime`, without rollback or freshness checks
    /// (a cached list is re-verified at its own issue time, then judged for freshness separately).
    package func verifySignature(_ bytes: [UInt8], chainValidationTime: Date) async throws(MDLError) -> VerifiedVICAL {
        let decoder = CBORDecoder(options: decoderOptions)
        let message: COSESign1
        do {
            message = try COSESign1(try decoder.decodeStructure(bytes, what: "VICAL COSE_Sign1"))
        } catch let error as MDLError {
            throw error
        } catch {
            throw MDLError.structure("the VICAL is not a COSE_Sign1: \(error)")
        }
        guard let algorithm = message.headers.algorithm, allowedAlgorithms.contains(algorithm), algorithm.isSignature
        else {
            throw MDLError(
                code: .algorithmNotAllowed,
                message: "VICAL alg \(message.headers.algorithmIdentifier.map(String.init) ?? "absent from the protected header") is not allowed")
        }
        let chain = try await validateSigner(message, at: chainValidationTime)
        guard let signer = chain.first, let key = try? SignerPublicKey(signer)?.coseKey() else {
            throw MDLError(code: .trustListUntrusted, message: "the VICAL signer's key is not a supported signature key")
        }
        guard let payload = message.payload else { throw MDLError.structure("the VICAL COSE_Sign1 carries no payload") }
        do {
            try message.verifyAttached(with: key, allowedAlgorithms: allowedAlgorithms)
        } catch {
            throw MDLError(
                code: .trustListSignatureInvalid, message: "the VICAL signature does not verify with its signer's key")
        }
        var content = try decoder.decodeStructure(payload, what: "VICAL payload")
        if let embedded = content.embedded { content = try embedded.decodedStructure(decoder, what: "VICAL payload") }
        return VerifiedVICAL(vical: try VICAL(content), signedBytes: bytes, signerChain: chain)
    }

    /// Refuses `candidate` when it is older than `held`: a smaller `vicalIssueID` or an earlier `date`.
    package static func checkNoRollback(_ candidate: VICAL, holding held: VICAL) throws(MDLError) {
        if candidate.issueID < held.issueID || candidate.date < held.date {
            throw MDLError(
                code: .trustListRollback,
                message: "VICAL #\(candidate.issueID) of \(TDate.format(candidate.date)) is older than the held "
                    + "#\(held.issueID) of \(TDate.format(held.date))")
        }
    }

    /// Refuses a list past its `nextUpdate` by more than ``stalenessBound`` at `time`.
    package func checkFreshness(_ vical: VICAL, at time: Date) throws(MDLError) {
        guard vical.isFresh(at: time, stalenessBound: stalenessBound) else {
            throw MDLError(
                code: .trustListExpired,
                message: "VICAL #\(vical.issueID) was due for update at \(vical.nextUpdate.map(TDate.format) ?? "?"); "
                    + "the staleness bound of \(Int(stalenessBound)) s has passed")
        }
    }

    private func validateSigner(_ message: COSESign1, at time: Date) async throws(MDLError) -> [Certificate] {
        let der: [[UInt8]]
        do {
            guard let chain = try message.headers.x5chain(), !chain.isEmpty else {
                throw MDLError(code: .trustListUntrusted, message: "the VICAL has no x5chain with its signer certificate")
            }
            der = chain
        } catch let error as MDLError {
            throw error
        } catch {
            throw MDLError.structure("VICAL x5chain: \(error)")
        }
        let parsed = try CertificateChainValidation.parse(
            x5chain: der, roots: signerAnchors, code: .trustListUntrusted, role: "VICAL")
        return try await CertificateChainValidation.validate(
            chain: parsed, roots: signerAnchors, requiredUsage: .mdlVICALSigner, at: time, code: .trustListUntrusted,
            role: "VICAL signer")
    }
}
