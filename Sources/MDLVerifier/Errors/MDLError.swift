/// An error from MDLKit with a stable, public ``Code``.
///
/// Relying parties branch on ``code``; the codes are a public contract (the CLI prints them in `--json`) and an
/// existing code never changes meaning. The ``message`` is for a person and may change between releases.
/// Equality compares codes only, so tests can write `#expect(throws: MDLError(code: .digestMismatch))`.
///
/// ```swift
/// do { let presentation = try await verifier.verify(response, sessionTranscript: transcript) }
/// catch let error as MDLError where error.code == .msoExpired { /* ask the holder to refresh the licence */ }
/// ```
public struct MDLError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The stable code of the failure.
    public let code: Code
    /// A message a person can act on. Never contains personal data.
    public let message: String
    /// The index of the document in the DeviceResponse the failure concerns, when there is one.
    public private(set) var documentIndex: Int?
    /// Where the error was raised (`#fileID:#line`), for bug reports.
    public let location: String

    /// Creates an error.
    public init(
        code: Code, message: String = "", documentIndex: Int? = nil, file: String = #fileID, line: Int = #line
    ) {
        self.code = code
        self.message = message.isEmpty ? code.rawValue : message
        self.documentIndex = documentIndex
        self.location = "\(file):\(line)"
    }

    /// The same error, attributed to document `index` of the DeviceResponse.
    package func inDocument(_ index: Int) -> MDLError {
        var copy = self
        copy.documentIndex = index
        return copy
    }

    public var description: String { "\(code.rawValue): \(message)" }

    public static func == (lhs: MDLError, rhs: MDLError) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }

    /// A stable error code. New codes may be added; existing ones never change meaning.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// The code as printed in JSON, e.g. `"digestMismatch"`.
        public let rawValue: String
        /// Creates a code from its text (for codes read back from JSON or logs).
        public init(_ rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }
    }
}

extension MDLError.Code {
    // MARK: Decoding and structure (pipeline step 1)
    /// The bytes are not well-formed CBOR (truncated, invalid UTF-8, trailing bytes, reserved values, …).
    public static let cborMalformed = Self("cborMalformed")
    /// A CBOR map has the same key twice.
    public static let cborDuplicateKey = Self("cborDuplicateKey")
    /// Input size, nesting depth, a declared length or an element count exceeds its limit.
    public static let limitExceeded = Self("limitExceeded")
    /// Well-formed CBOR of the wrong shape for the structure (a missing field, a wrong type).
    public static let structureInvalid = Self("structureInvalid")
    /// A `version` this SDK does not support.
    public static let unsupportedVersion = Self("unsupportedVersion")
    /// The DeviceResponse carries a non-zero `status`.
    public static let responseStatusNotOK = Self("responseStatusNotOK")

    // MARK: Issuer authentication (step 3)
    /// The COSE `alg` is missing from the protected header or not allowed by the policy.
    public static let algorithmNotAllowed = Self("algorithmNotAllowed")
    /// The IssuerAuth signature does not verify with the document signer's key.
    public static let issuerSignatureInvalid = Self("issuerSignatureInvalid")
    /// No `x5chain` (document-signer certificate) in the IssuerAuth.
    public static let certificateMissing = Self("certificateMissing")
    /// The document-signer certificate does not chain to a trusted anchor.
    public static let certificateUntrusted = Self("certificateUntrusted")
    /// A certificate in the chain breaks the mDL certificate profile (EKU, key usage, CA flag, country).
    public static let certificateProfile = Self("certificateProfile")
    /// A certificate in the chain is outside its validity at the verification time, or `signed` is outside the DS validity.
    public static let certificateExpired = Self("certificateExpired")
    /// A certificate in the chain is revoked or its anchor was retired before the document was signed.
    public static let certificateRevoked = Self("certificateRevoked")

    // MARK: Mobile security object (step 4)
    /// The MSO's docType differs from the Document's.
    public static let docTypeMismatch = Self("docTypeMismatch")
    /// The verification time is after the MSO's `validUntil` (plus the allowed clock skew).
    public static let msoExpired = Self("msoExpired")
    /// The verification time is before the MSO's `validFrom` (minus the allowed clock skew).
    public static let msoNotYetValid = Self("msoNotYetValid")
    /// The MSO's `digestAlgorithm` is not SHA-256, SHA-384 or SHA-512.
    public static let digestAlgorithmUnsupported = Self("digestAlgorithmUnsupported")
    /// A returned element's namespace or digestID has no digest in the MSO.
    public static let digestMissing = Self("digestMissing")
    /// A returned element's digest differs from the MSO's.
    public static let digestMismatch = Self("digestMismatch")
    /// The disclosed `issuing_country` or `issuing_jurisdiction` differs from the DS certificate's.
    public static let issuingCountryMismatch = Self("issuingCountryMismatch")

    // MARK: Device authentication (step 5)
    /// A key is malformed, of small order or otherwise unusable.
    public static let weakKey = Self("weakKey")
    /// The document has neither a DeviceSignature nor a DeviceMac.
    public static let deviceAuthMissing = Self("deviceAuthMissing")
    /// The DeviceSignature does not verify with the MSO's device key over this SessionTranscript.
    public static let deviceSignatureInvalid = Self("deviceSignatureInvalid")
    /// The DeviceMac does not verify with the key agreed with the reader over this SessionTranscript.
    public static let deviceMacInvalid = Self("deviceMacInvalid")
    /// A device-signed element is not authorised by the MSO's keyAuthorizations.
    public static let deviceKeyNotAuthorized = Self("deviceKeyNotAuthorized")
    /// No SessionTranscript was given, so holder binding cannot be checked.
    public static let sessionTranscriptMissing = Self("sessionTranscriptMissing")

    // MARK: Requests (steps 2 and 6)
    /// The response does not match an open request of this RP.
    public static let requestUnknown = Self("requestUnknown")
    /// The request the response answers has expired.
    public static let requestExpired = Self("requestExpired")
    /// The response's nonce was already used.
    public static let replay = Self("replay")
    /// The response holds an element the request did not ask for.
    public static let elementNotRequested = Self("elementNotRequested")

    // MARK: Status (step 7)
    /// The licence is revoked or cancelled in the issuer's status list.
    public static let statusRevoked = Self("statusRevoked")
    /// The licence is suspended in the issuer's status list.
    public static let statusSuspended = Self("statusSuspended")
    /// The status could not be established (unreachable, stale, unverifiable); fails closed.
    public static let statusUnavailable = Self("statusUnavailable")

    // MARK: Trust lists
    /// A trust list older than the one held was offered.
    public static let trustListRollback = Self("trustListRollback")
}
