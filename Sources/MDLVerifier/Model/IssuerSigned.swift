import MDLCBOR
import MDLCOSE

/// The issuer-signed part of a document: the disclosed items per namespace and the IssuerAuth COSE_Sign1.
public struct IssuerSigned: Sendable, Hashable {
    /// Disclosed items per namespace, in received order.
    public let nameSpaces: [String: [IssuerSignedItem]]
    /// The namespaces in received order.
    public let nameSpaceOrder: [String]
    /// The IssuerAuth: COSE_Sign1 over `MobileSecurityObjectBytes`, with the DS certificate in `x5chain`.
    public let issuerAuth: COSESign1

    /// Reads IssuerSigned from its map.
    public init(_ item: CBOR, decoder: CBORDecoder = CBORDecoder()) throws(MDLError) {
        let map = try item.requireMap("IssuerSigned")
        try map.requireOnlyKeys(["nameSpaces", "issuerAuth"], in: "IssuerSigned")
        var nameSpaces: [String: [IssuerSignedItem]] = [:]
        var order: [String] = []
        if let nameSpacesItem = map["nameSpaces"] {
            for entry in try nameSpacesItem.requireMap("IssuerSigned.nameSpaces") {
                guard let nameSpace = entry.key.text else { throw MDLError.structure("namespace names must be text") }
                // Distinct as CBOR keys (byte for byte) yet equal as Swift strings (say NFC and NFD forms of one
                // name): one would overwrite the other's items, so the pair is refused.
                guard nameSpaces[nameSpace] == nil else {
                    throw MDLError.structure("IssuerSigned.nameSpaces names a namespace twice (as equal strings)")
                }
                // The name is interpolated only for the error: a string per namespace otherwise.
                guard let elements = entry.value.array else {
                    throw MDLError.structure("IssuerSigned.nameSpaces.\(nameSpace) must be an array")
                }
                var items: [IssuerSignedItem] = []
                items.reserveCapacity(elements.count)
                for element in elements {
                    guard let embedded = element.embedded else {
                        throw MDLError.structure("IssuerSignedItemBytes must be tag 24 over a byte string")
                    }
                    items.append(try IssuerSignedItem(embedded, decoder: decoder))
                }
                nameSpaces[nameSpace] = items
                order.append(nameSpace)
            }
        }
        self.nameSpaces = nameSpaces
        self.nameSpaceOrder = order
        do { issuerAuth = try COSESign1(try map.required("issuerAuth", in: "IssuerSigned")) } catch let error as MDLError {
            throw error
        } catch {
            throw MDLError.structure("IssuerSigned.issuerAuth: \(error)")
        }
    }

    /// Creates IssuerSigned (for issuers and wallets).
    package init(nameSpaces: [String: [IssuerSignedItem]], nameSpaceOrder: [String]? = nil, issuerAuth: COSESign1) {
        self.nameSpaces = nameSpaces
        self.nameSpaceOrder = nameSpaceOrder ?? nameSpaces.keys.sorted()
        self.issuerAuth = issuerAuth
    }

    /// The structure as CBOR, keeping each item's received bytes.
    public var cbor: CBOR {
        var map = CBORMap()
        if !nameSpaces.isEmpty {
            var spaces = CBORMap()
            for nameSpace in nameSpaceOrder {
                spaces[.text(nameSpace)] = .array((nameSpaces[nameSpace] ?? []).map { .embedded($0.embedded) })
            }
            map["nameSpaces"] = .map(spaces)
        }
        map["issuerAuth"] = issuerAuth.cbor
        return .map(map)
    }
}
