import Foundation
import Hummingbird
import MDLKit
import Testing

/// CachingHTTPFetcher over CurlHTTPClient against real loopback servers, with a hand-moved clock.
struct HTTPClientCacheTests {
    private let client = CurlHTTPClient(
        configuration: .init(connectTimeout: .seconds(5), totalTimeout: .seconds(10), proxy: .direct, retry: .none)
    )

    private func url(_ port: Int, _ path: String) throws -> URL {
        try #require(URL(string: "http://127.0.0.1:\(port)\(path)"))
    }

    @Test func revalidatesWithETagAndReusesTheBodyOn304() async throws {
        let log = RequestLog()
        let body: [UInt8] = Array("list version 1".utf8)
        let clock = ManualClock()
        let fetcher = CachingHTTPFetcher(client: client, now: { clock.now })
        try await LoopbackHTTPServer.run({ router in
            router.get("/list") { request, _ in
                log.record(request)
                if request.header("If-None-Match") == "\"v1\"" {
                    return loopbackResponse(status: 304, headers: ["ETag": "\"v1\""])
                }
                return loopbackResponse(headers: ["ETag": "\"v1\"", "Cache-Control": "no-cache"], body: body)
            }
        }) { port in
            let first = try await fetcher.fetch(try url(port, "/list"))
            #expect(first.source == .network)
            #expect(first.body == body)
            clock.advance(by: 5)
            let second = try await fetcher.fetch(try url(port, "/list"))
            #expect(second.source == .revalidated)
            #expect(second.body == body)
            #expect(second.age == .zero)
        }
        #expect(log.count == 2)
        #expect(log.all.first?["if-none-match"] == nil)
        #expect(log.all.last?["if-none-match"] == "\"v1\"")
    }

    @Test func maxAgeAnswersFromTheCacheWithoutARequest() async throws {
        let log = RequestLog()
        let clock = ManualClock()
        let fetcher = CachingHTTPFetcher(client: client, now: { clock.now })
        try await LoopbackHTTPServer.run({ router in
            router.get("/list") { request, _ in
                log.record(request)
                return loopbackResponse(
                    headers: ["Cache-Control": "public, max-age=60", "ETag": "\"n\(log.count)\""],
                    body: [UInt8(log.count)]
                )
            }
        }) { port in
            let target = try url(port, "/list")
            let first = try await fetcher.fetch(target)
            clock.advance(by: 30)
            let second = try await fetcher.fetch(target)
            #expect(second.source == .cache)
            #expect(second.body == first.body)
            #expect(second.age == .seconds(30))
            #expect(log.count == 1)
            clock.advance(by: 31)
            let third = try await fetcher.fetch(target)
            #expect(third.source == .network)
            #expect(third.body == [2])
            #expect(log.count == 2)
            #expect(log.all.last?["if-none-match"] == "\"n1\"")
        }
    }

    @Test func theAgeHeaderCountsTowardsFreshness() async throws {
        let log = RequestLog()
        let clock = ManualClock()
        let fetcher = CachingHTTPFetcher(client: client, now: { clock.now })
        try await LoopbackHTTPServer.run({ router in
            router.get("/list") { request, _ in
                log.record(request)
                return loopbackResponse(headers: ["Cache-Control": "max-age=60", "Age": "50"], body: [1])
            }
        }) { port in
            let target = try url(port, "/list")
            let first = try await fetcher.fetch(target)
            #expect(first.age == .seconds(50))
            clock.advance(by: 20)
            _ = try await fetcher.fetch(target)
        }
        #expect(log.count == 2)
    }

    @Test func noStoreIsNeverCached() async throws {
        let log = RequestLog()
        let fetcher = CachingHTTPFetcher(client: client, now: { Date(timeIntervalSince1970: 0) })
        try await LoopbackHTTPServer.run({ router in
            router.get("/private") { request, _ in
                log.record(request)
                return loopbackResponse(headers: ["Cache-Control": "no-store, max-age=600"], body: [9])
            }
        }) { port in
            _ = try await fetcher.fetch(try url(port, "/private"))
            _ = try await fetcher.fetch(try url(port, "/private"))
            await #expect(throws: HTTPClientError(code: .notCached)) {
                try await fetcher.fetch(try url(port, "/private"), policy: .offline(maxStaleness: .seconds(3600)))
            }
        }
        #expect(log.count == 2)
    }

    @Test func offlineAnswersWithinTheStalenessBoundAndReportsAge() async throws {
        let log = RequestLog()
        let clock = ManualClock()
        let fetcher = CachingHTTPFetcher(client: client, now: { clock.now })
        try await LoopbackHTTPServer.run({ router in
            router.get("/list") { request, _ in
                log.record(request)
                return loopbackResponse(headers: ["Cache-Control": "max-age=60"], body: [7, 7])
            }
        }) { port in
            let target = try url(port, "/list")
            await #expect(throws: HTTPClientError(code: .notCached)) {
                try await fetcher.fetch(target, policy: .offline(maxStaleness: .seconds(3600)))
            }
            _ = try await fetcher.fetch(target)
            clock.advance(by: 100)
            let offline = try await fetcher.fetch(target, policy: .offline(maxStaleness: .seconds(60)))
            #expect(offline.source == .cache)
            #expect(offline.body == [7, 7])
            #expect(offline.age == .seconds(100))
            #expect(offline.staleness == .seconds(40))
            clock.advance(by: 100)
            await #expect(throws: HTTPClientError(code: .notCached)) {
                try await fetcher.fetch(target, policy: .offline(maxStaleness: .seconds(60)))
            }
        }
        #expect(log.count == 1)
    }

    @Test func staleIfErrorFallsBackOnlyWithinTheBound() async throws {
        let log = RequestLog()
        let clock = ManualClock()
        let fetcher = CachingHTTPFetcher(client: client, now: { clock.now })
        try await LoopbackHTTPServer.run({ router in
            router.get("/list") { request, _ in
                log.record(request)
                return log.count == 1
                    ? loopbackResponse(headers: ["Cache-Control": "max-age=10"], body: [3])
                    : loopbackResponse(status: 502)
            }
        }) { port in
            let target = try url(port, "/list")
            _ = try await fetcher.fetch(target)
            clock.advance(by: 70)
            let fallback = try await fetcher.fetch(target, policy: .online(staleIfError: .seconds(120)))
            #expect(fallback.source == .cache)
            #expect(fallback.staleness == .seconds(60))
            let error = await #expect(throws: HTTPClientError.self) { try await fetcher.fetch(target) }
            #expect(error?.code == .httpStatus)
            #expect(error?.httpStatus == 502)
            #expect(MDLError.statusUnavailable(try #require(error)).code == .statusUnavailable)
        }
        #expect(log.count == 3)
    }

    @Test func mustRevalidateIsNeverServedStale() async throws {
        let clock = ManualClock()
        let fetcher = CachingHTTPFetcher(client: client, now: { clock.now })
        try await LoopbackHTTPServer.run({ router in
            router.get("/list") { _, _ in
                loopbackResponse(headers: ["Cache-Control": "max-age=10, must-revalidate"], body: [5])
            }
        }) { port in
            let target = try url(port, "/list")
            _ = try await fetcher.fetch(target)
            clock.advance(by: 5)
            #expect(try await fetcher.fetch(target, policy: .offline(maxStaleness: .seconds(600))).body == [5])
            clock.advance(by: 10)
            await #expect(throws: HTTPClientError(code: .notCached)) {
                try await fetcher.fetch(target, policy: .offline(maxStaleness: .seconds(600)))
            }
        }
    }
}
