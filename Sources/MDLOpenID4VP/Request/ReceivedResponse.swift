import MDLVerifier

/// One response as a ``RelyingParty`` received it at a request's `response_uri`: which open request it was posted
/// for, what became of it, and whether it proved the holder.
///
/// The `response_uri` and the request object are public: anyone who scans the QR code can post to it, and encrypt
/// anything (a decline, a malformed `vp_token`, a presentation captured elsewhere) to the request's key. Only a
/// response whose device authentication verified over **this** request's SessionTranscript proves the holder
/// (``isHolderAuthenticated``); only such a response may end a session (the CLI's `--responses` counts them).
/// Every other outcome is reported, with the request's `state`, and leaves the request open.
///
/// ```swift
/// let received = await rp.receive(formBody: body, forRequest: id)
/// if received.isHolderAuthenticated { finish(received.outcome) } else { log(received.outcome) }
/// ```
public struct ReceivedResponse: Sendable {
    /// The id of the request named by the `response_uri` the response was posted to.
    public let requestID: String
    /// The state of that request; `nil` when no such request is known (the response concerns no session).
    public let requestState: String?
    /// What became of the response.
    public let outcome: PresentationOutcome
    /// Whether the response proved the holder: its device authentication verified over this request's
    /// SessionTranscript (a presentation, or one refused afterwards: elements not requested, a replay, storage).
    public let isHolderAuthenticated: Bool

    /// Creates a record of a received response.
    public init(requestID: String, requestState: String?, outcome: PresentationOutcome, isHolderAuthenticated: Bool) {
        self.requestID = requestID
        self.requestState = requestState
        self.outcome = outcome
        self.isHolderAuthenticated = isHolderAuthenticated
    }

    /// Whether the response was posted for a request this relying party knows (open or recently expired).
    public var isBound: Bool { requestState != nil }

    /// The receipt, for a presentation or a decline.
    public var receipt: ConsentReceipt? { outcome.receipt }

    /// The error, for a refused response.
    public var error: MDLError? { outcome.error }

    /// The request's state.
    public var state: String? { requestState ?? outcome.state }
}
