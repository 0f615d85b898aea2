import Foundation
import MDLKit
import MDLRelyingPartyServer
import MDLSandbox
import Testing

/// The relying party's HTTP server under hostile traffic on loopback (issue 20): after each abuse, the honest
/// sandbox wallet's exchange completes. Counts are small (tens of connections) and limits tight, so each test
/// takes seconds.
struct HostileTrafficTests {
    /// Tight limits so deadlines fire within a test: 1 s to send a head or a body, 8 connections.
    static let tight = HTTPServerLimits(maximumBodyBytes: 64 * 1024, idleTimeout: .seconds(1), bodyTimeout: .seconds(1), maximumConnections: 8)

    @Test func junkPostsConcernNoSessionAndTheHonestWalletCompletes() async throws {
        try await RelyingPartyHarness.with { harness in
            let request = try await harness.newRequest()
            #expect(try await harness.post(Array("junk-13-bytes".utf8), to: "/response") == 404)
            #expect(try await harness.post(Array("response=x".utf8), to: "/response/unknown") == 404)
            #expect(try await harness.post(Array("junk-13-bytes".utf8), to: "/response/\(request.id)") == 400)
            #expect(try await harness.honestExchange(request) == 200)
            let reported = harness.responses
            #expect(reported.filter(\.isHolderAuthenticated).map(\.requestID) == [request.id])
            #expect(reported.filter { $0.isBound }.allSatisfy { $0.state == request.state })
            #expect(reported.contains { !$0.isBound && $0.requestID == "unknown" })
        }
    }

    @Test func aForgedDeclineOverHTTPDoesNotStopTheHolder() async throws {
        try await RelyingPartyHarness.with { harness in
            let request = try await harness.newRequest()
            let forged = FormBody.encode([("response", try ForgedDeclineTests.forgedDecline(for: request))])
            #expect(try await harness.post(forged, to: "/response/\(request.id)") == 200)
            #expect(try await harness.honestExchange(request) == 200)
            #expect(try await harness.audit.receipts().map(\.outcome) == [.declined, .presented])
        }
    }

    @Test func duplicateParametersAndOversizedBodiesAreRefused() async throws {
        try await RelyingPartyHarness.with(limits: Self.tight) { harness in
            let request = try await harness.newRequest()
            #expect(try await harness.post(Array("response=a&response=b".utf8), to: "/response/\(request.id)") == 400)
            let oversized = [UInt8](repeating: UInt8(ascii: "+"), count: 65 * 1024)
            #expect(try await harness.post(oversized, to: "/response/\(request.id)") == 413)
            #expect(try await harness.honestExchange(request) == 200)
        }
    }

