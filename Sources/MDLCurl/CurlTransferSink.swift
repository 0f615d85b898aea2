import CMDLCurl
import HTTPTypes
import MDLHTTP
import Synchronization

/// Set from any thread when the task awaiting a transfer is cancelled; read by libcurl's progress callback.
final class TransferCancellation: Sendable {
    private let flag = Atomic<Bool>(false)
    func cancel() { flag.store(true, ordering: .relaxed) }
    var isCancelled: Bool { flag.load(ordering: .relaxed) }
}

/// Collects one transfer's response on the transfer's own thread and enforces the size limits as bytes arrive.
///
/// libcurl calls the callbacks below with a pointer to this object; it lives until `curl_easy_perform` returns.
final class TransferSink {
    let maxBodyBytes: Int
    let maxHeaderBytes: Int
    let cancellation: TransferCancellation
    private(set) var body: [UInt8] = []
    private(set) var headerFields = HTTPFields()
    private(set) var headerBytes = 0
    private(set) var bodyTooLarge = false
    private(set) var headersTooLarge = false
    /// libcurl's detailed message for the last failure (`CURLOPT_ERRORBUFFER`).
    let errorBuffer: UnsafeMutablePointer<CChar>

    init(maxBodyBytes: Int, maxHeaderBytes: Int, cancellation: TransferCancellation) {
        self.maxBodyBytes = maxBodyBytes
        self.maxHeaderBytes = maxHeaderBytes
        self.cancellation = cancellation
        self.errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
        self.errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
    }

    deinit { errorBuffer.deallocate() }

    var errorDetail: String { String(cString: errorBuffer) }

    /// Appends body bytes; `false` aborts the transfer because the body would exceed the limit.
    func receiveBody(_ chunk: UnsafeRawBufferPointer) -> Bool {
        guard chunk.count <= maxBodyBytes - body.count else {
            bodyTooLarge = true
            return false
        }
        body.append(contentsOf: chunk)
        return true
    }

    /// Takes one header line; `false` aborts the transfer because the headers exceed the limit.
    func receiveHeaderLine(_ line: UnsafeRawBufferPointer) -> Bool {
        headerBytes += line.count
        guard headerBytes <= maxHeaderBytes else {
            headersTooLarge = true
            return false
        }
        let text = String(decoding: line, as: UTF8.self).trimmed(of: " \t\r\n")
        if text.hasPrefix("HTTP/") {
            // A new response begins (after a redirect, a 100 Continue or a proxy's CONNECT): keep only the last.
            headerFields = HTTPFields()
        } else if let colon = text.firstIndex(of: ":") {
            let name = String(text[..<colon]).trimmed(of: " \t")
            let value = String(text[text.index(after: colon)...]).trimmed(of: " \t")
            // A name that is not an RFC 9110 token cannot be an `HTTPField.Name`: such a line is dropped.
            if let name = HTTPField.Name(name) { headerFields.append(HTTPField(name: name, value: value)) }
        }
        return true
    }

    /// The C callbacks, which capture nothing and find the sink through their user-data pointer.
    static let writeBody: curl_write_callback = { pointer, size, count, userData in
        guard let userData else { return 0 }
        let sink = Unmanaged<TransferSink>.fromOpaque(userData).takeUnretainedValue()
        let (length, overflow) = size.multipliedReportingOverflow(by: count)
        guard !overflow else { return 0 }
        guard length > 0, let pointer else { return length }
        return sink.receiveBody(UnsafeRawBufferPointer(start: pointer, count: length)) ? length : 0
    }

    static let writeHeader: curl_write_callback = { pointer, size, count, userData in
        guard let userData else { return 0 }
        let sink = Unmanaged<TransferSink>.fromOpaque(userData).takeUnretainedValue()
        let (length, overflow) = size.multipliedReportingOverflow(by: count)
        guard !overflow else { return 0 }
        guard length > 0, let pointer else { return length }
        return sink.receiveHeaderLine(UnsafeRawBufferPointer(start: pointer, count: length)) ? length : 0
    }

    static let progress: curl_xferinfo_callback = { userData, _, _, _, _ in
        guard let userData else { return 1 }
        let sink = Unmanaged<TransferSink>.fromOpaque(userData).takeUnretainedValue()
        return sink.cancellation.isCancelled ? 1 : 0
    }
}

extension String {
    fileprivate func trimmed(of set: String) -> String {
        let scalars = unicodeScalars
        guard let start = scalars.firstIndex(where: { !set.unicodeScalars.contains($0) }) else { return "" }
        guard let end = scalars.lastIndex(where: { !set.unicodeScalars.contains($0) }) else { return "" }
        return String(scalars[start...end])
    }
}
