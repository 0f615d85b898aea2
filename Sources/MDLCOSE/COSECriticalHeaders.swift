import MDLCBOR

extension COSEHeaders {
    /// The header labels this implementation understands and acts on: `alg` (1), `content type` (3), `kid` (4),
    /// `typ` (16) and `x5chain` (33). A `crit` naming any other label is refused (RFC 9052 §3.1).
    public static let understoodLabels: Set<Int64> = [
        Label.algorithm, Label.contentType, Label.keyID, Label.type, Label.x5chain,
    ]

    /// RFC 9052 §3.1: `crit` (label 2) lists header parameters a recipient must understand, or refuse the message.
    ///
    /// It must sit in the protected bucket as a non-empty array of integer or text labels; every label it names must
    /// be one of ``understoodLabels``. A `crit` in the unprotected bucket is refused, since nothing authenticates it.
    static func checkCritical(protected: CBORMap, unprotected: CBORMap) throws {
        if unprotected[.int(Label.critical)] != nil {
            throw COSEFormatError("crit (2) must be in the protected header")
        }
        guard let item = protected[.int(Label.critical)] else { return }
        guard let labels = item.array, !labels.isEmpty else {
            throw COSEFormatError("crit (2) must be a non-empty array of labels")
        }
        for label in labels {
            switch label {
            case .unsigned, .negative:
                guard let value = label.int64, understoodLabels.contains(value) else {
                    throw COSEFormatError("crit names header parameter \(label.int64.map(String.init) ?? "(out of range)"), which is not understood")
                }
            case .text:
                // No text-labelled header parameter is understood here.
                throw COSEFormatError("crit names a text-labelled header parameter, which is not understood")
            default:
                throw COSEFormatError("crit labels must be integers or text")
            }
        }
    }
}