    /// A body that starts and stops is cut at the body deadline; its connection does not linger.
    @Test func aStalledBodyIsCutAtTheBodyDeadline() async throws {
        try await RelyingPartyHarness.with(limits: Self.tight) { harness in
            let request = try await harness.newRequest()
            let stalled = try (0..<4).map { _ in try RawConnection(port: harness.port) }
            for connection in stalled {
                let head = "POST /response/\(request.id) HTTP/1.1\r\nHost: x\r\nContent-Length: 60000\r\n\r\nresponse=ab"
                connection.send(Array(head.utf8))
            }
            for connection in stalled { #expect(await connection.closes(within: 20)) }
            #expect(try await harness.honestExchange(request) == 200)
            #expect(harness.responses.filter { $0.isBound }.count == 1)
        }
    }

    /// More idle connections than the cap, and headers that never end: the idle ones are evicted or time out, and
    /// the honest wallet gets in at once.
    @Test func idleConnectionsBeyondTheCapDoNotLockOutTheWallet() async throws {
        try await RelyingPartyHarness.with(limits: HTTPServerLimits(idleTimeout: .seconds(60), maximumConnections: 8)) { harness in
            let request = try await harness.newRequest()
            var idle = try (0..<24).map { _ in try RawConnection(port: harness.port) }
            for connection in idle.prefix(8) { connection.send(Array("GET /request/\(request.id) HTTP/1.1\r\nHost: x\r\n".utf8)) }
            #expect(try await harness.honestExchange(request) == 200)
            // The first connections were evicted to make room (the idle timeout is a minute away).
            for connection in idle.prefix(4) { #expect(await connection.closes(within: 20)) }
            idle.removeAll()
        }
    }

    /// A burst of slow bodies fills the cap just as the wallet connects: the wallet's fresh connection is not the
    /// one evicted for the next attacker connection; the connections that have waited longest are.
    @Test func aFreshConnectionOutlivesOlderSlowBodiesAtTheCap() async throws {
        try await RelyingPartyHarness.with(limits: HTTPServerLimits(idleTimeout: .seconds(60), bodyTimeout: .seconds(60), maximumConnections: 8)) { harness in
            let request = try await harness.newRequest()
            let head = "POST /response/\(request.id) HTTP/1.1\r\nHost: x\r\nContent-Length: 60000\r\n\r\nresponse=ab"
            var slow: [RawConnection] = []
            for _ in 0..<8 {
                let connection = try RawConnection(port: harness.port)
                connection.send(Array(head.utf8))
                slow.append(connection)
            }
            try await Task.sleep(for: .milliseconds(300))
            let wallet = try RawConnection(port: harness.port)
            try await Task.sleep(for: .milliseconds(200))
            for _ in 0..<4 {
                let connection = try RawConnection(port: harness.port)
                connection.send(Array(head.utf8))
                slow.append(connection)
            }
            try await Task.sleep(for: .milliseconds(300))
            #expect(wallet.send(Array("GET /request/\(request.id) HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".utf8)))
            let answer = await offThePool { wallet.readUntilClosed(seconds: 10) }
            #expect(String(decoding: answer.bytes, as: UTF8.self).hasPrefix("HTTP/1.1 200"))
            // Slow bodies made room: one for the wallet and one for each later connection (13 opened, cap 8).
            let first = Array(slow.prefix(8))
            let closed = await withTaskGroup(of: Bool.self) { group in
                for connection in first { group.addTask { await connection.closes(within: 2) } }
                return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            #expect(closed == 5)
            slow.removeAll()
        }
    }

    @Test func theIdleDeadlineClosesSilentConnections() async throws {
        try await RelyingPartyHarness.with(limits: Self.tight) { harness in
            let silent = try RawConnection(port: harness.port)
            #expect(await silent.closes(within: 20))
            let slowHead = try RawConnection(port: harness.port)
            slowHead.send(Array("GET /request/x HTTP/1.1\r\n".utf8))
            #expect(await slowHead.closes(within: 20))
        }
    }

    /// Heavy forms (the largest accepted body, all `+`) posted in parallel while the wallet runs its exchange.
    @Test func heavyFormsInParallelDoNotStarveTheWallet() async throws {
        try await RelyingPartyHarness.with { harness in
            let request = try await harness.newRequest()
            let heavy = [UInt8](repeating: UInt8(ascii: "+"), count: HTTPServerLimits.standard.maximumBodyBytes)
            let statuses = try await withThrowingTaskGroup(of: Int?.self) { group in
                for _ in 0..<8 { group.addTask { try await harness.post(heavy, to: "/response/\(request.id)") } }
                group.addTask { try await harness.honestExchange(request) }
                var statuses: [Int?] = []
                for try await status in group { statuses.append(status) }
                return statuses
            }
            #expect(statuses.filter { $0 == 400 }.count == 8)
            #expect(statuses.filter { $0 == 200 }.count == 1)
            #expect(try await harness.audit.receipts().map(\.outcome) == [.presented])
        }
    }

    /// A request head past `maximumHeaderBytes` (16 KiB) is refused before any route runs.
    @Test func anOversizedHeadIsRefused() async throws {
        try await RelyingPartyHarness.with { harness in
            let request = try await harness.newRequest()
            let connection = try RawConnection(port: harness.port)
            let head = "GET /request/\(request.id) HTTP/1.1\r\nHost: x\r\nX-Padding: \(String(repeating: "a", count: 20 * 1024))\r\n\r\n"
            let reply = await offThePool {
                connection.send(Array(head.utf8))
                return connection.readUntilClosed(seconds: 20)
            }
            #expect(RelyingPartyHarness.status(of: reply.bytes) == 400)
            #expect(reply.closed)
            #expect(try await harness.honestExchange(request) == 200)
        }
    }

    /// Requests pipelined on one connection are all answered: closing after an early reply applies only to a
    /// reply sent before its own request's body ended.
    @Test func pipelinedRequestsAreAllAnswered() async throws {
        try await RelyingPartyHarness.with { harness in
            let request = try await harness.newRequest()
            let connection = try RawConnection(port: harness.port)
            let get = "GET /request/\(request.id) HTTP/1.1\r\nHost: x\r\n\r\n"
            let last = "GET /request/\(request.id) HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
            let reply = await offThePool {
                connection.send(Array((get + get + last).utf8))
                return connection.readUntilClosed(seconds: 20)
            }
            let text = String(decoding: reply.bytes, as: UTF8.self)
            #expect(text.components(separatedBy: "HTTP/1.1 200").count - 1 == 3)
        }
    }
}
