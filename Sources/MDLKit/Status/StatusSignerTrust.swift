import Foundation
import MDLCOSE
import SwiftASN1
import MDLCBOR
@_spi(FixedExpiryValidationTime) import X509

/// Which signer a relying party trusts for status list tokens and point statements.
///
/// ```swift
/// let trust = StatusSignerTrust.issuer([shanghaiIACA])      // the x5chain must lead to the document's IACA
/// let pinned = StatusSignerTrust.key(try JWKPublicKey(json: jwk).signaturePublicKey)
/// ```
public enum StatusSignerTrust: Sendable {
    /// A key named out of band (a JWK, a PEM key, a trust list entry): the message must verify with it.
    case key(SignaturePublicKey)
    /// The message's `x5chain` leaf must chain (RFC 5280, valid at the verification time) to one of these anchors,
    /// normally the IACA that issued the document's signer, and must not be a CA.
    case issuer([TrustAnchor])

    /// The key to verify `message` with at `time`.
    /// - Throws: ``MDLError/Code/statusSignatureInvalid`` when the message names no usable signer or its chain does
    ///   not lead to the anchors.
    func key(for message: COSESign1, at time: Date) async throws(MDLError) -> SignaturePublicKey {
        switch self {
        case .key(let key):
            return key
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

    private static func validate(chain: [[UInt8]], anchors: [TrustAnchor], at time: Date) async throws(MDLError)
        -> SignaturePublicKey
    {
        let certificates: [Certificate]
        do { certificates = try chain.map { try Certificate(derEncoded: $0) } } catch {
            throw untrusted("a certificate in the signer's x5chain does not parse")
        }
        guard let leaf = certificates.first else { throw untrusted("empty x5chain") }
        if let constraints = try? leaf.extensions.basicConstraints, case .isCertificateAuthority = constraints {
            throw untrusted("the status signer's certificate is a CA certificate")
        }
        var verifier = Verifier(rootCertificates: CertificateStore(anchors.map(\.certificate))) {
            RFC5280Policy(fixedExpiryValidationTime: time)
        }
        let result = await verifier.validate(leaf: leaf, intermediates: CertificateStore(Array(certificates.dropFirst())))
        guard case .validCertificate = result else {
            throw untrusted("the status signer's certificate does not chain to the document's issuer at \(TDate.format(time))")
        }
        guard let publicKey = SignerPublicKey(leaf) else { throw untrusted("the status signer's key type is unsupported") }
        do { return try publicKey.coseKey() } catch { throw MDLError(code: .weakKey, message: "the status signer's key is unusable") }
    }

    private static func untrusted(_ message: String) -> MDLError {
        MDLError(code: .statusSignatureInvalid, message: message)
    }
}
