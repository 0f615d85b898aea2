import MDLVerifier

/// What became of one wallet response: a verified presentation, the holder's refusal, or a refused response.
///
/// A decline is an outcome, not an error: the holder said no, and the relying party records that.
public enum PresentationOutcome: Sendable {
    /// The presentation verified; `receipt` lists what was disclosed and what was declined.
    case presented(VerifiedPresentation, ConsentReceipt)
    /// The holder declined the request (OpenID4VP `error=access_denied`).
    case declined(ConsentReceipt)
    /// The response was refused; `state` when it could be read.
    case refused(MDLError, state: String?)

    /// The request's state, when known.
    public var state: String? {
        switch self {
        case .presented(_, let receipt), .declined(let receipt): receipt.state
        case .refused(_, let state): state
        }
    }

    /// The receipt, for a presentation or a decline.
    public var receipt: ConsentReceipt? {
        switch self {
        case .presented(_, let receipt), .declined(let receipt): receipt
        case .refused: nil
        }
    }

    /// The error, for a refused response.
    public var error: MDLError? {
        if case .refused(let error, _) = self { return error }
        return nil
    }
}
