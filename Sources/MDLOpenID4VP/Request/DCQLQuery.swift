import MDLVerifier

/// A Digital Credentials Query Language query (OpenID4VP 1.0 §6) for one mdoc credential.
///
/// ```json
/// {"credentials": [{"id": "mdl", "format": "mso_mdoc", "meta": {"doctype_value": "org.iso.18013.5.1.mDL"},
///   "claims": [{"path": ["org.iso.18013.5.1", "family_name"], "intent_to_retain": false}]}]}
/// ```
public struct DCQLQuery: Sendable, Hashable, Codable {
    /// The credential queries.
    public var credentials: [CredentialQuery]

    /// One credential query.
    public struct CredentialQuery: Sendable, Hashable, Codable {
        /// The query id, the key of the response's `vp_token`.
        public var id: String
        /// The credential format; `mso_mdoc` here.
        public var format: String
        /// Format-specific constraints.
        public var meta: Meta
        /// The claims asked for.
        public var claims: [ClaimQuery]

        /// Creates a credential query.
        public init(id: String, format: String = "mso_mdoc", meta: Meta, claims: [ClaimQuery]) {
            self.id = id
            self.format = format
            self.meta = meta
            self.claims = claims
        }
    }

    /// `meta` for mso_mdoc.
    public struct Meta: Sendable, Hashable, Codable {
        /// The docType asked for (`doctype_value`).
        public var doctypeValue: String
        /// Creates a meta.
        public init(doctypeValue: String) { self.doctypeValue = doctypeValue }
        enum CodingKeys: String, CodingKey { case doctypeValue = "doctype_value" }
    }

    /// One claim: `path` is `[namespace, element]` for mso_mdoc.
    public struct ClaimQuery: Sendable, Hashable, Codable {
        /// `[namespace, element identifier]`.
        public var path: [String]
        /// Whether the relying party intends to keep the value after the transaction (`intent_to_retain`).
        public var intentToRetain: Bool?
        /// Creates a claim query.
        public init(path: [String], intentToRetain: Bool?) {
            self.path = path
            self.intentToRetain = intentToRetain
        }
        enum CodingKeys: String, CodingKey {
            case path
            case intentToRetain = "intent_to_retain"
        }

        /// The element, when the path has the mso_mdoc form.
        public var element: ElementReference? {
            path.count == 2 ? ElementReference(path[0], path[1]) : nil
        }
    }

    /// Creates a query.
    public init(credentials: [CredentialQuery]) { self.credentials = credentials }

    /// A query for an mDL with `elements`, each with its retention flag.
    public static func mDL(id: String = "mdl", elements: [RequestedElement]) -> DCQLQuery {
        DCQLQuery(credentials: [
            CredentialQuery(
                id: id, meta: Meta(doctypeValue: MDLProfile.docType),
                claims: elements.map { ClaimQuery(path: [$0.element.nameSpace, $0.element.identifier], intentToRetain: $0.intentToRetain) })
        ])
    }
}

/// An element a request asks for and whether the relying party will keep it.
public struct RequestedElement: Sendable, Hashable, Codable {
    /// The element.
    public var element: ElementReference
    /// Whether the relying party intends to retain the value.
    public var intentToRetain: Bool
    /// Creates one.
    public init(_ element: ElementReference, intentToRetain: Bool = false) {
        self.element = element
        self.intentToRetain = intentToRetain
    }
}
