import Foundation
import MDLCBOR
import MDLCOSE
import MDLVerifier

/// A Status List Token in CWT form (draft-ietf-oauth-status-list §5.2): a COSE_Sign1 (tag 18) whose protected header
/// holds `alg` and `typ` (16) `application/statuslist+cwt`, over the claims `sub` (2), `iat` (6), `exp` (4), `ttl`
/// (65534) and `status_list` (65533).
///
/// ```swift
/// let token = try StatusListToken(bytes: body)
/// try token.verify(with: issuerKey, subject: mso.status!.uri, at: Date())
/// let value = try token.list.status(at: Int(mso.status!.index))
/// ```
///
/// Parsing checks the shape only; ``verify(with:subject:at:clockSkew:maxAge:heldFor:allowedAlgorithms:)`` checks
/// the signature, `typ`, `sub` and the lifetime.
public struct StatusListToken: Sendable {
    /// The media type in the protected `typ` header.
    public static let mediaType = "application/statuslist+cwt"

    /// CWT claim keys of a status list token.
    package enum Claim {
        /// `sub` (2): the URI the token is published at, equal to the referencing credential's status `uri`.
        package static let subject: Int64 = 2
        /// `exp` (4): expiry, seconds since the epoch.
        package static let expiresAt: Int64 = 4
        /// `iat` (6): issuance, seconds since the epoch.
        package static let issuedAt: Int64 = 6
        /// `ttl` (65534): how long, in seconds, a consumer may hold a copy before fetching a fresh one.
        package static let timeToLive: Int64 = 65534
        /// `status_list` (65533): the `{bits, lst}` map.
        package static let statusList: Int64 = 65533
    }

    /// The signed message as received.
    public let message: COSESign1
    /// `sub`.
    public let subject: String
    /// `iat`.
    public let issuedAt: Date
    /// `exp`, when present.
    public let expiresAt: Date?
    /// `ttl` in seconds, when present.
    public let timeToLive: TimeInterval?
    /// The status list.
    public let list: StatusList

    /// A token is a handful of claims and headers around one compressed byte string (and at most four
    /// certificates): a few dozen data items. The bound keeps a token padded with millions of tiny items (16 MiB of
    /// them would take over half a gigabyte decoded) from costing more than its bytes.
    static let decoder = CBORDecoder(options: .init(maxItems: 4096))

    /// Reads a token from its encoded bytes (tagged 18 or untagged).
    /// - Throws: `MDLError.Code.cborMalformed` for bytes that are not CBOR (more than 4,096 data items
    ///   included); `MDLError.Code.statusListInvalid` for a wrong shape, a missing claim or a damaged list;
    ///   `MDLError.Code.limitExceeded` for a list that decompresses past `limits`.
    public init(bytes: [UInt8], limits: StatusList.Limits = StatusList.Limits()) throws(MDLError) {
        let item: CBOR
        do { item = try Self.decoder.decode(bytes) } catch {
            throw MDLError(code: .cborMalformed, message: "status list token: \(error.description)")
        }
        let message: COSESign1
        do { message = try COSESign1(item) } catch {
            throw Self.invalid("the status list token is not a COSE_Sign1: \(error)")
        }
        guard let payload = message.payload else { throw Self.invalid("the status list token has no payload") }
        let claims: CBORMap
        do {
            guard let map = try Self.decoder.decode(payload).map else { throw Self.invalid("the claims are not a map") }
            claims = map
        } catch let error as MDLError {
            throw error
        } catch {
            throw MDLError(code: .cborMalformed, message: "status list token claims: \(error)")
        }
        guard let subject = claims[.int(Claim.subject)]?.text else { throw Self.invalid("the token has no text sub (2)") }
        guard let issuedAt = claims[.int(Claim.issuedAt)]?.int64 else { throw Self.invalid("the token has no integer iat (6)") }
        let expiresAt = try Self.optionalInteger(claims, Claim.expiresAt, name: "exp (4)")
        let ttl = try Self.optionalInteger(claims, Claim.timeToLive, name: "ttl (65534)")
        if let ttl, ttl < 0 || ttl > EpochSeconds.latest { throw Self.invalid("the token's ttl is negative or beyond any date") }
        guard let listItem = claims[.int(Claim.statusList)] else { throw Self.invalid("the token has no status_list (65533)") }
        self.message = message
        self.subject = subject
        // An iat outside years 1–9999 is no issue time; an exp beyond them is read as the range's end (2^63 expires
        // after anything representable, -2^63 long ago).
        guard let issuedAtDate = EpochSeconds.date(issuedAt) else { throw Self.invalid("the token's iat is outside years 1–9999") }
        self.issuedAt = issuedAtDate
        self.expiresAt = expiresAt.map(EpochSeconds.clampedDate)
        self.timeToLive = ttl.map(TimeInterval.init)
        self.list = try StatusList(cbor: listItem, limits: limits)
    }

