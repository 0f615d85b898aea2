import MDLCBOR

/// One issuer-signed data element: `IssuerSignedItem`, with the exact bytes it was received in.
///
/// The MSO digest is computed over ``itemBytes`` (the whole `#6.24(bstr)` item as received), never a re-encoding.
public struct IssuerSignedItem: Sendable, Hashable {
    /// The digest identifier that points into the MSO's `valueDigests` for this namespace.
    public let digestID: UInt64
    /// The random salt, at least 16 bytes per ISO 18013-5.
    public var random: [UInt8] {
        switch salt {
        case .bytes(let bytes): bytes
        case .received(let range):
            Array(embedded.encodedBytes.dropFirst(range.lowerBound).prefix(range.count))
        }
    }
    /// The data element identifier, e.g. `family_name`.
    public let elementIdentifier: String
    /// The element's value.
    public let elementValue: CBOR
    /// The `IssuerSignedItemBytes` as received.
    public let embedded: EmbeddedCBOR
    /// Where ``random`` is: only hashed as part of the item's bytes, a received salt is kept as its place in them
    /// rather than copied into an array of its own (issue 7, fourth round).
    private let salt: Salt

    private enum Salt: Sendable {
        case bytes([UInt8])
        case received(Range<Int>)
    }

    /// The length of ``random`` in bytes, without copying it.
    var randomCount: Int {
        switch salt {
        case .bytes(let bytes): bytes.count
        case .received(let range): range.count
        }
    }

    /// The `IssuerSignedItemBytes` as received: tag 24, byte-string head and content. Digests are over these.
    public var itemBytes: [UInt8] { embedded.encoded }

    /// Reads an item from its `IssuerSignedItemBytes`.
    ///
    /// The usual item is read straight from its bytes into its members (``readInPlace(_:decoder:)``); anything else
    /// (extra members, indefinite lengths, other types, malformations) takes the general decoder, which accepts or
    /// refuses it as it always has.
    public init(_ embedded: EmbeddedCBOR, decoder: CBORDecoder = CBORDecoder()) throws(MDLError) {
        if let item = Self.readInPlace(embedded, decoder: decoder) {
            self = item
            return
        }
        let map = try embedded.decodedStructure(decoder, what: "IssuerSignedItem").requireMap("IssuerSignedItem")
        guard case .unsigned(let digestID) = try map.required("digestID", in: "IssuerSignedItem") else {
            throw MDLError.structure("IssuerSignedItem.digestID must be an unsigned integer")
        }
        guard let random = try map.required("random", in: "IssuerSignedItem").bytes else {
            throw MDLError.structure("IssuerSignedItem.random must be a byte string")
        }
        guard let elementIdentifier = try map.required("elementIdentifier", in: "IssuerSignedItem").text else {
            throw MDLError.structure("IssuerSignedItem.elementIdentifier must be a text string")
        }
        self.digestID = digestID
        self.salt = .bytes(random)
        self.elementIdentifier = elementIdentifier
        self.elementValue = try map.required("elementValue", in: "IssuerSignedItem")
        self.embedded = embedded
    }

    /// An item read in place (see ``readInPlace(_:decoder:)``): its salt the `range` of `embedded.encoded`.
    private init(digestID: UInt64, salt range: Range<Int>, elementIdentifier: String, elementValue: CBOR, embedded: EmbeddedCBOR) {
        self.digestID = digestID
        self.salt = .received(range)
        self.elementIdentifier = elementIdentifier
        self.elementValue = elementValue
        self.embedded = embedded
    }

    /// The usual item read straight from its bytes into its members (issue 16): a definite-length map of the four
    /// members, each once, `digestID` an unsigned integer, `random` a definite-length byte string (kept as its place),
    /// `elementIdentifier` a text string. For anything else, or any error, `nil`: the general decoder answers, which
    /// accepts and refuses items as before; whenever this answers, the general decoder reads the same item.
    static func readInPlace(_ embedded: EmbeddedCBOR, decoder: CBORDecoder) -> IssuerSignedItem? {
        let options = decoder.options
        guard let place = embedded.inPlaceContent, place.end - place.start <= options.maxInputBytes, options.maxDepth >= 1
        else { return nil }
        var reader = CBORReader(bytes: place.buffer, end: place.end, options: options)
        reader.position = place.start
        var digestID: UInt64?
        var salt: Range<Int>?
        var identifier: String?
        var value: CBOR?
        do {
            let head = try reader.readHead()
            guard head.major == 5, head.argument != nil else { return nil }
            for _ in 0..<(try reader.checkedCount(head, minimumBytesEach: 2)) {
                switch try reader.readKnownTextKey(keys) {
                case 0?:
                    let number = try reader.readHead()
                    guard digestID == nil, number.major == 0 else { return nil }
                    digestID = number.argument
                case 1?:
                    guard salt == nil, let range = try reader.readDefiniteByteStringRange() else { return nil }
                    salt = range
                case 2?:
                    guard identifier == nil, case .text(let text) = try reader.readItem(depth: 1) else { return nil }
                    identifier = text
                case 3?:
                    guard value == nil else { return nil }
                    value = try reader.readItem(depth: 1)
                default: return nil
                }
            }
        } catch {
            return nil
        }
        guard reader.position == place.end, let digestID, let salt, let identifier, let value else { return nil }
        // The reader works in the item's buffer; the salt's place is kept relative to `encoded`.
        let start = embedded.itemStart
        return IssuerSignedItem(
            digestID: digestID, salt: (salt.lowerBound - start)..<(salt.upperBound - start), elementIdentifier: identifier,
            elementValue: value, embedded: embedded)
    }

    /// The members of IssuerSignedItem, in the order ``readInPlace(_:decoder:)`` numbers them.
    private static let keys: [StaticString] = ["digestID", "random", "elementIdentifier", "elementValue"]

    /// Creates an item (for issuers); ``itemBytes`` is the deterministic encoding.
    package init(digestID: UInt64, random: [UInt8], elementIdentifier: String, elementValue: CBOR) {
        self.digestID = digestID
        self.salt = .bytes(random)
        self.elementIdentifier = elementIdentifier
        self.elementValue = elementValue
        let map: CBORMap = [
            "digestID": .unsigned(digestID), "random": .bytes(random),
            "elementIdentifier": .text(elementIdentifier), "elementValue": elementValue,
        ]
        self.embedded = EmbeddedCBOR(.map(map))
    }

    /// Whether two items have the same members and bytes (a received salt compares by its bytes).
    public static func == (lhs: IssuerSignedItem, rhs: IssuerSignedItem) -> Bool {
        lhs.digestID == rhs.digestID && lhs.random == rhs.random && lhs.elementIdentifier == rhs.elementIdentifier
            && lhs.elementValue == rhs.elementValue && lhs.embedded == rhs.embedded
    }

    /// Hashes the members and bytes that `==` compares.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(digestID)
        hasher.combine(random)
        hasher.combine(elementIdentifier)
        hasher.combine(elementValue)
        hasher.combine(embedded)
    }
}
