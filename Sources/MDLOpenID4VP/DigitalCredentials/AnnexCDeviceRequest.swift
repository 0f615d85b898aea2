import Foundation
import MDLCBOR
import MDLCOSE
import MDLJOSE
import MDLVerifier

/// The ISO/IEC 18013-5 `DeviceRequest` an ISO/IEC 18013-7 Annex C request carries (`deviceRequest`, base64url):
///
/// ```cddl
/// DeviceRequest = {"version": "1.0", "docRequests": [+ DocRequest]}
/// DocRequest = {"itemsRequest": #6.24(bstr .cbor ItemsRequest), ? "readerAuth": COSE_Sign1}
/// ItemsRequest = {"docType": tstr, "nameSpaces": {+ tstr => {+ tstr => bool}}}   ; element => IntentToRetain
/// ```
public struct AnnexCDeviceRequest: Sendable, Hashable {
    /// The docType asked for.
    public let docType: String
    /// The elements asked for, with their retention flags.
    public let elements: [RequestedElement]
    /// The encoding (as built, or as received).
    public let encoded: [UInt8]

    /// A request for `elements` of an mDL (deterministic encoding), with `readerAuth` when `reader` is given: a
    /// detached COSE_Sign1 (protected `alg`, unprotected `x5chain`) by the relying party's key over
    /// `ReaderAuthenticationBytes = #6.24(["ReaderAuthentication", SessionTranscript, ItemsRequestBytes])`, so a
    /// wallet can name the relying party from its certificate.
    public init(docType: String = MDLProfile.docType, elements: [RequestedElement], reader: RelyingPartyIdentity? = nil, sessionTranscript: SessionTranscript? = nil) throws(MDLError) {
        var nameSpaces = CBORMap()
        for element in elements {
            var inner = nameSpaces[.text(element.element.nameSpace)]?.map ?? CBORMap()
            inner[.text(element.element.identifier)] = .bool(element.intentToRetain)
            nameSpaces[.text(element.element.nameSpace)] = .map(inner)
        }
        let itemsRequest = EmbeddedCBOR(.map([.text("docType"): .text(docType), .text("nameSpaces"): .map(nameSpaces)]))
        var docRequest: CBORMap = [.text("itemsRequest"): .embedded(itemsRequest)]
        if let reader, let sessionTranscript {
            docRequest[.text("readerAuth")] = try Self.readerAuth(reader, itemsRequest: itemsRequest, sessionTranscript: sessionTranscript)
        }
        self.docType = docType
        self.elements = elements
        encoded = CBOREncoder.encode(.map([.text("version"): .text("1.0"), .text("docRequests"): .array([.map(docRequest)])]))
    }

    private static func readerAuth(_ reader: RelyingPartyIdentity, itemsRequest: EmbeddedCBOR, sessionTranscript: SessionTranscript) throws(MDLError) -> CBOR {
        let algorithm: COSEAlgorithm = reader.signingKey.algorithm == "EdDSA" ? .edDSA : .es256
        let chain = reader.certificateChain.map { CBOR.bytes(RelyingPartyIdentity.der($0)) }
        let headers = COSEHeaders(
            protected: [.int(COSEHeaders.Label.algorithm): .int(algorithm.coseValue)],
            unprotected: [.int(COSEHeaders.Label.x5chain): chain.count == 1 ? chain[0] : .array(chain)])
        let payload = ReaderAuthentication.readerAuthenticationBytes(sessionTranscript: sessionTranscript, itemsRequestBytes: itemsRequest.encoded)
        do {
            return try COSESign1(signing: payload, headers: headers, detached: true) { message in try reader.signingKey.signature(for: message) }.cbor
        } catch {
            throw MDLError(code: .jwsSignatureInvalid, message: "signing readerAuth failed")
        }
    }

    /// The first DocRequest map (with its `readerAuth`, if any), for a wallet that checks the reader.
    public var docRequest: CBOR? {
        (try? CBORDecoder().decode(encoded))?.map?[.text("docRequests")]?.array?.first
    }

    /// Reads a received DeviceRequest of one DocRequest (a `readerAuth` in it is kept in the bytes, not checked here).
    public init(bytes: [UInt8]) throws(MDLError) {
        let root = try CBORDecoder().decodeStructure(bytes, what: "DeviceRequest")
        guard let map = root.map, map[.text("version")]?.text == "1.0", let docRequests = map[.text("docRequests")]?.array,
            docRequests.count == 1, let docRequest = docRequests.first?.map,
            let items = docRequest[.text("itemsRequest")]?.embedded
        else { throw MDLError.structure("DeviceRequest must be version 1.0 with one DocRequest and its itemsRequest") }
        let itemsRequest = try CBORDecoder().decodeStructure(items.content, what: "ItemsRequest")
        guard let docType = itemsRequest["docType"]?.text, let nameSpaces = itemsRequest["nameSpaces"]?.map else {
            throw MDLError.structure("ItemsRequest needs docType and nameSpaces")
        }
        var elements: [RequestedElement] = []
        for entry in nameSpaces {
            guard let nameSpace = entry.key.text, let dataElements = entry.value.map else {
                throw MDLError.structure("ItemsRequest nameSpaces map text to maps")
            }
            for item in dataElements {
                guard let identifier = item.key.text, let retain = item.value.bool else {
                    throw MDLError.structure("DataElements map text to IntentToRetain")
                }
                elements.append(RequestedElement(ElementReference(nameSpace, identifier), intentToRetain: retain))
            }
        }
        self.docType = docType
        self.elements = elements
        encoded = bytes
    }
}
