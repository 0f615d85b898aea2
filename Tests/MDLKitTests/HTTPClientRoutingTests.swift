import Foundation
import Hummingbird
import MDLKit
import Testing

/// CurlHTTPClient redirects and proxies against real loopback servers.
struct HTTPClientRoutingTests {
    private func client(maxRedirects: Int = 3, proxy: CurlHTTPClient.Proxy = .direct) -> CurlHTTPClient {
        CurlHTTPClient(configuration: .init(proxy: proxy, retry: .none, maxRedirects: maxRedirects))
    }

    private func url(_ port: Int, _ path: String) throws -> URL {
        try #require(URL(string: "http://127.0.0.1:\(port)\(path)"))
    }

    @Test func followsRedirectsUpToTheLimit() async throws {
        let log = RequestLog()
        try await LoopbackHTTPServer.run({ router in
            router.get("/old") { _, _ in loopbackResponse(status: 302, headers: ["Location": "/new"]) }
            router.get("/new") { request, _ in
                log.record(request)
                return loopbackResponse(headers: ["X-Final": "yes"], body: [1, 2])
            }
            router.get("/loop") { _, _ in loopbackResponse(status: 302, headers: ["Location": "/loop"]) }
            router.get("/file") { _, _ in loopbackResponse(status: 302, headers: ["Location": "file:///etc/passwd"]) }
        }) { port in
            let followed = try await client().exchange(try url(port, "/old"))
            #expect(followed.status == 200)
            #expect(followed.body == [1, 2])
            #expect(followed.header("X-Final") == "yes")
            #expect(followed.header("Location") == nil)  // only the final response's headers

            let unfollowed = try await client(maxRedirects: 0).exchange(try url(port, "/old"))
            #expect(unfollowed.status == 302)

            await #expect(throws: HTTPClientError(code: .tooManyRedirects)) {
                try await client().exchange(try url(port, "/loop"))
            }
            await #expect(throws: HTTPClientError(code: .tooManyRedirects)) {
                try await client().exchange(try url(port, "/file"))
            }
        }
        #expect(log.count == 1)
    }

    @Test func anExplicitProxyIsUsed() async throws {
        let deadProxyPort = try closedLoopbackPort()
        let deadProxy = try url(deadProxyPort, "")
        try await LoopbackHTTPServer.run({ router in
            router.get("/list") { _, _ in loopbackResponse(body: [5]) }
        }) { port in
            let target = try url(port, "/list")
            #expect(try await client().exchange(target).body == [5])
            await #expect(throws: HTTPClientError(code: .connectionFailed)) {
                try await client(proxy: .explicit(deadProxy)).exchange(target)
            }
            let bypassed = try await client(proxy: .explicit(deadProxy, bypass: ["127.0.0.1"])).exchange(target)
            #expect(bypassed.body == [5])
        }
    }
}
