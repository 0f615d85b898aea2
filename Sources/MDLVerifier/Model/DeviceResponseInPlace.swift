import MDLCBOR
import MDLCOSE

/// Reading a DeviceResponse straight from the received bytes into the model, without the intermediate `CBOR` tree
/// of its containers (issue 16: building that tree and looking members up in it was about a quarter of the cost
/// of a verification beyond its two signature checks).
///
/// Only the regular form is read here: definite-length containers, only the members the CDDL names, each once, and
/// the values the model expects. The reader makes the same checks the general decoder makes (every head counted
/// against `maxItems`, every count and length against its limit, preferred encoding under `strict`, valid UTF-8,
/// distinct keys, the nesting depth, nothing after the response). For anything else, a malformation, a model error
/// or an irregular form alike, it answers `nil` and the general decoder reads the response, accepting or refusing it
/// exactly as before: whenever this answers, the general path would have read the same response. Refusals always
/// come from the general path, so every error keeps its code, message and offset.
extension DeviceResponse {
    /// The containers read here reach depth 5 (a namespace's array); what they hold is read with the decoder's own
    /// depth checks. Under a limit shallower than the usual structure needs, the general decoder answers.
    private static let minimumDepthInPlace = 8

    private static let memberKeys: [StaticString] = ["version", "documents", "documentErrors", "status"]

    /// The response read in place, or `nil` when the general decoder must read it.
    package static func readInPlace(_ bytes: [UInt8], decoder: CBORDecoder) -> DeviceResponse? {
        guard bytes.count <= decoder.options.maxInputBytes, decoder.options.maxDepth >= minimumDepthInPlace else { return nil }
        var reader = CBORReader(bytes: bytes, options: decoder.options)
        do {
            guard let response = try read(&reader, decoder: decoder), reader.position == bytes.count else { return nil }
            return response
        } catch {
            return nil
        }
    }

    /// The map at depth 0.
    private static func read(_ reader: inout CBORReader, decoder: CBORDecoder) throws -> DeviceResponse? {
        var version: String?
        var documents: [Document] = []
        var documentErrors: [String: Int64] = [:]
        var status: UInt64?
        let regular = try readKnownMap(&reader, keys: memberKeys) { (index, reader) throws -> Bool in
            switch index {
            case 0:
                guard case .text(let text) = try reader.readItem(depth: 1), text.hasPrefix("1.") else { return false }
                version = text
            case 1:
                guard let count = try readArrayHead(&reader) else { return false }
                documents.reserveCapacity(count)
                for _ in 0..<count {
                    guard let document = try Document.readInPlace(&reader, decoder: decoder) else { return false }
                    documents.append(document)
                }
            case 2: documentErrors = try Self.documentErrors(try reader.readItem(depth: 1))
            default:
                guard case .unsigned(let value) = try reader.readItem(depth: 1) else { return false }
                status = value
            }
            return true
        }
        guard regular, let version, let status else { return nil }
        return DeviceResponse(version: version, documents: documents, documentErrors: documentErrors, status: status)
    }
}

extension Document {
    private static let memberKeys: [StaticString] = ["docType", "issuerSigned", "deviceSigned", "errors"]

    /// A Document read in place: the map at depth 2, or `nil` for the general decoder.
    static func readInPlace(_ reader: inout CBORReader, decoder: CBORDecoder) throws -> Document? {
        var docType: String?
        var issuerSigned: IssuerSigned?
        var deviceSigned: DeviceSigned?
        var errors: [String: [String: Int64]] = [:]
        let regular = try readKnownMap(&reader, keys: memberKeys) { (index, reader) throws -> Bool in
            switch index {
            case 0:
                guard case .text(let text) = try reader.readItem(depth: 3) else { return false }
                docType = text
            case 1: issuerSigned = try IssuerSigned.readInPlace(&reader, decoder: decoder)
            case 2:
                deviceSigned = try DeviceSigned.readInPlace(&reader, decoder: decoder)
                return deviceSigned != nil
            default: errors = try Self.errors(try reader.readItem(depth: 3))
            }
            return true
        }
        guard regular, let docType, let issuerSigned else { return nil }
        return Document(docType: docType, issuerSigned: issuerSigned, deviceSigned: deviceSigned, errors: errors)
    }
}

extension IssuerSigned {
    private static let memberKeys: [StaticString] = ["nameSpaces", "issuerAuth"]

