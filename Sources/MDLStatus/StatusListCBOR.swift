import MDLCBOR
import MDLVerifier

extension StatusList {
    /// A list from the draft's CBOR `StatusList` map, `{"bits": uint, "lst": bstr, ? "aggregation_uri": tstr}`.
    /// - Throws: `MDLError.Code.statusListInvalid` for a wrong shape or damaged stream;
    ///   `MDLError.Code.limitExceeded` when the list decompresses past `limits`.
    public init(cbor: CBOR, limits: Limits = Limits()) throws(MDLError) {
        guard let map = cbor.map else { throw Self.shape("a status list is a CBOR map") }
        guard let bits = map["bits"]?.int else { throw Self.shape("the status list has no integer \"bits\"") }
        guard let lst = map["lst"]?.bytes else { throw Self.shape("the status list has no byte string \"lst\"") }
        if let uri = map["aggregation_uri"], uri.text == nil {
            throw Self.shape("the status list's \"aggregation_uri\" is not text")
        }
        try self.init(bits: bits, compressed: lst, limits: limits)
    }

    /// A list from the encoded CBOR `StatusList` map.
    public init(encodedCBOR bytes: [UInt8], limits: Limits = Limits()) throws(MDLError) {
        let item: CBOR
        do {
            item = try CBORDecoder().decode(bytes)
        } catch {
            throw MDLError(code: .cborMalformed, message: "status list: \(error.description)")
        }
        try self.init(cbor: item, limits: limits)
    }

    /// The draft's CBOR `StatusList` map, `{"bits": bits, "lst": compressed list}`, for publishing.
    /// - Parameters:
    ///   - aggregationURI: the optional `aggregation_uri`.
    ///   - level: the zlib compression level (0–9).
    package func cbor(aggregationURI: String? = nil, level: Int = 9) throws(MDLError) -> CBOR {
        var map: CBORMap = ["bits": .unsigned(UInt64(bits)), "lst": .bytes(try compressed(level: level))]
        if let aggregationURI { map["aggregation_uri"] = .text(aggregationURI) }
        return .map(map)
    }

    private static func shape(_ message: String) -> MDLError { MDLError(code: .statusListInvalid, message: message) }
}
