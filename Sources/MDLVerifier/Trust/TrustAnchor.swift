import Foundation
import MDLCOSE
import SwiftASN1
import X509

/// A certificate the relying party trusts to issue document-signer certificates: normally an issuing authority's
/// IACA root, taken from a verified trust list (VICAL).
///
/// An anchor may be *retired*: documents its document signers signed before ``retiredAt`` still verify, documents
/// signed from then on are refused with ``MDLError/Code/certificateRevoked``.
///
/// ```swift
/// let anchor = try TrustAnchor(pemEncoded: pem, notes: "Shanghai traffic police IACA, from the 2026-11 VICAL")
/// ```
public struct TrustAnchor: Sendable, Hashable {
    /// The anchor certificate.
    public var certificate: Certificate { box.certificate }
    /// The certificate, held by reference: an anchor is copied into every verified document and trust path, and a
    /// `Certificate` copied by value is a few dozen reference counts (issue 16).
    private let box: CertificateBox
    /// When the anchor stopped being trusted for new documents, if it did.
    public var retiredAt: Date?
    /// Free text for operators (where the anchor came from, why it was retired). Never shown to holders.
    public var notes: String?

    /// Creates an anchor from a parsed certificate.
    ///
    /// - Throws: ``MDLError`` `weakKey` when the certificate's Ed25519 key is malformed or of small order.
    public init(certificate: Certificate, retiredAt: Date? = nil, notes: String? = nil) throws {
        var acceptable = true
        if case .ed25519(let raw) = SignerPublicKey(certificate) { acceptable = Ed25519PointEncoding.isAcceptableForCertificates(raw) }
        // Every member is set before the refusal is thrown.
        self.box = CertificateBox(certificate)
        self.retiredAt = retiredAt
        self.notes = notes
        guard acceptable else {
            throw MDLError(code: .weakKey, message: "the trust anchor's Ed25519 key is malformed or of small order")
        }
    }

    /// Creates an anchor from a DER-encoded certificate.
    ///
    /// - Throws: ``MDLError`` `certificateUntrusted` when the bytes are not a certificate, `weakKey` as above.
    public init(derEncoded: [UInt8], retiredAt: Date? = nil, notes: String? = nil) throws {
        let certificate: Certificate
        do {
            certificate = try Certificate(derEncoded: derEncoded)
        } catch {
            throw MDLError(code: .certificateUntrusted, message: "the trust anchor is not a DER X.509 certificate")
        }
        try self.init(certificate: certificate, retiredAt: retiredAt, notes: notes)
    }

    /// Creates an anchor from a PEM `CERTIFICATE` block.
    ///
    /// - Throws: ``MDLError`` `certificateUntrusted` when the text is not a PEM certificate, `weakKey` as above.
    public init(pemEncoded: String, retiredAt: Date? = nil, notes: String? = nil) throws {
        let certificate: Certificate
        do {
            certificate = try Certificate(pemEncoded: pemEncoded)
        } catch {
            throw MDLError(code: .certificateUntrusted, message: "the trust anchor is not a PEM X.509 certificate")
        }
        try self.init(certificate: certificate, retiredAt: retiredAt, notes: notes)
    }

    /// The anchor's subject, e.g. `"CN=utopia iaca,C=US"`.
    public var subject: String { certificate.subject.description }
    /// The anchor's country (`C`), if any.
    public var country: String? { certificate.subject.country }
    /// The anchor's state or province (`ST`), if any.
    public var stateOrProvince: String? { certificate.subject.stateOrProvince }

    /// Anchors are equal when their certificates, retirement and notes are.
    public static func == (lhs: TrustAnchor, rhs: TrustAnchor) -> Bool {
        (lhs.box === rhs.box || lhs.certificate == rhs.certificate) && lhs.retiredAt == rhs.retiredAt && lhs.notes == rhs.notes
    }

    /// Hashes what `==` compares.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(certificate)
        hasher.combine(retiredAt)
        hasher.combine(notes)
    }
}

/// A certificate held by reference.
final class CertificateBox: Sendable {
    let certificate: Certificate
    init(_ certificate: Certificate) { self.certificate = certificate }
}
