import Foundation
import MDLCBOR
import MDLCOSE
import MDLVerifier
import SwiftASN1
@_spi(FixedExpiryValidationTime) import X509

/// Which signer a relying party trusts for status list tokens and point statements.
///
/// ```swift
/// let trust = StatusSignerTrust.issuer(of: document)    // the x5chain must lead to the document's own IACA
/// let pinned = StatusSignerTrust.key(try JWK(json: jwk).signaturePublicKey())
/// ```
public enum StatusSignerTrust: Sendable {
    /// A key named out of band (a JWK, a PEM key, a trust list entry): the message must verify with it.
    case key(SignaturePublicKey)
    /// The message's `x5chain` leaf must chain (RFC 5280, valid at the verification time) to one of these anchors,
    /// normally the very IACA that validated the document's signer (`VerifiedDocument.issuerAnchor`), and must not
    /// be a CA. The document signer itself may sign (its critical mdl EKU `1.0.18013.5.1.2` is understood). The
    /// `x5chain` is read as any other (at most four certificates, in order, no repeats; `limitExceeded` past four).
    case issuer([TrustAnchor])

    /// Trust in exactly the anchor that validated `document`'s signer: a token or statement signed under another
    /// IACA, even one with the same name, is refused (`statusSignatureInvalid`).
    public static func issuer(of document: VerifiedDocument) -> StatusSignerTrust {
        .issuer([document.issuerAnchor])
    }

    /// The key to verify `message` with at `time`.
    /// - Throws: `MDLError.Code.statusSignatureInvalid` when the message names no usable signer or its chain does
    ///   not lead to the anchors.
    func key(for message: COSESign1, at time: Date) async throws(MDLError) -> SignaturePublicKey {
        try await validatedSigner(for: message, at: time).key
    }

    /// The key to verify `message` with at `time`, and the interval in which the signer's path is valid (`nil`
    /// for a key named out of band): a cached verification is reused only for times inside it.
    package func validatedSigner(for message: COSESign1, at time: Date) async throws(MDLError)
        -> (key: SignaturePublicKey, validity: ClosedRange<Date>?)
    {
        switch self {
        case .key(let key):
            return (key, nil)
        case .issuer(let anchors):
            let chain: [[UInt8]]
            do {
                guard let certificates = try message.headers.x5chain(), !certificates.isEmpty else {
                    throw Self.untrusted("the message carries no x5chain naming its signer")
                }
                chain = certificates
            } catch let error as MDLError {
                throw error
            } catch {
                throw Self.untrusted("the message's x5chain is malformed")
            }
            return try await Self.validate(chain: chain, anchors: anchors, at: time)
        }
    }

    private static func validate(chain der: [[UInt8]], anchors: [TrustAnchor], at time: Date) async throws(MDLError)
        -> (key: SignaturePublicKey, validity: ClosedRange<Date>?)
    {
        let roots = anchors.map(\.certificate)
        let validator = CertificatePathValidator(
            anchors: roots, untrusted: .statusSignatureInvalid, role: "status signer")
        let certificates = try validator.parse(x5chain: der)
        guard let leaf = certificates.first else { throw untrusted("empty x5chain") }
        // A basicConstraints extension that does not parse is refused, not read as "not a CA".
        let constraints: BasicConstraints?
        do { constraints = try leaf.extensions.basicConstraints } catch {
            throw untrusted("the status signer's certificate has a malformed basicConstraints extension")
        }
        if let constraints, case .isCertificateAuthority = constraints {
            throw untrusted("the status signer's certificate is a CA certificate")
        }
        // A keyUsage that is present must allow signing (RFC 5280 §4.2.1.3): a certificate the IACA issued for key
        // agreement or for signing certificates and CRLs does not sign status lists.
        let keyUsage: KeyUsage?
        do { keyUsage = try leaf.extensions.keyUsage } catch {
            throw untrusted("the status signer's certificate has a malformed keyUsage extension")
        }
        if let keyUsage, !keyUsage.digitalSignature {
            throw untrusted("the status signer's certificate does not allow digital signatures (keyUsage)")
        }
        let result = try await validator.search(certificates) {
            StatusSignerChainPolicy()
            RFC5280Policy(fixedExpiryValidationTime: time)
        }
        guard case .validCertificate = result else {
            throw untrusted("the status signer's certificate does not chain to the document's issuer at \(TDate.format(time))")
        }
        guard let publicKey = SignerPublicKey(leaf) else { throw untrusted("the status signer's key type is unsupported") }
        let key: SignaturePublicKey
        do { key = try publicKey.coseKey() } catch { throw MDLError(code: .weakKey, message: "the status signer's key is unusable") }
        let path = certificates + roots.filter { root in certificates.last.map { $0.issuer == root.subject } ?? false }
        let start = path.map(\.notValidBefore).max() ?? leaf.notValidBefore
        let end = path.map(\.notValidAfter).min() ?? leaf.notValidAfter
        return (key, start <= end ? start...end : time...time)
    }

    private static func untrusted(_ message: String) -> MDLError {
        MDLError(code: .statusSignatureInvalid, message: message)
    }
}
