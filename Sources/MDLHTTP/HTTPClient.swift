import Foundation
import HTTPTypes

/// Sends HTTP requests. MDLKit fetches status lists and trust lists through this protocol, so tests and relying
/// parties can inject their own transport; `MDLCurl`'s `CurlHTTPClient` is the default.
///
/// Requests and responses are swift-http-types values (`HTTPRequest`, `HTTPResponse`, `HTTPFields`); the body
/// travels beside them, whole.
///
/// ```swift
/// let request = try HTTPRequest(checking: statusListURL, headerFields: [.accept: "application/statuslist+cwt"])
/// let (response, body) = try await client.send(request)
/// ```
///
/// Implementations throw ``HTTPClientError`` for transport failures and return every HTTP status, including 4xx and
/// 5xx, as an `HTTPResponse`; callers decide what a status means.
public protocol HTTPClient: Sendable {
    /// Sends `request` with `body` (`nil` for none) under `options` and returns the final response and its whole body.
    func send(
        _ request: HTTPRequest,
        body: [UInt8]?,
        options: HTTPRequestOptions
    ) async throws -> (response: HTTPResponse, body: [UInt8])
}

extension HTTPClient {
    /// Sends `request` with `body` (`nil` for none) and the client's own timeouts.
    public func send(_ request: HTTPRequest, body: [UInt8]? = nil) async throws -> (response: HTTPResponse, body: [UInt8]) {
        try await send(request, body: body, options: HTTPRequestOptions())
    }
}

/// Per-request settings that override an ``HTTPClient``'s configuration.
public struct HTTPRequestOptions: Sendable, Hashable {
    /// The time allowed to connect (TCP and TLS), overriding the client's configuration when set.
    public var connectTimeout: Duration?
    /// The time allowed for the whole transfer, overriding the client's configuration when set.
    public var totalTimeout: Duration?

    /// Creates options; `nil` keeps the client's setting.
    public init(connectTimeout: Duration? = nil, totalTimeout: Duration? = nil) {
        self.connectTimeout = connectTimeout
        self.totalTimeout = totalTimeout
    }
}

extension HTTPRequest {
    /// A request for `url`, refusing a URL that swift-http-types cannot split into scheme, authority and path (its
    /// own `init(url:)` traps on a URL without a scheme).
    /// - Throws: ``HTTPClientError/Code/invalidRequest`` for a URL without a scheme.
    public init(checking url: URL, method: Method = .get, headerFields: HTTPFields = [:]) throws {
        guard let components = URLComponents(url: url, resolvingAgainstBaseURL: true), components.string != nil,
            components.rangeOfScheme != nil, url.scheme?.isEmpty == false
        else {
            throw HTTPClientError(code: .invalidRequest, message: "only absolute http and https URLs are fetched")
        }
        self.init(method: method, url: url, headerFields: headerFields)
    }
}

extension HTTPResponse.Status {
    /// Whether the status is 2xx.
    package var isSuccess: Bool { kind == .successful }
}
