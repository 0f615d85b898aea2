import MDLVerifier

/// One data element of a document: its namespace and identifier, written `NAMESPACE/IDENTIFIER` in text.
public struct ElementReference: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The namespace, e.g. `org.iso.18013.5.1`.
    public let nameSpace: String
    /// The element identifier, e.g. `family_name`.
    public let identifier: String

    /// Creates a reference.
    public init(_ nameSpace: String, _ identifier: String) {
        self.nameSpace = nameSpace
        self.identifier = identifier
    }

    /// Parses `NAMESPACE/IDENTIFIER`; `nil` when either part is empty.
    public init?(parsing text: String) {
        guard let slash = text.lastIndex(of: "/") else { return nil }
        let nameSpace = String(text[..<slash])
        let identifier = String(text[text.index(after: slash)...])
        guard !nameSpace.isEmpty, !identifier.isEmpty else { return nil }
        self.init(nameSpace, identifier)
    }

    /// `NAMESPACE/IDENTIFIER`.
    public var description: String { "\(nameSpace)/\(identifier)" }

    public static func < (lhs: ElementReference, rhs: ElementReference) -> Bool { lhs.description < rhs.description }

    /// An ISO 18013-5 mDL element.
    public static func iso(_ identifier: String) -> ElementReference { ElementReference(MDLProfile.isoNameSpace, identifier) }
    /// An element of the Chinese profile namespace.
    public static func china(_ identifier: String) -> ElementReference { ElementReference(MDLProfile.chinaNameSpace, identifier) }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let parsed = ElementReference(parsing: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not NAMESPACE/IDENTIFIER"))
        }
        self = parsed
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension Sequence where Element == ElementReference {
    /// The references grouped per namespace, as `HolderWallet` and the verifier use them.
    public var byNameSpace: [String: Set<String>] {
        var result: [String: Set<String>] = [:]
        for reference in self { result[reference.nameSpace, default: []].insert(reference.identifier) }
        return result
    }
}
