import MDLCBOR

/// One returned document of a DeviceResponse.
public struct Document: Sendable, Hashable {
    /// The document type, `org.iso.18013.5.1.mDL` for a driving licence.
    public let docType: String
    /// The issuer-signed part.
    public let issuerSigned: IssuerSigned
    /// The device-signed part; `nil` when absent (then holder binding cannot be checked).
    public let deviceSigned: DeviceSigned?
    /// Elements the holder did not return, with their error codes, per namespace (`errors`).
    public let errors: [String: [String: Int64]]

    /// Reads a Document.
    public init(_ item: CBOR, decoder: CBORDecoder = CBORDecoder()) throws(MDLError) {
        let map = try item.requireMap("Document")
        try map.requireOnlyKeys(["docType", "issuerSigned", "deviceSigned", "errors"], in: "Document")
        docType = try map.requiredText("docType", in: "Document")
        issuerSigned = try IssuerSigned(try map.required("issuerSigned", in: "Document"), decoder: decoder)
        deviceSigned = try map["deviceSigned"].map { (value) throws(MDLError) in try DeviceSigned(value, decoder: decoder) }
        errors = try map["errors"].map { (value) throws(MDLError) in try Self.errors(value) } ?? [:]
    }

    /// Reads `errors`: per namespace, element identifiers mapped to error codes.
    static func errors(_ item: CBOR) throws(MDLError) -> [String: [String: Int64]] {
        var errors: [String: [String: Int64]] = [:]
        for entry in try item.requireMap("Document.errors") {
            guard let nameSpace = entry.key.text else { throw MDLError.structure("Document.errors keys must be text") }
            for element in try entry.value.requireMap("Document.errors.\(nameSpace)") {
                guard let identifier = element.key.text, let code = element.value.int64 else {
                    throw MDLError.structure("Document.errors entries must map element names to integers")
                }
                errors[nameSpace, default: [:]][identifier] = code
            }
        }
        return errors
    }

    /// Creates a document (for wallets).
    package init(docType: String, issuerSigned: IssuerSigned, deviceSigned: DeviceSigned?, errors: [String: [String: Int64]] = [:]) {
        self.docType = docType
        self.issuerSigned = issuerSigned
        self.deviceSigned = deviceSigned
        self.errors = errors
    }

    /// The document as CBOR.
    public var cbor: CBOR {
        var map: CBORMap = ["docType": .text(docType), "issuerSigned": issuerSigned.cbor]
        if let deviceSigned { map["deviceSigned"] = deviceSigned.cbor }
        if !errors.isEmpty {
            var spaces = CBORMap()
            for (nameSpace, elements) in errors {
                var perElement = CBORMap()
                for (identifier, code) in elements { perElement[.text(identifier)] = .int(code) }
                spaces[.text(nameSpace)] = .map(perElement)
            }
            map["errors"] = .map(spaces)
        }
        return .map(map)
    }
}
