/// A failure to get an HTTP response, with a stable ``Code``.
///
/// Equality compares codes only, so tests can write `#expect(throws: HTTPClientError(code: .pinMismatch))`. At the
/// status layer every code means the status could not be established: see `MDLError.statusUnavailable(_:)`.
public struct HTTPClientError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The stable code of the failure.
    public let code: Code
    /// A message a person can act on (may include libcurl's explanation). Never contains response bodies.
    public let message: String
    /// The HTTP status, for ``Code/httpStatus``.
    public let httpStatus: Int?
    /// libcurl's `CURLcode`, when libcurl reported the failure.
    public let curlCode: Int?
    /// Where the error was raised (`#fileID:#line`), for bug reports.
    public let location: String

    /// Creates an error.
    public init(
        code: Code,
        message: String = "",
        httpStatus: Int? = nil,
        curlCode: Int? = nil,
        file: String = #fileID,
        line: Int = #line
    ) {
        self.code = code
        self.message = message.isEmpty ? code.rawValue : message
        self.httpStatus = httpStatus
        self.curlCode = curlCode
        self.location = "\(file):\(line)"
    }

    /// The server answered with `status`, which the caller cannot use.
    public static func httpStatus(_ status: Int, file: String = #fileID, line: Int = #line) -> HTTPClientError {
        HTTPClientError(
            code: .httpStatus,
            message: "the server answered HTTP \(status)",
            httpStatus: status,
            file: file,
            line: line
        )
    }

    /// The code and the message, e.g. `pinMismatch: SSL: public key does not match pinned public key`.
    public var description: String { "\(code.rawValue): \(message)" }

    /// Whether two errors have the same code (messages and locations are ignored).
    public static func == (lhs: HTTPClientError, rhs: HTTPClientError) -> Bool { lhs.code == rhs.code }
    /// Hashes the code only, consistent with `==`.
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }

    /// A stable error code. New codes may be added; existing ones never change meaning.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// The code as text, e.g. `"pinMismatch"`.
        public let rawValue: String
        /// Creates a code from its text.
        public init(_ rawValue: String) { self.rawValue = rawValue }
        /// The code as text.
        public var description: String { rawValue }

        /// The connect timeout or the whole-transfer timeout ran out.
        public static let timeout = Code("timeout")
        /// No connection: refused, unreachable, name or proxy not resolved, or dropped before a response.
        public static let connectionFailed = Code("connectionFailed")
        /// The TLS handshake failed or the server's certificate did not chain to a trusted anchor.
        public static let tlsFailure = Code("tlsFailure")
        /// The server's public key is not one of the pinned keys.
        public static let pinMismatch = Code("pinMismatch")
        /// The response (declared or streamed) exceeded the configured maximum size.
        public static let responseTooLarge = Code("responseTooLarge")
        /// The server answered with a status the caller cannot use (see ``HTTPClientError/httpStatus``).
        public static let httpStatus = Code("httpStatus")
        /// More redirects than the configured maximum, or a redirect to a scheme other than http/https.
        public static let tooManyRedirects = Code("tooManyRedirects")
        /// The request or the client configuration is unusable (bad URL or scheme, malformed pin, header injection).
        public static let invalidRequest = Code("invalidRequest")
        /// Offline, and the cache holds no answer within the allowed staleness.
        public static let notCached = Code("notCached")
        /// Any other transfer failure reported by libcurl.
        public static let transferFailed = Code("transferFailed")
    }
}
