import Foundation

/// The record of one answered request: who asked, why, what the holder disclosed and which values the relying
/// party may keep. Holds element names only, never values.
public struct ConsentReceipt: Sendable, Hashable, Codable {
    /// `presented` or `declined`.
    public enum Outcome: String, Sendable, Hashable, Codable {
        /// The holder presented (all or some of) the elements.
        case presented
        /// An `access_denied` answer was received. It is unauthenticated (anyone holding the public request object
        /// can encrypt one to the request's key), so it neither uses the nonce nor closes the request: a
        /// `presented` receipt for the same state may follow. At most one is recorded per request.
        case declined
    }

    /// One disclosed element and whether the relying party declared it would keep it.
    public struct Disclosure: Sendable, Hashable, Codable {
        /// The element.
        public var element: ElementReference
        /// `intent_to_retain` as requested.
        public var retained: Bool
        /// Creates a disclosure.
        public init(element: ElementReference, retained: Bool) {
            self.element = element
            self.retained = retained
        }
    }

    /// The relying party's client_id.
    public var clientID: String
    /// The relying party's registered name in Chinese.
    public var relyingPartyNameZH: String
    /// The relying party's registered name in English.
    public var relyingPartyNameEN: String
    /// The purpose asked for.
    public var purpose: PresentationPurpose?
    /// The request's state.
    public var state: String
    /// The outcome.
    public var outcome: Outcome
    /// The elements disclosed, with retention flags.
    public var disclosed: [Disclosure]
    /// Requested elements the holder did not disclose.
    public var declined: [ElementReference]
    /// When the response was accepted.
    public var time: Date
    /// The document signer's path to its anchor (subjects), empty for a decline.
    public var trustPath: [String]
    /// The licence's status as verification established it before the receipt was written
    /// (`DocumentStatus.summary`: `valid`, `no-reference`, `not-checked: <reason>`, …); `nil` for a decline.
    public var status: String?

    /// Whether the holder proved this outcome (device authentication over the request's transcript): `presented`
    /// receipts only; a `declined` one records an unauthenticated `access_denied`.
    public var isHolderAuthenticated: Bool { outcome == .presented }

    /// Creates a receipt.
    public init(
        clientID: String, relyingPartyNameZH: String, relyingPartyNameEN: String, purpose: PresentationPurpose?, state: String,
        outcome: Outcome, disclosed: [Disclosure], declined: [ElementReference], time: Date, trustPath: [String],
        status: String? = nil
    ) {
        self.status = status
        self.clientID = clientID
        self.relyingPartyNameZH = relyingPartyNameZH
        self.relyingPartyNameEN = relyingPartyNameEN
        self.purpose = purpose
        self.state = state
        self.outcome = outcome
        self.disclosed = disclosed
        self.declined = declined
        self.time = time
        self.trustPath = trustPath
    }
}
