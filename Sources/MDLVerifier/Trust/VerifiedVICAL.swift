import Foundation
import X509

/// A VICAL whose signature and signer chain verified: its content, the chain, and its IACAs as trust anchors.
public struct VerifiedVICAL: Sendable {
    /// The list's content.
    public let vical: VICAL
    /// The COSE_Sign1 exactly as received (what a cache stores).
    public let signedBytes: [UInt8]
    /// The signer's chain, the VICAL signer first and the pinned anchor last.
    public let signerChain: [Certificate]
    /// The anchor for each entry of ``VICAL/certificateInfos`` (same order), `nil` for an entry whose certificate
    /// is not a usable X.509 certificate.
    public let entryAnchors: [TrustAnchor?]

    init(vical: VICAL, signedBytes: [UInt8], signerChain: [Certificate]) {
        self.vical = vical
        self.signedBytes = signedBytes
        self.signerChain = signerChain
        let source = "\(vical.provider) VICAL #\(vical.issueID)"
        entryAnchors = vical.certificateInfos.map { info in
            try? info.trustAnchor(notes: "\(info.issuingAuthority ?? "IACA"), from the \(source)")
        }
    }

    /// The IACAs as trust anchors (retired ones included, with their ``TrustAnchor/retiredAt``), optionally only
    /// those listed for `docType`.
    public func trustAnchors(docType: String? = nil) -> [TrustAnchor] {
        zip(vical.certificateInfos, entryAnchors).compactMap { info, anchor in
            guard let anchor else { return nil }
            if let docType, !info.docTypes.contains(docType) { return nil }
            return anchor
        }
    }

    /// The indices of entries whose certificate could not be used as an anchor.
    public var unusableEntries: [Int] {
        entryAnchors.enumerated().compactMap { $0.element == nil ? $0.offset : nil }
    }
}
