import Foundation

/// An HTTP request for an ``HTTPClient``.
///
/// ```swift
/// let request = HTTPRequest(url: statusListURL, headers: ["Accept": "application/statuslist+cwt"])
/// let response = try await client.send(request)
/// ```
public struct HTTPRequest: Sendable, Hashable {
    /// An HTTP method.
    public struct Method: Sendable, Hashable, CustomStringConvertible {
        /// The method token, e.g. `"GET"`.
        public let rawValue: String
        /// Creates a method from its token.
        public init(_ rawValue: String) { self.rawValue = rawValue }
        /// The method token.
        public var description: String { rawValue }

        /// `GET`.
        public static let get = Method("GET")
        /// `HEAD`.
        public static let head = Method("HEAD")
        /// `POST`.
        public static let post = Method("POST")
        /// `PUT`.
        public static let put = Method("PUT")
        /// `DELETE`.
        public static let delete = Method("DELETE")

        /// Whether a failed attempt may be repeated without changing the outcome (RFC 9110 §9.2.2). The client's
        /// retry policy is narrower still: it repeats only `GET` and `HEAD`.
        public var isIdempotent: Bool { [.get, .head, .put, .delete].contains(self) }
    }

    /// The method.
    public var method: Method
    /// The absolute `http` or `https` URL.
    public var url: URL
    /// The request header fields.
    public var headers: HTTPHeaders
    /// The body, sent as is (`nil` for none).
    public var body: [UInt8]?
    /// The time allowed to connect (TCP and TLS), overriding the client's configuration when set.
    public var connectTimeout: Duration?
    /// The time allowed for the whole transfer, overriding the client's configuration when set.
    public var totalTimeout: Duration?

    /// Creates a request.
    public init(
        method: Method = .get,
        url: URL,
        headers: HTTPHeaders = [:],
        body: [UInt8]? = nil,
        connectTimeout: Duration? = nil,
        totalTimeout: Duration? = nil
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.connectTimeout = connectTimeout
        self.totalTimeout = totalTimeout
    }
}

/// An HTTP response: any status the server sent, with its headers and the whole body.
public struct HTTPResponse: Sendable, Hashable {
    /// The status code of the final response (after redirects).
    public var status: Int
    /// The header fields of the final response.
    public var headers: HTTPHeaders
    /// The body (empty for none).
    public var body: [UInt8]

    /// Creates a response.
    public init(status: Int, headers: HTTPHeaders = [:], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// Whether the status is 2xx.
    public var isSuccess: Bool { (200..<300).contains(status) }
}

/// Sends HTTP requests. MDLKit fetches status lists and trust lists through this protocol, so tests and relying
/// parties can inject their own transport; `MDLCurl`'s `CurlHTTPClient` is the default.
///
/// Implementations throw ``HTTPClientError`` for transport failures and return every HTTP status, including 4xx and
/// 5xx, as an ``HTTPResponse``; callers decide what a status means.
public protocol HTTPClient: Sendable {
    /// Sends `request` and returns the server's response.
    func send(_ request: HTTPRequest) async throws -> HTTPResponse
}
