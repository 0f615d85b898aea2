import Foundation
import Hummingbird
import MDLKit
import Testing

/// CurlHTTPClient against real Hummingbird servers on 127.0.0.1.
struct HTTPClientTests {
    private func client(
        totalTimeout: Duration = .seconds(10),
        maxResponseBytes: Int = 1024 * 1024,
        retry: RetryPolicy = .none
    ) -> CurlHTTPClient {
        CurlHTTPClient(
            configuration: .init(
                connectTimeout: .seconds(5),
                totalTimeout: totalTimeout,
                maxResponseBytes: maxResponseBytes,
                proxy: .direct,
                retry: retry
            )
        )
    }

    private func url(_ port: Int, _ path: String) throws -> URL {
        try #require(URL(string: "http://127.0.0.1:\(port)\(path)"))
    }

    @Test func returnsBodyHeadersAndStatus() async throws {
        let body = (0..<5000).map { UInt8(truncatingIfNeeded: $0 * 7) }
        let log = RequestLog()
        let response = try await LoopbackHTTPServer.run({ router in
            router.get("/list") { request, _ in
                log.record(request)
                return loopbackResponse(
                    headers: ["ETag": "\"v1\"", "Content-Type": "application/octet-stream"],
                    body: body
                )
            }
        }) { port in
            try await client().exchange(try url(port, "/list"), headers: ["Accept": "application/statuslist+cwt"])
        }
        #expect(response.status == 200)
        #expect(response.body == body)
        #expect(response.header("etag") == "\"v1\"")
        #expect(log.count == 1)
        #expect(log.all.first?["accept"] == "application/statuslist+cwt")
        #expect(log.all.first?["user-agent"] == "MDLKit")
    }

    @Test func returnsNotFoundAsAResponse() async throws {
        let response = try await LoopbackHTTPServer.run({ _ in }) { port in
            try await client().exchange(try url(port, "/missing"))
        }
        #expect(response.status == 404)
        #expect(!response.isSuccess)
    }

    @Test func postsABinaryBody() async throws {
        let payload: [UInt8] = [0, 1, 2, 0xFF, 0, 0x0D, 0x0A]
        let response = try await LoopbackHTTPServer.run({ router in
            router.post("/echo") { request, _ in
                let received = try await request.body.collect(upTo: 1024)
                return loopbackResponse(body: Array(received.readableBytesView))
            }
        }) { port in
            try await client().exchange(try url(port, "/echo"), method: .post, body: payload)
        }
        #expect(response.body == payload)
    }

