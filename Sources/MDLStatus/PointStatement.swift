import Crypto
import Foundation
import MDLCBOR
import MDLCOSE
import MDLVerifier

/// A point statement: the issuer's status service signs, for one relying party and one of its nonces, the points and
/// status letters of one licence (COSE_Sign1, protected `typ` ``mediaType``), as they are now or as they were at a
/// past instant (``answersFor``, e.g. an accident).
///
/// ```swift
/// let statement = try PointStatement(bytes: body)
/// try statement.verify(with: key, binding: PointStatement.binding(for: document), nonce: nonce,
///                      relyingParty: clientID, at: Date(), maxAge: 300, answeringFor: accidentAt)
/// print(statement.points.pointsInCycle, statement.statusLetters)
/// ```
///
/// The statement names the licence by ``documentBinding``, the SHA-256 of the MSO bytes the issuer signed, so it
/// carries no licence number and cannot be moved to another licence.
public struct PointStatement: Sendable {
    /// The media type in the protected `typ` header.
    public static let mediaType = "application/mdl-point-statement+cwt"

    /// The signed message as received.
    public let message: COSESign1
    /// Points in the cycle that contained ``answersFor``, that cycle's dates, full-point cycles in the last three,
    /// and the as-of time (``answersFor``).
    public let points: PointsRecord
    /// The instant the facts describe: the time the statement was made (``issuedAt``) for a statement of the
    /// present, a past instant for one asked as of then (claim `at`).
    public let answersFor: Date
    /// When the issuer made the statement (claim `as_of`); freshness is judged on it.
    public let issuedAt: Date
    /// The credential's status at ``answersFor`` (valid, invalid, suspended, superseded), when the service says.
    public let credentialStatus: LicenseCredentialStatus?
    /// The licence status letters (驾驶证状态), as a set.
    public let statusLetters: LicenseStatusLetters
    /// When the statement stops being usable, if the service says.
    public let expiresAt: Date?
    /// The relying party's nonce the statement answers.
    public let nonce: String
    /// The relying party's identity (its OpenID4VP `client_id`).
    public let relyingParty: String
    /// SHA-256 of the licence's MSO bytes (see ``binding(for:)``).
    public let documentBinding: [UInt8]

    /// The binding of a document: SHA-256 over its IssuerAuth payload (the MSO bytes as signed).
    public static func binding(for document: Document) -> [UInt8] { binding(issuerAuth: document.issuerSigned.issuerAuth) }

    /// The binding of an IssuerAuth: SHA-256 over its payload.
    public static func binding(issuerAuth: COSESign1) -> [UInt8] { Array(SHA256.hash(data: issuerAuth.payload ?? [])) }

    /// Reads a statement from its encoded bytes.
    /// - Throws: `MDLError.Code.cborMalformed` or `MDLError.Code.pointStatementInvalid`.
    public init(bytes: [UInt8]) throws(MDLError) {
        let message: COSESign1
        let claims: CBORMap
        do {
            message = try COSESign1(try CBORDecoder().decode(bytes))
            guard let payload = message.payload, let map = try CBORDecoder().decode(payload).map else {
                throw Self.invalid("the statement has no claims map")
            }
            claims = map
        } catch let error as MDLError {
            throw error
        } catch {
            throw MDLError(code: .cborMalformed, message: "point statement: \(error)")
        }
        guard message.headers.protected[.int(COSEHeaders.Label.type)]?.text == Self.mediaType else {
            throw Self.invalid("the statement's protected typ is not \(Self.mediaType)")
        }
        guard let points = claims["points"]?.int, points >= 0,
            let start = Self.fullDate(claims["cycle_start"]), let end = Self.fullDate(claims["cycle_end"]),
            let full = claims["full_cycles_last_three"]?.int, (0...3).contains(full),
            let asOf = Self.tdate(claims["as_of"]),
            let lettersText = claims["status_letters"]?.text,
            let nonce = claims["nonce"]?.text, let relyingParty = claims["rp"]?.text,
            let binding = claims["binding"]?.bytes, binding.count == 32
        else { throw Self.invalid("the statement lacks a required claim or has one of the wrong type") }
        do { statusLetters = try LicenseStatusLetters(parsing: lettersText) } catch {
            throw Self.invalid("the statement's status letters are not driver-status letters")
        }
        if let item = claims["exp"] {
            guard let date = Self.tdate(item) else { throw Self.invalid("the statement's exp is not a tdate") }
            expiresAt = date
        } else {
            expiresAt = nil
        }
        var answersFor = asOf
        if let item = claims["at"] {
            guard let date = Self.tdate(item) else { throw Self.invalid("the statement's at is not a tdate") }
            answersFor = date
        }
        if let item = claims["credential_status"] {
            guard let raw = item.int, let value = UInt8(exactly: raw), let status = LicenseCredentialStatus(rawValue: value) else {
                throw Self.invalid("the statement's credential_status is not a known status value")
            }
            credentialStatus = status
        } else {
            credentialStatus = nil
        }
        self.answersFor = answersFor
        self.issuedAt = asOf
        self.message = message
        self.points = PointsRecord(pointsInCycle: points, cycleStart: start, cycleEnd: end, fullPointCyclesInLastThree: full, asOf: answersFor)
        self.nonce = nonce
        self.relyingParty = relyingParty
        self.documentBinding = binding
    }

