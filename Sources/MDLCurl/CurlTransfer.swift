import CMDLCurl
import Foundation
import HTTPTypes
import MDLHTTP

/// One libcurl easy transfer, run synchronously on the calling thread (never a Swift concurrency thread).
enum CurlTransfer {
    /// What one transfer sends: the request head, its body and the per-request options.
    struct Request: Sendable {
        var head: HTTPRequest
        var body: [UInt8]?
        var options: HTTPRequestOptions
    }

    /// What one transfer received: the final response head and its whole body.
    struct Reply: Sendable {
        var response: HTTPResponse
        var body: [UInt8]
    }

    /// libcurl's global state, initialised once per process before the first transfer.
    private static let globalInit: Int32 =
        curl_global_init(Int(CURL_GLOBAL_DEFAULT)).rawValue == CURLE_OK.rawValue
        ? 0 : 1

    /// Performs `request` once and returns the response or the failure.
    static func perform(
        _ request: Request,
        configuration: CurlHTTPClient.Configuration,
        cancellation: TransferCancellation,
        handles: CurlHandlePool
    ) -> Result<Reply, HTTPClientError> {
        guard globalInit == 0 else {
            return .failure(HTTPClientError(code: .transferFailed, message: "curl_global_init failed"))
        }
        let url: String
        switch CurlRequestCheck.check(request.head, configuration: configuration) {
        case .failure(let problem): return .failure(problem)
        case .success(let checked): url = checked
        }
        guard let handle = handles.take() else {
            return .failure(HTTPClientError(code: .transferFailed, message: "curl_easy_init failed"))
        }
        defer { handles.give(handle) }
        let sink = TransferSink(
            maxBodyBytes: configuration.maxResponseBytes,
            maxHeaderBytes: configuration.maxHeaderBytes,
            cancellation: cancellation
        )
        var headerList: UnsafeMutablePointer<curl_slist>? = nil
        defer { curl_slist_free_all(headerList) }

        return withExtendedLifetime(sink) {
            var options = CurlOptions(handle: handle)
            options.configure(request, url: url, configuration)
            for field in request.head.headerFields {
                headerList = curl_slist_append(headerList, "\(field.name.rawName): \(field.value)")
            }
            if request.body != nil, request.head.headerFields[.expect] == nil {
                headerList = curl_slist_append(headerList, "Expect:")  // no 100-continue round trip
            }
            if let headerList { options.set(cmdl_curl_setopt_slist(handle, CURLOPT_HTTPHEADER, headerList)) }
            let context = Unmanaged.passUnretained(sink).toOpaque()
            options.set(cmdl_curl_setopt_pointer(handle, CURLOPT_ERRORBUFFER, sink.errorBuffer))
            options.set(cmdl_curl_setopt_write_function(handle, TransferSink.writeBody))
            options.set(cmdl_curl_setopt_pointer(handle, CURLOPT_WRITEDATA, context))
            options.set(cmdl_curl_setopt_header_function(handle, TransferSink.writeHeader))
            options.set(cmdl_curl_setopt_pointer(handle, CURLOPT_HEADERDATA, context))
            options.set(cmdl_curl_setopt_long(handle, CURLOPT_NOPROGRESS, 0))
            options.set(cmdl_curl_setopt_xferinfo_function(handle, TransferSink.progress))
            options.set(cmdl_curl_setopt_pointer(handle, CURLOPT_XFERINFODATA, context))
            if let failure = options.failure {
                // An option libcurl refused (e.g. pinning not built in) must never be silently skipped.
                return .failure(
                    HTTPClientError(
                        code: .invalidRequest,
                        message: "libcurl refused an option: \(failure.message)",
                        curlCode: failure.code
                    )
                )
            }

            let code = curl_easy_perform(handle)
            guard code == CURLE_OK else { return .failure(CurlFailure.error(for: code, sink: sink)) }
            var status = 0
            _ = cmdl_curl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
            guard (0...999).contains(status) else {
                return .failure(HTTPClientError(code: .transferFailed, message: "libcurl reported status \(status)"))
            }
            let response = HTTPResponse(status: .init(code: status), headerFields: sink.headerFields)
            return .success(Reply(response: response, body: sink.body))
        }
    }
}

/// Sets options on an easy handle, remembering the first one libcurl refuses.
struct CurlOptions {
    let handle: UnsafeMutableRawPointer
    private(set) var failure: (code: Int, message: String)?

    init(handle: UnsafeMutableRawPointer) { self.handle = handle }

