import X509

/// Why a candidate chain was refused, with the public error code it maps to.
///
/// swift-certificates carries a policy's refusal as text (`PolicyFailureReason`); the code travels in that text
/// behind a marker so the validator can hand out the right ``MDLError`` instead of guessing from prose.
struct ChainRejection: Error, Sendable {
    let code: MDLError.Code
    let message: String

    private static let marker = "mdl-chain-rejection|"

    /// The rejection as a swift-certificates policy failure reason.
    var policyFailureReason: PolicyFailureReason {
        PolicyFailureReason("\(Self.marker)\(code.rawValue)|\(message)")
    }

    /// Reads back a rejection written by ``policyFailureReason``; `nil` for another policy's reason.
    init?(_ reason: PolicyFailureReason) {
        let text = reason.description
        guard text.hasPrefix(Self.marker) else { return nil }
        let rest = text.dropFirst(Self.marker.count)
        guard let bar = rest.firstIndex(of: "|") else { return nil }
        self.code = MDLError.Code(String(rest[..<bar]))
        self.message = String(rest[rest.index(after: bar)...])
    }

    init(code: MDLError.Code, message: String) {
        self.code = code
        self.message = message
    }

    var error: MDLError { MDLError(code: code, message: message) }

    static func profile(_ message: String) -> ChainRejection { .init(code: .certificateProfile, message: message) }
}
