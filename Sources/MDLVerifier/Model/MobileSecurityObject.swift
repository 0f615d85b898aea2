import Foundation
import MDLCBOR
import MDLCOSE

/// The Mobile Security Object (ISO 18013-5 §9.1.2.4): the issuer-signed digests, device key and validity of one mdoc.
public struct MobileSecurityObject: Sendable, Hashable {
    /// The MSO version, "1.0".
    public let version: String
    /// The digest algorithm: SHA-256, SHA-384 or SHA-512.
    public let digestAlgorithm: DigestAlgorithm
    /// Digests per namespace and digestID.
    public var valueDigests: [String: [UInt64: [UInt8]]] { digestTables.mapValues(\.dictionary) }
    /// The digests per namespace in the form the digest check looks them up in.
    let digestTables: [String: ValueDigestTable]
    /// The device (holder) key.
    public let deviceKey: COSEKey
    /// Namespaces the device key may sign as a whole.
    public let authorizedNameSpaces: Set<String>
    /// Elements the device key may sign, per namespace.
    public let authorizedDataElements: [String: Set<String>]
    /// The document type the MSO was issued for.
    public let docType: String
    /// When the MSO was signed, and the window it is valid in.
    public let validity: ValidityInfo
    /// The Token Status List entry for this document, when the issuer publishes one.
    public let status: StatusReference?

    /// The validity window.
    public struct ValidityInfo: Sendable, Hashable {
        /// When the issuer signed the MSO.
        public let signed: TDate
        /// Start of validity.
        public let validFrom: TDate
        /// End of validity.
        public let validUntil: TDate
        /// When the issuer expects to update the MSO, if it says.
        public let expectedUpdate: TDate?

        /// Creates validity info.
        public init(signed: TDate, validFrom: TDate, validUntil: TDate, expectedUpdate: TDate? = nil) {
            self.signed = signed
            self.validFrom = validFrom
            self.validUntil = validUntil
            self.expectedUpdate = expectedUpdate
        }

        /// Whether any of the dates carried fractional seconds (ISO 18013-5 forbids them; real issuers send them).
        package var hasFractionalSeconds: Bool {
            [signed, validFrom, validUntil].contains { $0.hasFractionalSeconds } || expectedUpdate?.hasFractionalSeconds == true
        }

        /// Whether any of the dates used a numeric offset instead of `Z` (ISO 18013-5 wants UTC written as `Z`).
        package var hasOffset: Bool {
            [signed, validFrom, validUntil].contains { $0.hasOffset } || expectedUpdate?.hasOffset == true
        }
    }

    /// A reference into a Token Status List: `status: {"status_list": {"idx": n, "uri": "..."}}`.
    public struct StatusReference: Sendable, Hashable {
        /// The index of this document's entry.
        public let index: UInt64
        /// Where the Status List Token is published; it is the token's `sub`.
        public let uri: String
        /// Creates a reference.
        public init(index: UInt64, uri: String) {
            self.index = index
            self.uri = uri
        }
    }

    /// Reads an MSO from its decoded map.
    public init(_ item: CBOR) throws(MDLError) {
        let map = try item.requireMap("MobileSecurityObject")
        try self.init(members: Self.memberKeys.map { map[$0.description] }, readDigests: nil, readValidity: nil)
    }

    /// The members of an MSO, in the order ``init(embedded:decoder:)`` reads them in place.
    private static let memberKeys: [StaticString] = [
        "version", "digestAlgorithm", "valueDigests", "deviceKeyInfo", "docType", "validityInfo", "status",
    ]

