import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import MDLCBOR
import MDLCOSE
import MDLKit
import MDLRelyingPartyServer
import NIOCore
import Synchronization

/// The issuers' online status service (a real Hummingbird HTTP server on 127.0.0.1, port chosen by the system).
///
/// Per issuing authority it publishes, at `GET /status/{region}`, a Token Status List (CWT, 2 bits per licence,
/// ZLIB) signed by the authority's status signer (a certificate under its IACA), with `ETag` and
/// `Cache-Control: max-age`; at `POST /points/{region}` it answers a ``PointStatementRequest`` carrying a holder's
/// presentation for the relying party's session with a signed ``PointStatement``, and refuses without a valid
/// holder signature.
///
/// ```swift
/// let service = try StatusService(authorities: [shanghai])
/// try await service.start()
/// let credential = try service.issue(record, by: shanghai, deviceKey: wallet.deviceCOSEKey, now: now)
/// try service.apply(.suspend, to: credential.mso.status!)     // the next fetch reports "suspended"
/// await service.stop()
/// ```
public final class StatusService: Sendable {
    /// Publishing settings.
    public struct Configuration: Sendable {
        /// `Cache-Control: max-age` and the token's `ttl`, in seconds. 0 makes clients revalidate every time.
        public var cacheMaxAge: Int
        /// How long a token stays valid (`exp` − `iat`), in seconds.
        public var tokenLifetime: TimeInterval
        /// How long a point statement stays valid, in seconds.
        public var statementLifetime: TimeInterval
        /// Lists are padded with valid entries to at least this many, so an index says little about how many
        /// licences exist.
        public var minimumEntries: Int
        /// How far back a point statement may be asked for (the record-keeping period), in seconds.
        public var lookBack: TimeInterval

        /// Creates a configuration.
        public init(
            cacheMaxAge: Int = 60, tokenLifetime: TimeInterval = 86_400, statementLifetime: TimeInterval = 300, minimumEntries: Int = 1024,
            lookBack: TimeInterval = PointStatement.defaultLookBack
        ) {
            self.cacheMaxAge = max(0, cacheMaxAge)
            self.tokenLifetime = tokenLifetime
            self.statementLifetime = statementLifetime
            self.minimumEntries = max(1, minimumEntries)
            self.lookBack = max(0, lookBack)
        }
    }

    /// The settings.
    public let configuration: Configuration
    let publishers: [String: StatusPublisher]
    let now: @Sendable () -> Date
    let state = Mutex(State())

    struct State {
        var ledger = StatusLedger()
        var port: Int?
        var server: Task<Void, any Error>?
        var services: ServiceGroup?
        var tokens: [String: SignedToken] = [:]
        /// The consents (holder presentations) already answered with a statement, one statement each.
        var answeredConsents: Set<[UInt8]> = []
    }

    struct SignedToken {
        let version: Int
        let issuedAt: Date
        let bytes: [UInt8]
        var entityTag: String { "\"v\(version)-\(Int(issuedAt.timeIntervalSince1970))\"" }
    }

    /// Creates a service for `authorities`; each gets a fresh status signer certificate under its IACA.
    public init(
        authorities: [IssuingAuthority], configuration: Configuration = Configuration(),
        now: @escaping @Sendable () -> Date = { Date() }
    ) throws {
        var publishers: [String: StatusPublisher] = [:]
        for authority in authorities {
            publishers[Self.pathName(authority)] = try StatusPublisher(authority: authority, now: now())
        }
        self.publishers = publishers
        self.configuration = configuration
        self.now = now
    }

    /// The port, once started.
    public var port: Int? { state.withLock { $0.port } }

