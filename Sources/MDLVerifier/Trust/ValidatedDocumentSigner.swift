import Foundation
import MDLCBOR
import MDLCOSE
import X509

/// A document signer whose chain validated at ``validationTime``: the key to verify the IssuerAuth with, the
/// country it may speak for, and the audit facts (trust path, relaxations used).
public struct ValidatedDocumentSigner: Sendable {
    /// The document-signer certificate.
    public let certificate: Certificate
    /// The chain, the document-signer certificate first and the anchor's certificate last.
    public let chain: [Certificate]
    /// The anchor the chain ends in.
    public let anchor: TrustAnchor
    /// The document signer's public key.
    public let publicKey: SignerPublicKey
    /// The DS certificate's country (`C`), to compare with the disclosed `issuing_country`.
    public let country: String?
    /// The DS certificate's state or province (`ST`), to compare with the disclosed `issuing_jurisdiction`.
    public let stateOrProvince: String?
    /// The relaxations of the ``VerificationPolicy`` this chain needed; empty under the strict profile.
    public let relaxationsUsed: [VerificationPolicy.Relaxation]
    /// The verification time the chain was validated at.
    public let validationTime: Date
    /// The path: ``chain`` and ``anchor``, with the subjects formatted once per validated chain (a cached chain
    /// reuses it).
    public let trustPath: TrustPath
    /// ``publicKey`` in the form COSE verification takes, made once per validated chain (a cached chain reuses it:
    /// building a P-256 key from its point costs a few microseconds), or why the key is unusable.
    let verificationKey: Result<SignaturePublicKey, COSEError>

    init(
        certificate: Certificate, chain: [Certificate], anchor: TrustAnchor, publicKey: SignerPublicKey,
        country: String?, stateOrProvince: String?, relaxationsUsed: [VerificationPolicy.Relaxation],
        validationTime: Date, trustPath: TrustPath? = nil, verificationKey: Result<SignaturePublicKey, COSEError>? = nil
    ) {
        self.certificate = certificate
        self.chain = chain
        self.anchor = anchor
        self.publicKey = publicKey
        self.country = country
        self.stateOrProvince = stateOrProvince
        self.relaxationsUsed = relaxationsUsed
        self.validationTime = validationTime
        self.trustPath = trustPath ?? TrustPath(certificates: chain, anchor: anchor)
        self.verificationKey = verificationKey ?? Self.verificationKey(for: publicKey)
    }

    private static func verificationKey(for publicKey: SignerPublicKey) -> Result<SignaturePublicKey, COSEError> {
        do { return .success(try publicKey.coseKey()) } catch let error as COSEError { return .failure(error) } catch {
            return .failure(COSEError(code: .invalidKey, message: "\(error)"))
        }
    }

    /// Checks the MSO's `signed` time: within the DS certificate's validity and the anchor's (IACA's) validity (else
    /// `certificateExpired`), and before the anchor's retirement, if any (else `certificateRevoked`).
    public func checkSigned(_ signed: Date) throws {
        let leaf = certificate
        guard signed >= leaf.notValidBefore, signed <= leaf.notValidAfter else {
            throw MDLError(
                code: .certificateExpired,
                message: "the MSO was signed at \(TDate.format(signed)), outside the document signer's validity "
                    + "\(TDate.format(leaf.notValidBefore)) – \(TDate.format(leaf.notValidAfter))"
            )
        }
        let iaca = anchor.certificate
        guard signed >= iaca.notValidBefore, signed <= iaca.notValidAfter else {
            throw MDLError(
                code: .certificateExpired,
                message: "the MSO was signed at \(TDate.format(signed)), outside its IACA's validity "
                    + "\(TDate.format(iaca.notValidBefore)) – \(TDate.format(iaca.notValidAfter))"
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
