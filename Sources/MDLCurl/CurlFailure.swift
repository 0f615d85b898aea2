import CMDLCurl
import Foundation
import HTTPTypes
import MDLHTTP

/// Maps a libcurl result to an ``HTTPClientError``.
enum CurlFailure {
    private static let connection: Set<UInt32> = codes(
        CURLE_COULDNT_RESOLVE_PROXY,
        CURLE_COULDNT_RESOLVE_HOST,
        CURLE_COULDNT_CONNECT,
        CURLE_GOT_NOTHING,
        CURLE_SEND_ERROR,
        CURLE_RECV_ERROR,
        CURLE_PARTIAL_FILE
    )
    private static let tls: Set<UInt32> = codes(
        CURLE_SSL_CONNECT_ERROR,
        CURLE_PEER_FAILED_VERIFICATION,
        CURLE_SSL_CERTPROBLEM,
        CURLE_SSL_CIPHER,
        CURLE_SSL_CACERT_BADFILE,
        CURLE_SSL_ENGINE_NOTFOUND,
        CURLE_SSL_ENGINE_SETFAILED,
        CURLE_SSL_SHUTDOWN_FAILED,
        CURLE_SSL_CRL_BADFILE,
        CURLE_SSL_ISSUER_ERROR,
        CURLE_SSL_INVALIDCERTSTATUS,
        CURLE_SSL_CLIENTCERT,
        CURLE_USE_SSL_FAILED
    )

    private static func codes(_ values: CURLcode...) -> Set<UInt32> { Set(values.map(\.rawValue)) }

    static func error(for code: CURLcode, sink: TransferSink) -> HTTPClientError {
        let detail = sink.errorDetail
        let message = detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail
        let curlCode = Int(code.rawValue)
        if sink.bodyTooLarge || sink.headersTooLarge || code == CURLE_FILESIZE_EXCEEDED {
            let what = sink.headersTooLarge ? "header" : "body"
            let limit = sink.headersTooLarge ? sink.maxHeaderBytes : sink.maxBodyBytes
            return HTTPClientError(
                code: .responseTooLarge,
                message: "the response \(what) exceeds \(limit) bytes",
                curlCode: curlCode
            )
        }
        let errorCode: HTTPClientError.Code
        switch code.rawValue {
        case CURLE_OPERATION_TIMEDOUT.rawValue: errorCode = .timeout
        case CURLE_SSL_PINNEDPUBKEYNOTMATCH.rawValue: errorCode = .pinMismatch
        case CURLE_TOO_MANY_REDIRECTS.rawValue, CURLE_UNSUPPORTED_PROTOCOL.rawValue: errorCode = .tooManyRedirects
        case CURLE_URL_MALFORMAT.rawValue: errorCode = .invalidRequest
        case let raw where connection.contains(raw): errorCode = .connectionFailed
        case let raw where tls.contains(raw): errorCode = .tlsFailure
        default: errorCode = .transferFailed
        }
        return HTTPClientError(code: errorCode, message: message, curlCode: curlCode)
    }
}

/// Refuses requests and configurations that must not reach libcurl.
enum CurlRequestCheck {
    /// The URL to fetch, or ``HTTPClientError/Code/invalidRequest`` saying what is wrong.
    static func check(
        _ request: HTTPRequest,
        configuration: CurlHTTPClient.Configuration
    ) -> Result<String, HTTPClientError> {
        if let problem = problem(with: request, configuration: configuration) {
            return .failure(HTTPClientError(code: .invalidRequest, message: problem))
        }
        guard let url = request.url?.absoluteString else {
            return .failure(HTTPClientError(code: .invalidRequest, message: "only absolute http and https URLs are fetched"))
        }
        return .success(url)
    }

    /// A description of what is wrong, or `nil` when the request may be sent.
    private static func problem(with request: HTTPRequest, configuration: CurlHTTPClient.Configuration) -> String? {
        guard let url = request.url, let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
            url.host?.isEmpty == false
        else { return "only absolute http and https URLs are fetched" }
        for field in request.headerFields {
            guard isToken(field.name.rawName) else { return "invalid header name" }
            guard !field.value.utf8.contains(where: { $0 == 0x0D || $0 == 0x0A || $0 == 0 }) else {
                return "a header value contains a line break"
            }
        }
        guard isToken(request.method.rawValue) else { return "invalid method" }
        for pin in configuration.pinnedPublicKeys {
            guard pin.utf8.count == 44, let digest = Data(base64Encoded: pin), digest.count == 32 else {
                return "a pinned key is not a base64 SHA-256 digest"
            }
        }
        guard configuration.maxResponseBytes >= 0, configuration.maxHeaderBytes >= 0 else {
            return "negative size limit"
        }
        return nil
    }

    /// RFC 9110 `token`: visible ASCII except separators.
    private static func isToken(_ text: String) -> Bool {
        !text.isEmpty
            && text.utf8.allSatisfy { byte in
                byte > 0x20 && byte < 0x7F && !"\"(),/:;<=>?@[\\]{}".utf8.contains(byte)
            }
    }
}