    @Test func timesOutOnASlowServer() async throws {
        try await LoopbackHTTPServer.run({ router in
            router.get("/slow") { _, _ in
                try await Task.sleep(for: .seconds(60))  // far beyond the timeout and any scheduling delay
                return loopbackResponse(body: [1])
            }
        }) { port in
            let started = ContinuousClock.now
            await #expect(throws: HTTPClientError(code: .timeout)) {
                try await client(totalTimeout: .milliseconds(300)).exchange(try url(port, "/slow"))
            }
            #expect(ContinuousClock.now - started < .seconds(30))  // the client gave up; the server never answered
        }
    }

    @Test func perRequestTimeoutOverridesConfiguration() async throws {
        try await LoopbackHTTPServer.run({ router in
            router.get("/slow") { _, _ in
                try await Task.sleep(for: .seconds(2))
                return loopbackResponse(body: [1])
            }
        }) { port in
            let request = try HTTPRequest(checking: try url(port, "/slow"))
            let options = HTTPRequestOptions(totalTimeout: .milliseconds(200))
            await #expect(throws: HTTPClientError(code: .timeout)) {
                try await client().send(request, body: nil, options: options)
            }
        }
    }

    @Test func connectionRefusedOnAClosedPort() async throws {
        // A port nothing listens on.
        let closedPort = try closedLoopbackPort()
        let error = await #expect(throws: HTTPClientError.self) {
            try await client().exchange(try url(closedPort, "/"))
        }
        #expect(error?.code == .connectionFailed)
        #expect(error?.curlCode == 7)
    }

    @Test func retriesServerErrorsOnGetWithBackoff() async throws {
        let log = RequestLog()
        let response = try await LoopbackHTTPServer.run({ router in
            router.get("/flaky") { request, _ in
                log.record(request)
                return loopbackResponse(status: 500)
            }
        }) { port in
            try await client(retry: RetryPolicy(maxRetries: 2, baseDelay: .milliseconds(10)))
                .exchange(try url(port, "/flaky"))
        }
        #expect(response.status == 500)
        #expect(log.count == 3)
    }

    @Test func retrySucceedsWhenTheServerRecovers() async throws {
        let log = RequestLog()
        let response = try await LoopbackHTTPServer.run({ router in
            router.get("/recovering") { request, _ in
                log.record(request)
                return log.count < 2 ? loopbackResponse(status: 503) : loopbackResponse(body: [42])
            }
        }) { port in
            try await client(retry: RetryPolicy(maxRetries: 3, baseDelay: .milliseconds(10)))
                .exchange(try url(port, "/recovering"))
        }
        #expect(response.body == [42])
        #expect(log.count == 2)
    }

    @Test func doesNotRetryPostOrClientErrors() async throws {
        let log = RequestLog()
        try await LoopbackHTTPServer.run({ router in
            router.post("/fails") { request, _ in
                log.record(request)
                return loopbackResponse(status: 500)
            }
            router.get("/gone") { request, _ in
                log.record(request)
                return loopbackResponse(status: 410)
            }
        }) { port in
            let retrying = client(retry: RetryPolicy(maxRetries: 3, baseDelay: .milliseconds(10)))
            let post = try await retrying.exchange(try url(port, "/fails"), method: .post, body: [1])
            #expect(post.status == 500)
            let gone = try await retrying.exchange(try url(port, "/gone"))
            #expect(gone.status == 410)
        }
        #expect(log.count == 2)
    }

    @Test(arguments: [true, false])
    func refusesOversizedBodies(declared: Bool) async throws {
        try await LoopbackHTTPServer.run({ router in
            router.get("/big") { _, _ in loopbackStreamedResponse(total: 4 * 1024 * 1024, declared: declared) }
            router.get("/fits") { _, _ in loopbackStreamedResponse(total: 64 * 1024, declared: declared) }
        }) { port in
            let limited = client(maxResponseBytes: 100 * 1024)
            let error = await #expect(throws: HTTPClientError.self) {
                try await limited.exchange(try url(port, "/big"))
            }
            #expect(error?.code == .responseTooLarge)
            #expect(error?.curlCode == (declared ? 63 : 23))
            let fits = try await limited.exchange(try url(port, "/fits"))
            #expect(fits.body.count == 64 * 1024)
        }
    }

    @Test func cancellationAbortsTheTransfer() async throws {
        try await LoopbackHTTPServer.run({ router in
            router.get("/hang") { _, _ in
                try await Task.sleep(for: .seconds(60))
                return loopbackResponse(body: [1])
            }
        }) { port in
            let target = try url(port, "/hang")
            let started = ContinuousClock.now
            let task = Task { try await client(totalTimeout: .seconds(30)).exchange(target) }
            try await Task.sleep(for: .milliseconds(100))
            task.cancel()
            await #expect(throws: CancellationError.self) { try await task.value }
            #expect(ContinuousClock.now - started < .seconds(30))  // aborted, not answered after 60 s
        }
    }

    @Test func refusesUnusableRequests() async throws {
        let file = try #require(URL(string: "file:///etc/passwd"))
        await #expect(throws: HTTPClientError(code: .invalidRequest)) {
            try await client().exchange(file)
        }
        let local = try #require(URL(string: "http://127.0.0.1:9/"))
        // swift-http-types legalizes field values, so a line break cannot reach the wire as a second header.
        let injected = HTTPField(name: try #require(HTTPField.Name("X-Injected")), value: "a\r\nHost: evil")
        #expect(!injected.value.contains("\r") && !injected.value.contains("\n"))
        // A URL without a scheme would trap in swift-http-types' own initializer; ours refuses it.
        let schemeless = try #require(URL(string: "status/list"))
        #expect(throws: HTTPClientError(code: .invalidRequest)) { try HTTPRequest(checking: schemeless) }
        await #expect(throws: HTTPClientError(code: .invalidRequest)) {
            try await CachingHTTPFetcher(client: client()).fetch(schemeless)
        }
        let badPin = CurlHTTPClient(configuration: .init(pinnedPublicKeys: ["not-a-digest"], proxy: .direct))
        await #expect(throws: HTTPClientError(code: .invalidRequest)) {
            try await badPin.exchange(local)
        }
    }

    @Test func retryDelaysStayWithinTheirBounds() {
        let policy = RetryPolicy(maxRetries: 5, baseDelay: .milliseconds(100), maxDelay: .milliseconds(500))
        var generator = SystemRandomNumberGenerator()
        for attempt in 0..<6 {
            let bound = min(Duration.milliseconds(500), .milliseconds(100) * (1 << attempt))
            for _ in 0..<50 {
                let delay = policy.delay(beforeRetry: attempt, using: &generator)
                #expect(delay >= bound / 2 && delay <= bound)
            }
        }
    }
}
