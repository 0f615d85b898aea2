import X509

/// The certificate path a document verified along: the document signer first, the anchor's certificate last, and
/// the ``TrustAnchor`` it ends in.
///
/// ```swift
/// let path = document.trustPath
/// print(path.subjects.joined(separator: " → "))   // "CN=SH mDL DS,… → CN=SH mDL IACA,…"
/// if path.anchor == expectedIACA { … }
/// ```
public struct TrustPath: Sendable, Hashable {
    /// The certificates, the document signer first and the anchor's certificate last.
    public var certificates: [Certificate] { storage.certificates }
    /// The anchor the path ends in.
    public var anchor: TrustAnchor { storage.anchor }
    /// The subjects of ``certificates`` in order, e.g. `["CN=utopia ds,C=US", "CN=utopia iaca,C=US"]`.
    ///
    /// Derived once per validated chain (a cached chain reuses it): formatting names costs as much as the rest of a
    /// verification's bookkeeping.
    public var subjects: [String] { storage.subjects }

    /// The path's members, shared by every copy (one per verified document).
    private final class Storage: Sendable {
        let certificates: [Certificate]
        let anchor: TrustAnchor
        let subjects: [String]

        init(certificates: [Certificate], anchor: TrustAnchor) {
            self.certificates = certificates
            self.anchor = anchor
            self.subjects = certificates.map { $0.subject.description }
        }
    }

    private let storage: Storage

    /// A path through `certificates` (document signer first) to `anchor`.
    package init(certificates: [Certificate], anchor: TrustAnchor) {
        storage = Storage(certificates: certificates, anchor: anchor)
    }

    /// The document-signer certificate, first on the path.
    public var documentSigner: Certificate? { certificates.first }

    /// Paths are equal when their certificates and anchors are (``subjects`` follow from the certificates).
    public static func == (lhs: TrustPath, rhs: TrustPath) -> Bool {
        lhs.certificates == rhs.certificates && lhs.anchor == rhs.anchor
    }

    /// Hashes the certificates and the anchor, consistent with `==`.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(certificates)
        hasher.combine(anchor)
    }
}
