import Hummingbird
import HummingbirdCore
import Logging
import NIOCore

/// Bounds on the work any one client, and all clients together, can make a Hummingbird server of MDLKit do: the
/// relying party's server, and the sandbox's status service, trust-list operator and `sandbox serve`.
///
/// A `response_uri` is public (anyone who scans the QR code can reach it), so the server must hold against slow,
/// idle and oversized clients:
/// - a request's head must arrive, and a kept-alive connection must send its next request, within ``idleTimeout``;
/// - a request's whole body must arrive within ``bodyTimeout`` of its head, and be at most ``maximumBodyBytes``
///   (a route reads at most that much; a reply sent before the body ended closes the connection);
/// - at most ``maximumConnections`` connections are kept: a new one evicts the connection idle the longest, then
///   the one reading a body the longest, so idle or stalled clients cannot lock out an honest wallet;
///   connections whose request is being answered are never evicted, and accepting pauses at twice the cap;
/// - buffered request bytes are at most about ``maximumConnections`` × (``maximumBodyBytes`` + ``maximumHeaderBytes``).
///
/// ```swift
/// let limits = HTTPServerLimits(maximumBodyBytes: 32 * 1024)
/// let application = Application(
///     router: router, server: limits.serverBuilder(logger: logger),
///     configuration: limits.configuration(address: .hostname("127.0.0.1", port: 0)), logger: logger)
/// ```
public struct HTTPServerLimits: Sendable, Hashable {
    /// The largest request body a route reads, in bytes.
    public var maximumBodyBytes: Int
    /// The largest request head (all header fields), in bytes.
    public var maximumHeaderBytes: Int
    /// The most header fields in one request.
    public var maximumHeaderFields: Int
    /// The longest a connection may wait for a request head, from its opening or its last reply.
    public var idleTimeout: Duration
    /// The longest a request's body may take to arrive, from its head.
    public var bodyTimeout: Duration
    /// The most connections kept open; more evict idle and slow ones.
    public var maximumConnections: Int

    /// Creates limits; each value is clamped to at least 1 (byte, field, millisecond, connection).
    public init(
        maximumBodyBytes: Int = 64 * 1024, maximumHeaderBytes: Int = 16 * 1024, maximumHeaderFields: Int = 64,
        idleTimeout: Duration = .seconds(10), bodyTimeout: Duration = .seconds(10), maximumConnections: Int = 256
    ) {
        self.maximumBodyBytes = max(1, maximumBodyBytes)
        self.maximumHeaderBytes = max(1, maximumHeaderBytes)
        self.maximumHeaderFields = max(1, maximumHeaderFields)
        self.idleTimeout = max(.milliseconds(1), idleTimeout)
        self.bodyTimeout = max(.milliseconds(1), bodyTimeout)
        self.maximumConnections = max(1, maximumConnections)
    }

    /// The defaults: 64 KiB bodies (an honest OpenID4VP response is about 5 KB), 16 KiB heads, 10 s to send a
    /// head or a body, 256 connections.
    public static let standard = HTTPServerLimits()

    /// An HTTP/1.1 server builder with these limits (a fresh connection registry: call once per server).
    public func serverBuilder(logger: Logger) -> HTTPServerBuilder {
        let registry = ConnectionRegistry(maximumConnections: maximumConnections, logger: logger)
        let bodyTimeout = TimeAmount.nanoseconds(Self.nanoseconds(bodyTimeout))
        return .http1(
            configuration: HTTP1Channel.Configuration(
                additionalChannelHandlers: [ConnectionGuard(registry: registry, bodyTimeout: bodyTimeout)],
                idleTimeout: .nanoseconds(Self.nanoseconds(idleTimeout)),
                httpDecoderConfiguration: .init(
                    maxHeaderFieldSize: maximumHeaderBytes, maxHeaderListSize: maximumHeaderBytes,
                    maxHeaderFieldCount: maximumHeaderFields)))
    }

    /// The application configuration for `address`: accepting pauses at twice ``maximumConnections`` (the
    /// registry evicts down to the cap before that, unless every connection is being answered).
    public func configuration(address: BindAddress, serverName: String? = nil) -> ApplicationConfiguration {
        ApplicationConfiguration(
            address: address, serverName: serverName,
            availableConnectionsDelegate: MaximumAvailableConnections(maximumConnections > Int.max / 2 ? Int.max : maximumConnections * 2))
    }

    static func nanoseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        let (whole, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        return overflow ? Int64.max : whole.addingReportingOverflow(attoseconds / 1_000_000_000).partialValue
    }
}
