import MDLCBOR

/// Reading CBOR structures into the mdoc model: every shape error becomes ``MDLError/Code/structureInvalid``
/// with the path of the field, and every decoding error its own code.
extension MDLError {
    /// Translates a CBOR decoding failure into the public code: duplicate keys, limits, and malformations.
    static func decoding(_ error: CBORError, what: String) -> MDLError {
        let code: Code =
            error.code == .duplicateKey ? .cborDuplicateKey : error.code.isLimit ? .limitExceeded : .cborMalformed
        return MDLError(code: code, message: "\(what): \(error)")
    }

    /// A structure of the wrong shape.
    package static func structure(_ message: String) -> MDLError { MDLError(code: .structureInvalid, message: message) }
}

extension CBORDecoder {
    /// Decodes `bytes`, translating errors to ``MDLError``.
    package func decodeStructure(_ bytes: [UInt8], what: String) throws(MDLError) -> CBOR {
        do { return try decode(bytes) } catch { throw MDLError.decoding(error, what: what) }
    }
}

extension CBORMap {
    /// Refuses keys outside `allowed`: the CDDL of these structures is closed, and an unknown key is how a
    /// damaged or tampered field name (say `nameSpaces` → `nameSpacas`) would otherwise silently drop data.
    ///
    /// `allowed` is an array: these structures have two to four members, and building a `Set` from the literal on
    /// every call cost more than the comparisons (issue 7). The comparison is `String`'s, as the set's was.
    func requireOnlyKeys(_ allowed: [String], in structure: String) throws(MDLError) {
        for entry in entries {  // not `keys`, which copies them into a new array
            guard case .text(let name) = entry.key, allowed.contains(name) else {
                let member = CBORDiagnostic.format(entry.key, maxBytesShown: 16)
                throw MDLError.structure("\(structure) has an unexpected member \(member)")
            }
        }
    }

    /// The value of a required text-keyed field.
    func required(_ key: String, in structure: String) throws(MDLError) -> CBOR {
        try self[key].required("\(structure).\(key)")
    }

    func requiredText(_ key: String, in structure: String) throws(MDLError) -> String {
        try self[key].requiredText("\(structure).\(key)")
    }

    func requiredMap(_ key: String, in structure: String) throws(MDLError) -> CBORMap {
        try self[key].requiredMap("\(structure).\(key)")
    }

    func requiredEmbedded(_ key: String, in structure: String) throws(MDLError) -> EmbeddedCBOR {
        guard let value = try required(key, in: structure).embedded else {
            throw MDLError.structure("\(structure).\(key) must be tag 24 over a byte string")
        }
        return value
    }
}

extension Optional<CBOR> {
    /// The value of a required member; `member` (`Structure.member`) is built only for the error.
    func required(_ member: @autoclosure () -> String) throws(MDLError) -> CBOR {
        guard let value = self else { throw MDLError.structure("\(member()) is missing") }
        return value
    }

    /// The text of a required member.
    func requiredText(_ member: @autoclosure () -> String) throws(MDLError) -> String {
        guard let value = try required(member()).text else { throw MDLError.structure("\(member()) must be a text string") }
        return value
    }

    /// The map of a required member.
    func requiredMap(_ member: @autoclosure () -> String) throws(MDLError) -> CBORMap {
        guard let value = try required(member()).map else { throw MDLError.structure("\(member()) must be a map") }
        return value
    }
}

extension CBOR {
    func requireMap(_ what: String) throws(MDLError) -> CBORMap {
        guard let map else { throw MDLError.structure("\(what) must be a map") }
        return map
    }

    func requireArray(_ what: String) throws(MDLError) -> [CBOR] {
        guard let array else { throw MDLError.structure("\(what) must be an array") }
        return array
    }
}

extension EmbeddedCBOR {
    func decodedStructure(_ decoder: CBORDecoder, what: String) throws(MDLError) -> CBOR {
        do { return try decoder.decode(self) } catch { throw MDLError.decoding(error, what: what) }
    }
}