    /// IssuerSigned read in place: the map at depth 3, or `nil` for the general decoder.
    static func readInPlace(_ reader: inout CBORReader, decoder: CBORDecoder) throws -> IssuerSigned? {
        var nameSpaces: (items: [String: [IssuerSignedItem]], order: [String]) = ([:], [])
        var issuerAuth: COSESign1?
        let regular = try readKnownMap(&reader, keys: memberKeys) { (index, reader) throws -> Bool in
            if index == 1 {
                issuerAuth = try COSESign1(try reader.readItem(depth: 4))
                return true
            }
            guard let read = try readNameSpaces(&reader, decoder: decoder) else { return false }
            nameSpaces = read
            return true
        }
        guard regular, let issuerAuth else { return nil }
        return IssuerSigned(nameSpaces: nameSpaces.items, nameSpaceOrder: nameSpaces.order, issuerAuth: issuerAuth)
    }

    /// The namespaces: a map at depth 4 of distinct text names to arrays (depth 5) of tag-24 items (depth 6), with the
    /// names in received order; `nil` for the general decoder.
    private static func readNameSpaces(
        _ reader: inout CBORReader, decoder: CBORDecoder
    ) throws -> (items: [String: [IssuerSignedItem]], order: [String])? {
        let head = try reader.readHead()
        guard head.major == 5, head.argument != nil else { return nil }
        let count = try reader.checkedCount(head, minimumBytesEach: 2)
        var nameSpaces: [String: [IssuerSignedItem]] = [:]
        var order: [String] = []
        nameSpaces.reserveCapacity(count)
        order.reserveCapacity(count)
        for _ in 0..<count {
            // A name equal as a `String` to an earlier one (byte for byte, or NFC and NFD forms of one name) is left
            // to the general decoder, which refuses both.
            guard case .text(let nameSpace) = try reader.readItem(depth: 5), nameSpaces[nameSpace] == nil,
                let itemCount = try readArrayHead(&reader)
            else { return nil }
            var items: [IssuerSignedItem] = []
            items.reserveCapacity(itemCount)
            for _ in 0..<itemCount {
                guard case .embedded(let embedded) = try reader.readItem(depth: 6) else { return nil }
                items.append(try IssuerSignedItem(embedded, decoder: decoder))
            }
            nameSpaces[nameSpace] = items
            order.append(nameSpace)
        }
        return (nameSpaces, order)
    }
}

extension DeviceSigned {
    private static let memberKeys: [StaticString] = ["nameSpaces", "deviceAuth"]
    private static let authenticationKeys: [StaticString] = ["deviceSignature", "deviceMac"]

    /// DeviceSigned read in place: the map at depth 3, or `nil` for the general decoder.
    static func readInPlace(_ reader: inout CBORReader, decoder: CBORDecoder) throws -> DeviceSigned? {
        var nameSpacesBytes: EmbeddedCBOR?
        var deviceAuth: DeviceAuth?
        let regular = try readKnownMap(&reader, keys: memberKeys) { (index, reader) throws -> Bool in
            if index == 0 {
                guard case .embedded(let embedded) = try reader.readItem(depth: 4) else { return false }
                nameSpacesBytes = embedded
                return true
            }
            // deviceAuth, a map at depth 4 holding exactly one of the two (the general path's rule).
            return try readKnownMap(&reader, keys: authenticationKeys) { (index, reader) throws -> Bool in
                guard deviceAuth == nil else { return false }
                let item = try reader.readItem(depth: 5)
                deviceAuth = index == 0 ? .signature(try COSESign1(item)) : .mac(try COSEMac0(item))
                return true
            }
        }
        guard regular, let nameSpacesBytes, let deviceAuth else { return nil }
        return DeviceSigned(
            nameSpacesBytes: nameSpacesBytes, nameSpaces: try Self.nameSpaces(nameSpacesBytes, decoder: decoder), deviceAuth: deviceAuth)
    }
}

/// Reads a definite-length map whose keys are among the ASCII text `keys`, each at most once, handing each value to
/// `readValue(index, &reader)`, which reads exactly one data item or answers `false`. `false` for anything else.
private func readKnownMap(
    _ reader: inout CBORReader, keys: [StaticString], _ readValue: (Int, inout CBORReader) throws -> Bool
) throws -> Bool {
    let head = try reader.readHead()
    guard head.major == 5, head.argument != nil else { return false }
    let count = try reader.checkedCount(head, minimumBytesEach: 2)
    var seen: UInt64 = 0
    for _ in 0..<count {
        guard let index = try reader.readKnownTextKey(keys), seen & (1 << index) == 0 else { return false }
        seen |= 1 << index
        guard try readValue(index, &reader) else { return false }
    }
    return true
}

/// Reads the head of a definite-length array and returns its count, checked as the general decoder checks it, or
/// `nil` for anything else.
private func readArrayHead(_ reader: inout CBORReader) throws -> Int? {
    let head = try reader.readHead()
    guard head.major == 4, head.argument != nil else { return nil }
    return try reader.checkedCount(head, minimumBytesEach: 1)
}