    /// The protected `typ`, when it is text.
    public var type: String? { message.headers.protected[.int(COSEHeaders.Label.type)]?.text }

    /// The signer's certificates (`x5chain`, leaf first), when the token carries them.
    /// - Throws: `MDLError.Code.statusListInvalid` for a malformed `x5chain`.
    package func certificateChain() throws(MDLError) -> [[UInt8]]? {
        do { return try message.headers.x5chain() } catch { throw Self.invalid("the token's x5chain is malformed") }
    }

    /// Every check a relying party makes before using the list: `typ`, the signature with `key`, `sub` equal to the
    /// referenced `subject` (when given) and the lifetime at `time` (see `checkLifetime(at:clockSkew:maxAge:heldFor:)`).
    public func verify(
        with key: SignaturePublicKey, subject expected: String?, at time: Date, clockSkew: TimeInterval = 300,
        maxAge: TimeInterval? = nil, heldFor: TimeInterval = 0,
        allowedAlgorithms: Set<COSEAlgorithm> = StatusListToken.defaultAlgorithms
    ) throws(MDLError) {
        try checkType()
        try verifySignature(with: key, allowedAlgorithms: allowedAlgorithms)
        if let expected { try checkSubject(expected) }
        try checkLifetime(at: time, clockSkew: clockSkew, maxAge: maxAge, heldFor: heldFor)
    }

    /// The signature algorithms accepted by default.
    public static let defaultAlgorithms: Set<COSEAlgorithm> = [.edDSA, .es256, .es384, .es512]

    /// Checks that the protected `typ` is `application/statuslist+cwt`.
    /// - Throws: `MDLError.Code.statusListInvalid` otherwise.
    package func checkType() throws(MDLError) {
        guard type == Self.mediaType else {
            throw Self.invalid("the token's protected typ is \(type.map { "\"\($0)\"" } ?? "absent"), not \(Self.mediaType)")
        }
    }

    /// Verifies the COSE signature with `key`, the algorithm taken from the protected header.
    /// - Throws: `MDLError.Code.algorithmNotAllowed` or `MDLError.Code.statusSignatureInvalid`.
    package func verifySignature(
        with key: SignaturePublicKey, allowedAlgorithms: Set<COSEAlgorithm> = StatusListToken.defaultAlgorithms
    ) throws(MDLError) {
        try Self.verify(message, with: key, allowedAlgorithms: allowedAlgorithms, what: "status list token")
    }

    /// Checks `sub` against the URI the credential references.
    /// - Throws: `MDLError.Code.statusSubjectMismatch`.
    package func checkSubject(_ uri: String) throws(MDLError) {
        guard subject == uri else {
            throw MDLError(code: .statusSubjectMismatch, message: "the token's sub is not the status URI the MSO references")
        }
    }

    /// Checks the lifetime at `time`: not issued in the future, not past `exp`, not held longer than `ttl`
    /// (`heldFor`: how long ago the copy was fetched), and not older than `maxAge` when the relying party sets one;
    /// each with `clockSkew` of tolerance.
    /// - Throws: `MDLError.Code.statusTokenExpired`.
    package func checkLifetime(
        at time: Date, clockSkew: TimeInterval = 300, maxAge: TimeInterval? = nil, heldFor: TimeInterval = 0,
        maxAgeWithoutExpiry: TimeInterval? = nil
    ) throws(MDLError) {
        if issuedAt.timeIntervalSince(time) > clockSkew {
            throw MDLError(
                code: .statusTokenExpired,
                message: "the status list token was issued at \(TDate.format(issuedAt)), after the verification time "
                    + "\(TDate.format(time)): check the clocks; a status list tells the status when it was issued, so for "
                    + "a past instant ask the issuer for a point statement as of that instant")
        }
        if let expiresAt, time.timeIntervalSince(expiresAt) > clockSkew {
            throw MDLError(code: .statusTokenExpired, message: "the status list token expired at \(TDate.format(expiresAt))")
        }
        if let timeToLive, heldFor > timeToLive {
            throw MDLError(code: .statusTokenExpired, message: "the copy is \(Int(heldFor)) s old, past the token's ttl of \(Int(timeToLive)) s")
        }
        if expiresAt == nil, let maxAgeWithoutExpiry, time.timeIntervalSince(issuedAt) > maxAgeWithoutExpiry + clockSkew {
            throw MDLError(
                code: .statusTokenExpired,
                message: "the status list token has no exp and was issued \(Int(time.timeIntervalSince(issuedAt))) s ago, "
                    + "past the \(Int(maxAgeWithoutExpiry)) s this relying party accepts for such tokens")
        }
        if let maxAge, time.timeIntervalSince(issuedAt) > maxAge + clockSkew {
            throw MDLError(code: .statusTokenExpired, message: "the status list token was issued \(Int(time.timeIntervalSince(issuedAt))) s ago, past the allowed \(Int(maxAge)) s")
        }
    }

    /// Verifies a COSE_Sign1 of the status layer, mapping COSE failures to MDLKit codes.
    static func verify(
        _ message: COSESign1, with key: SignaturePublicKey, allowedAlgorithms: Set<COSEAlgorithm>, what: String
    ) throws(MDLError) {
        guard let algorithm = message.headers.algorithm, allowedAlgorithms.contains(algorithm) else {
            throw MDLError(code: .algorithmNotAllowed, message: "the \(what)'s protected alg is absent or not allowed")
        }
        do {
            try message.verifyAttached(with: key, allowedAlgorithms: allowedAlgorithms)
        } catch {
            throw MDLError(code: .statusSignatureInvalid, message: "the \(what)'s signature does not verify with the given key")
        }
    }

    private static func optionalInteger(_ claims: CBORMap, _ key: Int64, name: String) throws(MDLError) -> Int64? {
        guard let item = claims[.int(key)] else { return nil }
        guard let value = item.int64 else { throw invalid("the token's \(name) is not an integer") }
        return value
    }

    static func invalid(_ message: String) -> MDLError { MDLError(code: .statusListInvalid, message: message) }
}

