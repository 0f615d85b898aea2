import Foundation
import MDLCBOR
import MDLCOSE
import X509

/// A document signer whose chain validated at ``validationTime``: the key to verify the IssuerAuth with, the
/// country it may speak for, and the audit facts (trust path, relaxations used).
public struct ValidatedDocumentSigner: Sendable {
    /// What one validation of a chain established, shared by every copy and every re-stamping of it: copying the
    /// signer (into a cache entry, out of it, into a result) is one reference instead of a few dozen (issue 16).
    private final class Facts: Sendable {
        let certificate: Certificate
        let chain: [Certificate]
        let anchor: TrustAnchor
        let publicKey: SignerPublicKey
        let country: String?
        let stateOrProvince: String?
        let relaxationsUsed: [VerificationPolicy.Relaxation]
        let trustPath: TrustPath
        let verificationKey: Result<SignaturePublicKey, COSEError>
        let signingWindows: SigningWindows

        init(
            certificate: Certificate, chain: [Certificate], anchor: TrustAnchor, publicKey: SignerPublicKey,
            country: String?, stateOrProvince: String?, relaxationsUsed: [VerificationPolicy.Relaxation]
        ) {
            self.certificate = certificate
            self.chain = chain
            self.anchor = anchor
            self.publicKey = publicKey
            self.country = country
            self.stateOrProvince = stateOrProvince
            self.relaxationsUsed = relaxationsUsed
            trustPath = TrustPath(certificates: chain, anchor: anchor)
            verificationKey = ValidatedDocumentSigner.verificationKey(for: publicKey)
            signingWindows = SigningWindows(leaf: certificate, anchor: anchor.certificate)
        }
    }

    private let facts: Facts

    /// The document-signer certificate.
    public var certificate: Certificate { facts.certificate }
    /// The chain, the document-signer certificate first and the anchor's certificate last.
    public var chain: [Certificate] { facts.chain }
    /// The anchor the chain ends in.
    public var anchor: TrustAnchor { facts.anchor }
    /// The document signer's public key.
    public var publicKey: SignerPublicKey { facts.publicKey }
    /// The DS certificate's country (`C`), to compare with the disclosed `issuing_country`.
    public var country: String? { facts.country }
    /// The DS certificate's state or province (`ST`), to compare with the disclosed `issuing_jurisdiction`.
    public var stateOrProvince: String? { facts.stateOrProvince }
    /// The relaxations of the ``VerificationPolicy`` this chain needed; empty under the strict profile.
    public var relaxationsUsed: [VerificationPolicy.Relaxation] { facts.relaxationsUsed }
    /// The verification time the chain was validated at.
    public let validationTime: Date
    /// The path: ``chain`` and ``anchor``, with the subjects formatted once per validated chain (a cached chain
    /// reuses it).
    public var trustPath: TrustPath { facts.trustPath }
    /// ``publicKey`` in the form COSE verification takes, made once per validated chain (a cached chain reuses it:
    /// building a P-256 key from its point costs a few microseconds), or why the key is unusable.
    var verificationKey: Result<SignaturePublicKey, COSEError> { facts.verificationKey }
    /// The document signer's and its IACA's validity, read once per validated chain: `Certificate`'s dates are
    /// converted from their ASN.1 time on every access, four of them per verification (issue 16).
    var signingWindows: SigningWindows { facts.signingWindows }

    /// The validity windows an MSO's `signed` time is checked against.
    struct SigningWindows: Sendable {
        let leafNotBefore: Date
        let leafNotAfter: Date
        let anchorNotBefore: Date
        let anchorNotAfter: Date

        init(leaf: Certificate, anchor: Certificate) {
            leafNotBefore = leaf.notValidBefore
            leafNotAfter = leaf.notValidAfter
            anchorNotBefore = anchor.notValidBefore
            anchorNotAfter = anchor.notValidAfter
        }
    }

    init(
        certificate: Certificate, chain: [Certificate], anchor: TrustAnchor, publicKey: SignerPublicKey,
        country: String?, stateOrProvince: String?, relaxationsUsed: [VerificationPolicy.Relaxation], validationTime: Date
    ) {
        facts = Facts(
            certificate: certificate, chain: chain, anchor: anchor, publicKey: publicKey, country: country,
            stateOrProvince: stateOrProvince, relaxationsUsed: relaxationsUsed)
        self.validationTime = validationTime
    }

    /// The same validation, as of `time`.
    func revalidated(at time: Date) -> ValidatedDocumentSigner { ValidatedDocumentSigner(facts: facts, validationTime: time) }

    private init(facts: Facts, validationTime: Date) {
        self.facts = facts
        self.validationTime = validationTime
    }

    fileprivate static func verificationKey(for publicKey: SignerPublicKey) -> Result<SignaturePublicKey, COSEError> {
        do { return .success(try publicKey.coseKey()) } catch let error as COSEError { return .failure(error) } catch {
            return .failure(COSEError(code: .invalidKey, message: "\(error)"))
        }
    }

    /// Checks the MSO's `signed` time: within the DS certificate's validity and the anchor's (IACA's) validity (else
    /// `certificateExpired`), and before the anchor's retirement, if any (else `certificateRevoked`).
    public func checkSigned(_ signed: Date) throws {
        let windows = signingWindows
        guard signed >= windows.leafNotBefore, signed <= windows.leafNotAfter else {
            throw MDLError(
                code: .certificateExpired,
                message: "the MSO was signed at \(TDate.format(signed)), outside the document signer's validity "
                    + "\(TDate.format(windows.leafNotBefore)) – \(TDate.format(windows.leafNotAfter))"
            )
        }
        guard signed >= windows.anchorNotBefore, signed <= windows.anchorNotAfter else {
            throw MDLError(
                code: .certificateExpired,
                message: "the MSO was signed at \(TDate.format(signed)), outside its IACA's validity "
                    + "\(TDate.format(windows.anchorNotBefore)) – \(TDate.format(windows.anchorNotAfter))"
            )
        }
        if let retiredAt = anchor.retiredAt, signed >= retiredAt {
            throw MDLError(
                code: .certificateRevoked,
                message: "the MSO was signed at \(TDate.format(signed)), after its IACA was retired at \(TDate.format(retiredAt))"
            )
        }
    }
}
