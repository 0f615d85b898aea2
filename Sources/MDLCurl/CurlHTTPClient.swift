import Foundation
import HTTPTypes
import MDLHTTP

/// An ``HTTPClient`` over the system's libcurl, with SPKI pinning, custom trust anchors, hard size and time limits,
/// and bounded retries.
///
/// Each transfer runs on a thread of its own, never on the Swift concurrency pool; cancelling the awaiting task aborts
/// the transfer within about a second (libcurl's progress callback) and throws `CancellationError`.
///
/// ```swift
/// let pins = ["47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="]  // base64 SHA-256 of the server's SPKI
/// let client = CurlHTTPClient(configuration: .init(pinnedPublicKeys: pins))
/// let (response, body) = try await client.send(try HTTPRequest(checking: statusListURL))
/// ```
public struct CurlHTTPClient: HTTPClient {
    /// The configuration every request uses.
    public let configuration: Configuration
    /// Idle easy handles, so requests to a host reuse its connection (shared by copies of this client).
    let handles = CurlHandlePool()

    /// Creates a client.
    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    /// Sends `request` with `body`, retrying as ``Configuration/retry`` allows; `options` override the configured
    /// timeouts.
    ///
    /// Returns the final response and its body whatever its status (a 5xx after the last retry included).
    /// - Throws: ``HTTPClientError`` for transport failures; `CancellationError` when the task is cancelled.
    public func send(
        _ request: HTTPRequest,
        body: [UInt8]?,
        options: HTTPRequestOptions
    ) async throws -> (response: HTTPResponse, body: [UInt8]) {
        let transfer = CurlTransfer.Request(head: request, body: body, options: options)
        var generator = SystemRandomNumberGenerator()
        var retry = 0
        while true {
            try Task.checkCancellation()
            let outcome = try await attempt(transfer)
            let policy = configuration.retry
            guard retry < policy.maxRetries, policy.shouldRetry(request.method, after: outcome) else {
                let reply = try outcome.get()
                return (reply.response, reply.body)
            }
            try await Task.sleep(for: policy.delay(beforeRetry: retry, using: &generator))
            retry += 1
        }
    }

    /// One attempt on a dedicated thread, with task cancellation forwarded to libcurl.
    private func attempt(_ request: CurlTransfer.Request) async throws -> Result<CurlTransfer.Reply, HTTPClientError> {
        let cancellation = TransferCancellation()
        let configuration = self.configuration
        let handles = self.handles
        let outcome = await withTaskCancellationHandler {
            await withCheckedContinuation {
                (continuation: CheckedContinuation<Result<CurlTransfer.Reply, HTTPClientError>, Never>) in
                Thread.detachNewThread {
                    continuation.resume(
                        returning: CurlTransfer.perform(
                            request,
                            configuration: configuration,
                            cancellation: cancellation,
                            handles: handles
                        )
                    )
                }
            }
        } onCancel: {
            cancellation.cancel()
        }
        if cancellation.isCancelled { throw CancellationError() }
        return outcome
    }
}