    /// Starts the server on 127.0.0.1 with a port the system picks; returns when it accepts connections.
    public func start() async throws {
        guard port == nil else { return }
        let router = Router()
        addRoutes(to: router)
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        var logger = Logger(label: "mdlkit.sandbox.status")
        logger.logLevel = .warning
        let limits = HTTPServerLimits(maximumBodyBytes: Self.maxRequestBytes)
        let application = Application(
            router: router, server: limits.serverBuilder(logger: logger),
            configuration: limits.configuration(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                continuation.yield(channel.localAddress?.port ?? 0)
                continuation.finish()
            },
            logger: logger)
        let services = ServiceGroup(
            configuration: ServiceGroupConfiguration(services: [application], gracefulShutdownSignals: [], logger: logger))
        let server = Task { try await services.run() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next(), port > 0 else {
            server.cancel()
            throw StatusServiceError.notRunning
        }
        state.withLock {
            $0.port = port
            $0.server = server
            $0.services = services
        }
    }

    /// Stops the server.
    public func stop() async {
        let (server, services) = state.withLock { state -> (Task<Void, any Error>?, ServiceGroup?) in
            defer {
                state.server = nil
                state.services = nil
                state.port = nil
            }
            return (state.server, state.services)
        }
        // Graceful: in-flight replies complete; a client holding its connection open is cut after a grace period.
        await services?.triggerGracefulShutdown()
        let grace = Task {
            try await Task.sleep(for: .seconds(5))
            server?.cancel()
        }
        _ = await server?.result
        grace.cancel()
    }

    /// The status list URI of `authority` (the `sub` of its token, the `uri` in its MSOs).
    /// - Throws: ``StatusServiceError/notRunning`` before ``start()``; ``StatusServiceError/unknownAuthority``.
    public func statusListURI(for authority: IssuingAuthority) throws -> String {
        try url(path: "status", authority: authority)
    }

    /// The point statement endpoint of `authority`.
    public func pointStatementURL(for authority: IssuingAuthority) throws -> URL {
        guard let url = URL(string: try url(path: "points", authority: authority)) else { throw StatusServiceError.notRunning }
        return url
    }

    /// The certificate (under the authority's IACA) that signs its status lists and point statements.
    public func statusSigner(for authority: IssuingAuthority) throws -> DocumentSignerCertificate {
        guard let publisher = publishers[Self.pathName(authority)] else { throw StatusServiceError.unknownAuthority }
        return publisher.signer
    }

    /// Issues a licence whose MSO references a new entry of the authority's status list, and registers it with
    /// the record's status letters and points.
    public func issue(
        _ record: LicenseRecord, by authority: IssuingAuthority, deviceKey: COSEKey, now: Date, statusValue: UInt8 = 0
    ) throws -> IssuedCredential {
        let name = Self.pathName(authority)
        let uri = try statusListURI(for: authority)
        let facts = Self.facts(record, now: now)
        let index = state.withLock { state -> Int in
            var entry = facts
            entry.superseded = statusValue == LicenseCredentialStatus.superseded.rawValue
            return state.ledger.append(entry, to: name)
        }
        let credential = try authority.issue(
            record, deviceKey: deviceKey, now: now, status: .init(index: UInt64(index), uri: uri))
        state.withLock { $0.ledger.setBinding(PointStatement.binding(issuerAuth: credential.issuerAuth), authority: name, index: index) }
        return credential
    }

    /// Applies `operation` to the licence `reference` names, effective now; the next fetch of its list reflects it.
    @discardableResult
    public func apply(_ operation: StatusOperation, to reference: MobileSecurityObject.StatusReference) throws -> LicenseStatusEntry {
        try apply(operation, to: reference, effectiveAt: now())
    }

    /// Records `operation` on the licence `reference` names as taking effect at `effectiveAt` (now or earlier: a
    /// suspension decided last week is recorded today), so point statements for instants before it do not show it.
    /// Returns the entry as of now; the next fetch of its list reflects it.
    /// - Throws: ``StatusServiceError/invalidOperation(_:)`` for an effective time after now.
    @discardableResult
    public func apply(
        _ operation: StatusOperation, to reference: MobileSecurityObject.StatusReference, effectiveAt: Date
    ) throws -> LicenseStatusEntry {
        guard let name = publishers.keys.first(where: { (try? url(path: "status", name: $0)) == reference.uri }) else {
            throw StatusServiceError.unknownAuthority
        }
        guard let index = Int(exactly: reference.index) else { throw StatusServiceError.unknownLicence }
        let time = now()
        return try state.withLock {
            try $0.ledger.apply(operation, authority: name, index: index, effectiveAt: effectiveAt, recordedAt: time)
        }
    }

    static func pathName(_ authority: IssuingAuthority) -> String { authority.region.code.lowercased() }

    private func url(path: String, authority: IssuingAuthority) throws -> String {
        let name = Self.pathName(authority)
        guard publishers[name] != nil else { throw StatusServiceError.unknownAuthority }
        return try url(path: path, name: name)
    }

    private func url(path: String, name: String) throws -> String {
        guard let port else { throw StatusServiceError.notRunning }
        return "http://127.0.0.1:\(port)/\(path)/\(name)"
    }

    private static func facts(_ record: LicenseRecord, now: Date) -> LicenseStatusEntry {
        let china = record.elements[MDLProfile.chinaNameSpace] ?? [:]
        let letters = (china[MDLProfile.ChinaElement.statusLetters]?.text).flatMap { try? LicenseStatusLetters(parsing: $0) }
        let points = china[MDLProfile.ChinaElement.points]
        let iso = record.elements[MDLProfile.isoNameSpace] ?? [:]
        let today = LicenseCalendar.standard.day(
            of: now, issuingCountry: iso[MDLProfile.ISOElement.issuingCountry]?.text,
            issuingJurisdiction: iso[MDLProfile.ISOElement.issuingJurisdiction]?.text,
            issuingAuthority: iso[MDLProfile.ISOElement.issuingAuthority]?.text)
        func date(_ key: String) -> FullDate? {
            guard case .tagged(1004, let inner)? = points?[key] else { return nil }
            return inner.text.flatMap { FullDate(rfc3339: $0) }
        }
        let start = date("cycle_start") ?? today
        return LicenseStatusEntry(
            letters: letters?.letters ?? [.a], points: points?["in_cycle"]?.int ?? 0, cycleStart: start,
            cycleEnd: date("cycle_end") ?? start.adding(years: 1).adding(days: -1),
            fullCyclesInLastThree: points?["full_cycles_last_three"]?.int ?? 0, superseded: false, binding: [])
    }
}

extension StatusLedger {
    mutating func setBinding(_ binding: [UInt8], authority: String, index: Int) {
        updateEntry(authority: authority, index: index) { $0.binding = binding }
    }
}
