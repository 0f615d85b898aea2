import MDLCBOR

/// Reads a disclosed element that the verifier compares with something it trusts (a certificate, a request): such
/// an element must have its one expected type, or the presentation is refused with
/// ``MDLError/Code/structureInvalid``. Reading it leniently (`?.text`, `nil` for anything else) would let a
/// differently typed value skip the comparison.
enum ComparedElement {
    /// The element `identifier` of `elements` as a plain (untagged) text string; `nil` when it is not disclosed.
    /// - Throws: ``MDLError/Code/structureInvalid`` when it is disclosed with any other type, tagged text included.
    static func text(_ elements: [String: CBOR], _ identifier: String) throws(MDLError) -> String? {
        guard let value = elements[identifier] else { return nil }
        guard case .text(let text) = value else {
            throw MDLError.structure("\(identifier) must be a text string; it is compared with the document signer")
        }
        return text
    }
}