    /// Reads an MSO from its `MobileSecurityObjectBytes`: the usual MSO in place, its digests kept as places in the
    /// received bytes rather than copied (issue 16); anything else through the general decoder. Both accept and
    /// refuse the same MSOs with the same errors.
    init(embedded: EmbeddedCBOR, decoder: CBORDecoder) throws(MDLError) {
        var values: [CBOR?] = []
        var tables: [String: ValueDigestTable] = [:]
        var validity: ValidityInfo?
        let regular = decoder.decodeMap(embedded, knownTextKeys: Self.memberKeys, into: &values) {
            (index, reader) throws(CBORError) -> Bool? in
            switch index {
            case 2: return try ValueDigestTable.read(&reader, into: &tables)
            case 5:
                validity = try ValidityInfo.read(&reader)
                return validity != nil
            default: return nil
            }
        }
        guard regular else {
            try self.init(try embedded.decodedStructure(decoder, what: "MobileSecurityObject"))
            return
        }
        // The members' values in the order of `memberKeys`: no map built, no lookups (the in-place reader refuses a
        // repeated key, as the general decoder does).
        try self.init(members: values, readDigests: values[2] == nil ? nil : tables, readValidity: validity)
    }

    /// Reads an MSO from its members' values in the order of `memberKeys` (`nil` for an absent member);
    /// `readDigests` and `readValidity` are its digest tables and validity when already read in place.
    private init(members: [CBOR?], readDigests: [String: ValueDigestTable]?, readValidity: ValidityInfo?) throws(MDLError) {
        func member(_ index: Int) -> String { "MobileSecurityObject.\(Self.memberKeys[index])" }
        version = try members[0].requiredText(member(0))
        guard version.hasPrefix("1.") else {
            throw MDLError(code: .unsupportedVersion, message: "MSO version \(version) is not supported")
        }
        digestAlgorithm = try DigestAlgorithm(msoName: try members[1].requiredText(member(1)))
        docType = try members[4].requiredText(member(4))
        if let readDigests {
            digestTables = readDigests
        } else {
            var digests: [String: ValueDigestTable] = [:]
            for entry in try members[2].requiredMap(member(2)) {
                guard let nameSpace = entry.key.text, let ids = entry.value.map else {
                    throw MDLError.structure("valueDigests must map namespaces to digest maps")
                }
                // Two names equal as Swift strings but not byte for byte would overwrite each other's digests.
                guard digests[nameSpace] == nil else {
                    throw MDLError.structure("valueDigests names a namespace twice (as equal strings)")
                }
                var perID: [ValueDigestTable.Entry] = []
                perID.reserveCapacity(ids.count)
                for digest in ids {
                    guard case .unsigned(let id) = digest.key, let value = digest.value.bytes else {
                        throw MDLError.structure("valueDigests.\(nameSpace) must map unsigned digestIDs to byte strings")
                    }
                    perID.append(ValueDigestTable.Entry(digestID: id, digest: value[...]))
                }
                // A decoded map's keys are distinct: the decoder refuses a repeated key.
                digests[nameSpace] = ValueDigestTable(distinct: perID)
            }
            digestTables = digests
        }
        let keyInfo = try members[3].requiredMap(member(3))
        do { deviceKey = try COSEKey(try keyInfo.required("deviceKey", in: "deviceKeyInfo")) } catch let error as MDLError {
            throw error
        } catch {
            throw MDLError.structure("deviceKeyInfo.deviceKey: \(error)")
        }
        var nameSpaces = Set<String>()
        var elements: [String: Set<String>] = [:]
        if let authorizations = keyInfo["keyAuthorizations"] {
            let auth = try authorizations.requireMap("keyAuthorizations")
            for item in try auth["nameSpaces"]?.requireArray("keyAuthorizations.nameSpaces") ?? [] {
                guard let text = item.text else { throw MDLError.structure("keyAuthorizations.nameSpaces must hold text") }
                nameSpaces.insert(text)
            }
            for entry in try auth["dataElements"]?.requireMap("keyAuthorizations.dataElements") ?? CBORMap() {
                guard let nameSpace = entry.key.text, let ids = entry.value.array else {
                    throw MDLError.structure("keyAuthorizations.dataElements must map namespaces to arrays")
                }
                elements[nameSpace, default: []].formUnion(ids.compactMap(\.text))
            }
        }
        authorizedNameSpaces = nameSpaces
        authorizedDataElements = elements
        if let readValidity {
            validity = readValidity
        } else {
            let validityMap = try members[5].requiredMap(member(5))
            func date(_ key: String, required: Bool = true) throws(MDLError) -> TDate? {
                guard let value = validityMap[key] else {
                    if required { throw MDLError.structure("validityInfo.\(key) is missing") }
                    return nil
                }
                guard case .tagged(0, .text(let text)) = value, let parsed = TDate(rfc3339: text) else {
                    throw MDLError.structure("validityInfo.\(key) must be a tdate (tag 0, RFC 3339)")
                }
                return parsed
            }
            guard let signed = try date("signed"), let validFrom = try date("validFrom"), let validUntil = try date("validUntil")
            else { throw MDLError.structure("validityInfo is incomplete") }
            validity = ValidityInfo(signed: signed, validFrom: validFrom, validUntil: validUntil, expectedUpdate: try date("expectedUpdate", required: false))
        }
        if let statusItem = members[6] {
            guard let list = statusItem["status_list"], case .unsigned(let index) = list["idx"] ?? .null, let uri = list["uri"]?.text
            else { throw MDLError.structure("status.status_list must hold idx (uint) and uri (text)") }
            status = StatusReference(index: index, uri: uri)
        } else {
            status = nil
        }
    }