extension StatusListToken {
    /// Builds and signs a token, for issuers and the sandbox: tag 18, protected `{1: alg, 16: typ}`, the signer's
    /// `x5chain` (and `kid`) unprotected.
    /// - Parameters:
    ///   - list: the status list to publish.
    ///   - subject: the list's URI (`sub`), as the MSOs reference it.
    ///   - issuedAt: `iat`.
    ///   - expiresAt: `exp`, when the token expires.
    ///   - timeToLive: `ttl`, seconds a relying party may cache the token.
    ///   - algorithm: the COSE signature algorithm.
    ///   - x5chain: the signer's certificate chain, leaf first (DER).
    ///   - keyID: an optional `kid`.
    ///   - signer: returns the raw COSE signature of its input for `algorithm`.
    package static func sign(
        list: StatusList, subject: String, issuedAt: Date, expiresAt: Date?, timeToLive: TimeInterval?,
        algorithm: COSEAlgorithm, x5chain: [[UInt8]] = [], keyID: [UInt8]? = nil,
        signer: ([UInt8]) throws -> [UInt8]
    ) throws -> [UInt8] {
        var claims: CBORMap = [
            .int(Claim.subject): .text(subject),
            .int(Claim.issuedAt): .int(Int64(issuedAt.timeIntervalSince1970.rounded(.down))),
        ]
        if let expiresAt { claims[.int(Claim.expiresAt)] = .int(Int64(expiresAt.timeIntervalSince1970.rounded(.down))) }
        if let timeToLive { claims[.int(Claim.timeToLive)] = .int(Int64(timeToLive.rounded(.down))) }
        claims[.int(Claim.statusList)] = try list.cbor()
        var unprotected = CBORMap()
        if let keyID { unprotected[.int(COSEHeaders.Label.keyID)] = .bytes(keyID) }
        if x5chain.count == 1, let leaf = x5chain.first {
            unprotected[.int(COSEHeaders.Label.x5chain)] = .bytes(leaf)
        } else if !x5chain.isEmpty {
            unprotected[.int(COSEHeaders.Label.x5chain)] = .array(x5chain.map(CBOR.bytes))
        }
        let headers = COSEHeaders(
            protected: [.int(COSEHeaders.Label.algorithm): .int(algorithm.coseValue), .int(COSEHeaders.Label.type): .text(mediaType)],
            unprotected: unprotected)
        let message = try COSESign1(signing: CBOREncoder.encode(.map(claims)), headers: headers, signer: signer)
        return CBOREncoder.encode(.tagged(COSESign1.tag, message.cbor))
    }
}
