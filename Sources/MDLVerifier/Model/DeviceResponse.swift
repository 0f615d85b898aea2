import MDLCBOR

/// An ISO 18013-5 DeviceResponse: what a wallet returns for a presentation request.
///
/// ```swift
/// let response = try DeviceResponse(bytes: received)
/// ```
public struct DeviceResponse: Sendable, Hashable {
    /// The version, "1.0".
    public let version: String
    /// The returned documents.
    public let documents: [Document]
    /// Document types the wallet could not return, with error codes.
    public let documentErrors: [String: Int64]
    /// The status: 0 OK, 10 general error, 11 CBOR decoding error, 12 CBOR validation error.
    public let status: UInt64

    /// Decodes and reads a DeviceResponse from received bytes.
    ///
    /// The usual response is read straight from the bytes into the model; anything irregular is read through the
    /// general decoder, which accepts and refuses the same responses with the same errors (issue 16).
    public init(bytes: [UInt8], decoder: CBORDecoder = CBORDecoder()) throws(MDLError) {
        if let response = Self.readInPlace(bytes, decoder: decoder) {
            self = response
            return
        }
        try self.init(try decoder.decodeStructure(bytes, what: "DeviceResponse"), decoder: decoder)
    }

    /// Reads a DeviceResponse from its decoded map.
    public init(_ item: CBOR, decoder: CBORDecoder = CBORDecoder()) throws(MDLError) {
        let map = try item.requireMap("DeviceResponse")
        try map.requireOnlyKeys(["version", "documents", "documentErrors", "status"], in: "DeviceResponse")
        version = try map.requiredText("version", in: "DeviceResponse")
        guard version.hasPrefix("1.") else {
            throw MDLError(code: .unsupportedVersion, message: "DeviceResponse version \(version) is not supported")
        }
        guard case .unsigned(let status) = try map.required("status", in: "DeviceResponse") else {
            throw MDLError.structure("DeviceResponse.status must be an unsigned integer")
        }
        self.status = status
        var documents: [Document] = []
        for (index, element) in (try map["documents"]?.requireArray("DeviceResponse.documents") ?? []).enumerated() {
            do { documents.append(try Document(element, decoder: decoder)) } catch { throw error.inDocument(index) }
        }
        self.documents = documents
        documentErrors = try map["documentErrors"].map { (value) throws(MDLError) in try Self.documentErrors(value) } ?? [:]
    }

    /// Reads `documentErrors`: an array of maps from a docType to an error code.
    static func documentErrors(_ item: CBOR) throws(MDLError) -> [String: Int64] {
        var documentErrors: [String: Int64] = [:]
        for element in try item.requireArray("DeviceResponse.documentErrors") {
            for entry in try element.requireMap("DocumentError") {
                guard let docType = entry.key.text, let code = entry.value.int64 else {
                    throw MDLError.structure("DocumentError must map a docType to an integer")
                }
                documentErrors[docType] = code
            }
        }
        return documentErrors
    }

    /// A response from its members (read in place, see ``readInPlace(_:decoder:)``, or made for a wallet).
    init(version: String, documents: [Document], documentErrors: [String: Int64], status: UInt64) {
        self.version = version
        self.documents = documents
        self.documentErrors = documentErrors
        self.status = status
    }

    /// Creates a response (for wallets).
    package init(documents: [Document], documentErrors: [String: Int64] = [:], status: UInt64 = 0) {
        self.init(version: "1.0", documents: documents, documentErrors: documentErrors, status: status)
    }

    /// The response as CBOR.
    public var cbor: CBOR {
        var map: CBORMap = ["version": .text(version), "status": .unsigned(status)]
        if !documents.isEmpty { map["documents"] = .array(documents.map(\.cbor)) }
        if !documentErrors.isEmpty {
            map["documentErrors"] = .array(documentErrors.map { .map([.text($0.key): .int($0.value)]) })
        }
        return .map(map)
    }

    /// The deterministic encoding (items keep their received tag-24 bytes' content).
    public var encoded: [UInt8] { CBOREncoder.encode(cbor) }
}