    /// Creates an MSO (for issuers).
    package init(
        digestAlgorithm: DigestAlgorithm = .sha256, valueDigests: [String: [UInt64: [UInt8]]], deviceKey: COSEKey,
        docType: String, validity: ValidityInfo, status: StatusReference? = nil,
        authorizedNameSpaces: Set<String> = [], authorizedDataElements: [String: Set<String>] = [:]
    ) {
        self.version = "1.0"
        self.digestAlgorithm = digestAlgorithm
        self.digestTables = valueDigests.mapValues(ValueDigestTable.init)
        self.deviceKey = deviceKey
        self.docType = docType
        self.validity = validity
        self.status = status
        self.authorizedNameSpaces = authorizedNameSpaces
        self.authorizedDataElements = authorizedDataElements
    }

    /// The MSO as CBOR (for issuers; encode it deterministically and embed it with tag 24).
    public var cbor: CBOR {
        var digests = CBORMap()
        for (nameSpace, table) in digestTables {
            var perID = CBORMap()
            for entry in table.entries { perID[.unsigned(entry.digestID)] = .bytes(Array(entry.digest)) }
            digests[.text(nameSpace)] = .map(perID)
        }
        var keyInfo: CBORMap = ["deviceKey": deviceKey.cbor]
        if !authorizedNameSpaces.isEmpty || !authorizedDataElements.isEmpty {
            var auth = CBORMap()
            if !authorizedNameSpaces.isEmpty { auth["nameSpaces"] = .array(authorizedNameSpaces.sorted().map(CBOR.text)) }
            if !authorizedDataElements.isEmpty {
                var elements = CBORMap()
                for (nameSpace, ids) in authorizedDataElements { elements[.text(nameSpace)] = .array(ids.sorted().map(CBOR.text)) }
                auth["dataElements"] = .map(elements)
            }
            keyInfo["keyAuthorizations"] = .map(auth)
        }
        var validityMap: CBORMap = [
            "signed": .tagged(0, .text(validity.signed.description)),
            "validFrom": .tagged(0, .text(validity.validFrom.description)),
            "validUntil": .tagged(0, .text(validity.validUntil.description)),
        ]
        if let expected = validity.expectedUpdate { validityMap["expectedUpdate"] = .tagged(0, .text(expected.description)) }
        var map: CBORMap = [
            "version": .text(version), "digestAlgorithm": .text(digestAlgorithm.rawValue), "valueDigests": .map(digests),
            "deviceKeyInfo": .map(keyInfo), "docType": .text(docType), "validityInfo": .map(validityMap),
        ]
        if let status {
            map["status"] = .map(["status_list": .map(["idx": .unsigned(status.index), "uri": .text(status.uri)])])
        }
        return .map(map)
    }
}
