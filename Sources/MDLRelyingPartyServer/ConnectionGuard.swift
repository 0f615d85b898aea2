import HummingbirdCore
import Logging
import MDLVerifier
import NIOCore
import NIOHTTPTypes
import Synchronization

/// The open connections of one server and what each is doing, so a new connection past the cap can evict the
/// least useful one: the one that has waited on its client the longest (for a head or for the rest of a body),
/// never one being answered. Age decides, not the phase: a wallet that has just connected and is about to send its
/// head must not go before a connection that has dribbled a body for seconds.
final class ConnectionRegistry: Sendable {
    enum Phase {
        /// Waiting for a request head (new, or kept alive after a reply).
        case idle
        /// Reading a request body.
        case reading
        /// The request was read and is being answered: never evicted.
        case answering
    }

    private struct Entry {
        let channel: any Channel
        var phase: Phase
        var since: UInt64
        var evicted = false
    }

    private struct State {
        var entries: [ObjectIdentifier: Entry] = [:]
        var tick: UInt64 = 0
    }

    private let maximumConnections: Int
    private let logger: Logger
    private let state = Mutex(State())

    init(maximumConnections: Int, logger: Logger) {
        self.maximumConnections = maximumConnections
        self.logger = logger
    }

    /// Registers a new connection and closes as many evictable ones as bring the count back to the cap.
    func opened(_ channel: any Channel) {
        let victims = state.withLock { state -> [any Channel] in
            state.tick += 1
            state.entries[ObjectIdentifier(channel)] = Entry(channel: channel, phase: .idle, since: state.tick)
            let live = state.entries.values.filter { !$0.evicted }.count
            guard live > maximumConnections else { return [] }
            let candidates = state.entries.filter { $0.key != ObjectIdentifier(channel) && !$0.value.evicted && $0.value.phase != .answering }
                .sorted { $0.value.since < $1.value.since }
                .prefix(live - maximumConnections)
            for (key, _) in candidates { state.entries[key]?.evicted = true }
            return candidates.map(\.value.channel)
        }
        if !victims.isEmpty {
            logger.debug("connection cap reached: closing idle or slow connections", metadata: ["count": "\(victims.count)"])
        }
        for victim in victims { victim.close(promise: nil) }
    }

    /// Records what a connection is doing now.
    func update(_ channel: any Channel, to phase: Phase) {
        state.withLock { state in
            state.tick += 1
            let tick = state.tick
            if var entry = state.entries[ObjectIdentifier(channel)] {
                entry.phase = phase
                entry.since = tick
                state.entries[ObjectIdentifier(channel)] = entry
            }
        }
    }

    /// Forgets a closed connection.
    func closed(_ channel: any Channel) {
        _ = state.withLock { $0.entries.removeValue(forKey: ObjectIdentifier(channel)) }
    }

    /// How many connections are registered (tests).
    var count: Int { state.withLock { $0.entries.count } }
}

/// Per connection: registers it, bounds the time from a request's head to the end of its body, and closes the
/// connection after a reply sent before the request's body ended (so a refused oversized or unwanted body is
/// not drained at the client's pace).
final class ConnectionGuard: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let registry: ConnectionRegistry
    private let bodyTimeout: TimeAmount
    private var bodyDeadline: Scheduled<Void>?
    private var requestsRead = 0
    private var responsesWritten = 0
    private var registered: (any Channel)?

    init(registry: ConnectionRegistry, bodyTimeout: TimeAmount) {
        self.registry = registry
        self.bodyTimeout = bodyTimeout
    }

    func handlerAdded(context: ChannelHandlerContext) {
        registered = context.channel
        registry.opened(context.channel)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        bodyDeadline?.cancel()
        bodyDeadline = nil
        if let registered { registry.closed(registered) }
        registered = nil
    }

    func channelInactive(context: ChannelHandlerContext) {
        bodyDeadline?.cancel()
        bodyDeadline = nil
        registry.closed(context.channel)
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head:
            registry.update(context.channel, to: .reading)
            bodyDeadline?.cancel()
            let channel = context.channel
            bodyDeadline = context.eventLoop.scheduleTask(in: bodyTimeout) { channel.close(promise: nil) }
        case .body:
            break
        case .end:
            requestsRead += 1
            bodyDeadline?.cancel()
            bodyDeadline = nil
            registry.update(context.channel, to: .answering)
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        guard case .end = unwrapOutboundIn(data) else {
            context.write(data, promise: promise)
            return
        }
        responsesWritten += 1
        if responsesWritten > requestsRead {
            // Answered before the body ended (too large, unknown route, refused early): do not drain the rest.
            let channel = context.channel
            context.writeAndFlush(data).whenComplete { result in
                promise?.completeWith(result)
                channel.close(promise: nil)
            }
            return
        }
        registry.update(context.channel, to: .idle)
        context.write(data, promise: promise)
    }
}
