import Foundation

/// Establishes the status of a verified document from its issuer's status service (`MDLStatus`'s `StatusClient`
/// is the implementation; `import MDLKit` adds `StatusCheckPolicy.online`).
public protocol DocumentStatusChecker: Sendable {
    /// The status of `document` at the verification time `time`.
    ///
    /// - Throws: ``MDLError`` with a status code (`statusUnavailable`, `statusListInvalid`,
    ///   `statusSignatureInvalid`, `statusTokenExpired`, `statusSubjectMismatch`, `statusIndexOutOfRange`) when
    ///   the status cannot be established.
    func status(of document: VerifiedDocument, at time: Date) async throws(MDLError) -> LicenseStatusResult
}

/// How verification treats a document's status reference (pipeline step 7). Status is part of verification:
///
/// - ``required`` (the default): a document whose MSO carries a status reference is refused
///   `statusUnavailable`, because no checker was configured. Nothing passes unchecked by omission.
/// - ``check(with:)``: the checker reads the issuer's status list; anything but a valid entry is refused with its
///   code (`statusRevoked`, `statusSuspended`, `statusSuperseded`, `statusUnavailable`, …).
/// - ``skip(reason:)``: the explicit, recorded opt-out. Documents verify, ``VerifiedDocument/status`` is
///   ``DocumentStatus/notChecked(reason:)``, and every licence policy answers `refer`.
///
/// ```swift
/// let verifier = PresentationVerifier(configuration: .init(
///     trustAnchors: anchors, status: .check(with: StatusClient())))     // StatusClient: MDLStatus
/// ```
public struct StatusCheckPolicy: Sendable {
    package enum Mode: Sendable {
        case required
        case check(any DocumentStatusChecker)
        case skip(reason: String)
    }

    package let mode: Mode

    /// Refuse a document with a status reference (`statusUnavailable`): no checker is configured.
    public static let required = StatusCheckPolicy(mode: .required)

    /// Check every status reference with `checker`, failing closed.
    public static func check(with checker: any DocumentStatusChecker) -> StatusCheckPolicy {
        StatusCheckPolicy(mode: .check(checker))
    }

    /// The codes the status step raises: the document verified up to status, and its status is not usable.
    public static let statusCodes: Set<MDLError.Code> = [
        .statusUnavailable, .statusListInvalid, .statusSignatureInvalid, .statusTokenExpired, .statusSubjectMismatch,
        .statusIndexOutOfRange, .statusRevoked, .statusSuspended, .statusSuperseded,
    ]

    /// Do not check status; the result says so with `reason` (recorded in receipts), and policies answer `refer`.
    public static func skip(reason: String) -> StatusCheckPolicy {
        StatusCheckPolicy(mode: .skip(reason: reason))
    }
}