    mutating func set(_ code: CURLcode) {
        if code != CURLE_OK, failure == nil {
            failure = (Int(code.rawValue), String(cString: curl_easy_strerror(code)))
        }
    }

    /// Every option that follows from the request and the client configuration.
    mutating func configure(
        _ request: CurlTransfer.Request,
        url: String,
        _ configuration: CurlHTTPClient.Configuration
    ) {
        set(cmdl_curl_setopt_string(handle, CURLOPT_URL, url))
        set(cmdl_curl_setopt_long(handle, CURLOPT_NOSIGNAL, 1))
        set(cmdl_curl_setopt_string(handle, CURLOPT_PROTOCOLS_STR, "http,https"))
        set(cmdl_curl_setopt_string(handle, CURLOPT_REDIR_PROTOCOLS_STR, "http,https"))
        set(cmdl_curl_setopt_long(handle, CURLOPT_FOLLOWLOCATION, configuration.maxRedirects > 0 ? 1 : 0))
        set(cmdl_curl_setopt_long(handle, CURLOPT_MAXREDIRS, max(0, configuration.maxRedirects)))
        let connect = request.options.connectTimeout ?? configuration.connectTimeout
        let total = request.options.totalTimeout ?? configuration.totalTimeout
        set(cmdl_curl_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, Self.milliseconds(connect)))
        set(cmdl_curl_setopt_long(handle, CURLOPT_TIMEOUT_MS, Self.milliseconds(total)))
        set(cmdl_curl_setopt_off_t(handle, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(configuration.maxResponseBytes)))
        set(cmdl_curl_setopt_string(handle, CURLOPT_USERAGENT, configuration.userAgent))
        set(cmdl_curl_setopt_long(handle, CURLOPT_SSL_VERIFYPEER, 1))
        set(cmdl_curl_setopt_long(handle, CURLOPT_SSL_VERIFYHOST, 2))
        configureProxy(configuration.proxy)
        if !configuration.pinnedPublicKeys.isEmpty {
            let pins = configuration.pinnedPublicKeys.map { "sha256//\($0)" }.joined(separator: ";")
            set(cmdl_curl_setopt_string(handle, CURLOPT_PINNEDPUBLICKEY, pins))
        }
        if let anchors = configuration.trustAnchorsPEM {
            var pem = Array(anchors.utf8)
            pem.withUnsafeMutableBytes { buffer in
                var blob = curl_blob(data: buffer.baseAddress, len: buffer.count, flags: UInt32(CURL_BLOB_COPY))
                set(cmdl_curl_setopt_blob(handle, CURLOPT_CAINFO_BLOB, &blob))
            }
            // Only these anchors: no system CA directory either.
            set(cmdl_curl_setopt_string(handle, CURLOPT_CAPATH, nil))
        }
        configureMethod(request)
    }

    private mutating func configureProxy(_ proxy: CurlHTTPClient.Proxy) {
        switch proxy {
        case .environment: break
        case .direct: set(cmdl_curl_setopt_string(handle, CURLOPT_PROXY, ""))
        case .explicit(let url, let bypass):
            set(cmdl_curl_setopt_string(handle, CURLOPT_PROXY, url.absoluteString))
            set(cmdl_curl_setopt_string(handle, CURLOPT_NOPROXY, bypass.joined(separator: ",")))
        }
    }

    private mutating func configureMethod(_ request: CurlTransfer.Request) {
        switch request.head.method {
        case .get where request.body == nil:
            set(cmdl_curl_setopt_long(handle, CURLOPT_HTTPGET, 1))
        case .head:
            set(cmdl_curl_setopt_long(handle, CURLOPT_NOBODY, 1))
        default:
            if let body = request.body {
                // COPYPOSTFIELDS copies exactly POSTFIELDSIZE bytes, so binary bodies and their lifetime are safe.
                set(cmdl_curl_setopt_off_t(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count)))
                var bytes = body.isEmpty ? [0] : body
                bytes.withUnsafeMutableBytes { buffer in
                    set(cmdl_curl_setopt_pointer(handle, CURLOPT_COPYPOSTFIELDS, buffer.baseAddress))
                }
            }
            if request.head.method != .post || request.body == nil {
                set(cmdl_curl_setopt_string(handle, CURLOPT_CUSTOMREQUEST, request.head.method.rawValue))
            }
        }
    }

    private static func milliseconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        guard seconds >= 0 else { return 1 }
        let millis = seconds.multipliedReportingOverflow(by: 1000)
        guard !millis.overflow else { return Int.max }
        return max(1, Int(millis.partialValue + attoseconds / 1_000_000_000_000_000))
    }
}