    /// Checks the signature with `key`, the binding to the licence, the nonce and relying party, the instant it
    /// answers for, and freshness: made at most `maxAge` seconds before `time` (and not in the future), `exp` not
    /// passed.
    ///
    /// - Parameters:
    ///   - key: the issuer's status signer key.
    ///   - binding: the licence's binding (from its MSO) the statement must name.
    ///   - nonce: the nonce of the relying party's session the holder consented in.
    ///   - relyingParty: the relying party's `client_id`.
    ///   - time: the verification time.
    ///   - maxAge: how long after it was made the statement is still accepted, in seconds.
    ///   - clockSkew: tolerance for clock differences, in seconds.
    ///   - allowedAlgorithms: the signature algorithms accepted.
    ///   - instant: the past instant the statement must answer for (to the second); `nil` asks for the present, and a
    ///     statement answering for another instant than when it was made is refused.
    ///   - lookBack: how far before it was made a statement may answer for (default ``defaultLookBack``).
    /// - Throws: `MDLError.Code.statusSignatureInvalid`, `MDLError.Code.pointStatementMismatch` (another licence,
    ///   relying party, nonce or instant), `MDLError.Code.pointStatementInstantOutOfRange`,
    ///   `MDLError.Code.pointStatementExpired`.
    public func verify(
        with key: SignaturePublicKey, binding: [UInt8], nonce: String, relyingParty: String, at time: Date,
        maxAge: TimeInterval, clockSkew: TimeInterval = 60,
        allowedAlgorithms: Set<COSEAlgorithm> = StatusListToken.defaultAlgorithms,
        answeringFor instant: Date? = nil, lookBack: TimeInterval = PointStatement.defaultLookBack
    ) throws(MDLError) {
        try StatusListToken.verify(message, with: key, allowedAlgorithms: allowedAlgorithms, what: "point statement")
        guard ConstantTime.equals(documentBinding, binding) else {
            throw MDLError(code: .pointStatementMismatch, message: "the point statement is for another licence")
        }
        guard self.relyingParty == relyingParty else {
            throw MDLError(code: .pointStatementMismatch, message: "the point statement was issued to another relying party")
        }
        guard self.nonce == nonce else {
            throw MDLError(code: .pointStatementMismatch, message: "the point statement answers another nonce")
        }
        guard Self.sameSecond(answersFor, instant ?? issuedAt) else {
            throw MDLError(
                code: .pointStatementMismatch,
                message: "the point statement answers for \(TDate.format(answersFor)), not \(instant.map(TDate.format) ?? "the time it was made")")
        }
        try Self.checkInstant(answersFor, from: issuedAt, lookBack: lookBack, clockSkew: clockSkew)
        let age = time.timeIntervalSince(issuedAt)
        guard age <= maxAge + clockSkew, age >= -clockSkew else {
            throw MDLError(code: .pointStatementExpired, message: "the point statement's as-of time is \(Int(age)) s from now, outside the allowed \(Int(maxAge)) s")
        }
        if let expiresAt, time.timeIntervalSince(expiresAt) > clockSkew {
            throw MDLError(code: .pointStatementExpired, message: "the point statement expired at \(TDate.format(expiresAt))")
        }
    }

    /// Builds and signs a statement, for the sandbox's status service. `points.asOf` is when it is made; `answersFor`
    /// (claim `at`) the past instant its facts describe, when asked for one.
    package static func sign(
        points: PointsRecord, statusLetters: LicenseStatusLetters, expiresAt: Date?, nonce: String, relyingParty: String,
        binding: [UInt8], answersFor: Date? = nil, credentialStatus: LicenseCredentialStatus? = nil,
        algorithm: COSEAlgorithm, x5chain: [[UInt8]], signer: ([UInt8]) throws -> [UInt8]
    ) throws -> [UInt8] {
        var claims: CBORMap = [
            "points": .int(Int64(points.pointsInCycle)), "cycle_start": .fullDate(points.cycleStart),
            "cycle_end": .fullDate(points.cycleEnd), "full_cycles_last_three": .int(Int64(points.fullPointCyclesInLastThree)),
            "status_letters": .text(statusLetters.description), "as_of": .tdate(points.asOf), "nonce": .text(nonce),
            "rp": .text(relyingParty), "binding": .bytes(binding),
        ]
        if let expiresAt { claims["exp"] = .tdate(expiresAt) }
        if let answersFor { claims["at"] = .tdate(answersFor) }
        if let credentialStatus { claims["credential_status"] = .int(Int64(credentialStatus.rawValue)) }
        var unprotected = CBORMap()
        if !x5chain.isEmpty { unprotected[.int(COSEHeaders.Label.x5chain)] = .array(x5chain.map(CBOR.bytes)) }
        let headers = COSEHeaders(
            protected: [.int(COSEHeaders.Label.algorithm): .int(algorithm.coseValue), .int(COSEHeaders.Label.type): .text(mediaType)],
            unprotected: unprotected)
        let message = try COSESign1(signing: CBOREncoder.encode(.map(claims)), headers: headers, signer: signer)
        return CBOREncoder.encode(.tagged(COSESign1.tag, message.cbor))
    }

