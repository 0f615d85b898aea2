import MDLCBOR
import MDLCOSE
import MDLKit

/// An mDL as the issuing authority hands it to the holder's wallet: every issuer-signed item and the IssuerAuth.
public struct IssuedCredential: Sendable, Hashable {
    /// The document type.
    public let docType: String
    /// Every issued item per namespace.
    public let items: [String: [IssuerSignedItem]]
    /// The IssuerAuth over the MSO.
    public let issuerAuth: COSESign1
    /// The MSO that was signed.
    public let mso: MobileSecurityObject

    /// The IssuerSigned structure holding only `selected` elements per namespace (all when `nil`).
    public func issuerSigned(selecting selected: [String: Set<String>]?) -> IssuerSigned {
        var chosen: [String: [IssuerSignedItem]] = [:]
        for (nameSpace, nameSpaceItems) in items {
            let kept = nameSpaceItems.filter { selected == nil || selected?[nameSpace]?.contains($0.elementIdentifier) == true }
            if !kept.isEmpty { chosen[nameSpace] = kept }
        }
        return IssuerSigned(nameSpaces: chosen, issuerAuth: issuerAuth)
    }

    /// The element identifiers issued, per namespace.
    public var elementIdentifiers: [String: [String]] { items.mapValues { $0.map(\.elementIdentifier) } }
}