    private static func fullDate(_ item: CBOR?) -> FullDate? {
        guard case .tagged(1004, let inner)? = item, let text = inner.text else { return nil }
        return FullDate(rfc3339: text)
    }

    private static func tdate(_ item: CBOR?) -> Date? {
        // MDLKit's own format: UTC written as `Z`, as ISO 18013-5 writes tdate; a numeric offset is refused.
        guard case .tagged(0, let inner)? = item, let text = inner.text, let parsed = TDate(rfc3339: text),
            !parsed.hasOffset
        else { return nil }
        return parsed.date
    }

    private static func invalid(_ message: String) -> MDLError { MDLError(code: .pointStatementInvalid, message: message) }
}

/// What a relying party sends the status service to obtain a ``PointStatement``: the holder's presentation, made for
/// this relying party's OpenID4VP session, which the service checks as the holder's consent (one statement per
/// presentation), and optionally the past instant the facts are wanted for.
public struct PointStatementRequest: Sendable, Hashable {
    /// The DeviceResponse the holder's wallet returned.
    public var presentation: [UInt8]
    /// The relying party's `client_id`.
    public var clientID: String
    /// The nonce of the relying party's request.
    public var nonce: String
    /// The `response_uri` of the relying party's request.
    public var responseURI: String
    /// The RFC 7638 thumbprint of the response-encryption key, when the response was encrypted.
    public var jwkThumbprint: [UInt8]?
    /// The past instant the facts are wanted for (e.g. an accident), in whole seconds; `nil` asks for now.
    public var at: Date?

    /// Creates a request.
    public init(
        presentation: [UInt8], clientID: String, nonce: String, responseURI: String, jwkThumbprint: [UInt8]? = nil,
        at: Date? = nil
    ) {
        self.presentation = presentation
        self.clientID = clientID
        self.nonce = nonce
        self.responseURI = responseURI
        self.jwkThumbprint = jwkThumbprint
        self.at = at.map { Date(timeIntervalSince1970: $0.timeIntervalSince1970.rounded(.down)) }
    }

    /// The SessionTranscript the holder signed, rebuilt from the request's values.
    public var sessionTranscript: SessionTranscript {
        .openID4VP(clientID: clientID, nonce: nonce, jwkThumbprint: jwkThumbprint, responseURI: responseURI)
    }

    /// The request body (a CBOR map).
    public var encoded: [UInt8] {
        var map: CBORMap = [
            "presentation": .bytes(presentation), "client_id": .text(clientID), "nonce": .text(nonce),
            "response_uri": .text(responseURI),
        ]
        if let jwkThumbprint { map["jwk_thumbprint"] = .bytes(jwkThumbprint) }
        if let at { map["at"] = .tdate(at) }
        return CBOREncoder.encode(.map(map))
    }

    /// Reads a request body.
    /// - Throws: `MDLError.Code.cborMalformed` or `MDLError.Code.structureInvalid`.
    public init(bytes: [UInt8]) throws(MDLError) {
        let item: CBOR
        do { item = try CBORDecoder().decode(bytes) } catch {
            throw MDLError(code: .cborMalformed, message: "point statement request: \(error.description)")
        }
        guard let presentation = item["presentation"]?.bytes, let clientID = item["client_id"]?.text,
            let nonce = item["nonce"]?.text, let responseURI = item["response_uri"]?.text
        else { throw MDLError(code: .structureInvalid, message: "the point statement request lacks a field") }
        var at: Date?
        if let instant = item["at"] {
            guard let date = Self.tdate(instant) else {
                throw MDLError(code: .structureInvalid, message: "the point statement request's at is not a tdate")
            }
            at = date
        }
        self.init(
            presentation: presentation, clientID: clientID, nonce: nonce, responseURI: responseURI,
            jwkThumbprint: item["jwk_thumbprint"]?.bytes, at: at)
    }

    private static func tdate(_ item: CBOR) -> Date? {
        guard case .tagged(0, let inner) = item, let text = inner.text, let parsed = TDate(rfc3339: text), !parsed.hasOffset
        else { return nil }
        return parsed.date
    }
}
