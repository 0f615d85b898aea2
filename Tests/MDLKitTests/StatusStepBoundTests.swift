import Foundation
import MDLCBOR
import MDLKit
import MDLSandbox
import Synchronization
import Testing

/// Attack run of issue 16: a response that repeats one document must not multiply status lookups (nor their
/// deadlines): one entry is looked up once per verification, distinct entries concurrently.
struct StatusStepBoundTests {
    /// The real loopback transport, counting the requests it sends (the count is what the test asserts).
    final class CountingTransport: HTTPClient {
        let sent = Mutex(0)
        let real = CurlHTTPClient(configuration: .init(proxy: .direct, retry: .none))

        func send(
            _ request: HTTPRequest, body: [UInt8]?, options: HTTPRequestOptions
        ) async throws -> (response: HTTPResponse, body: [UInt8]) {
            sent.withLock { $0 += 1 }
            return try await real.send(request, body: body, options: options)
        }
    }

    /// The presentation with its one document repeated `count` times (the device signature still verifies: it
    /// covers the same transcript).
    static func repeated(_ presentation: [UInt8], count: Int) throws -> [UInt8] {
        guard case .map(var response) = try CBORDecoder().decode(presentation),
            let documents = response[.text("documents")]?.array, let document = documents.first
        else { throw VerifyTestError("not a DeviceResponse") }
        response[.text("documents")] = .array(Array(repeating: document, count: count))
        return CBOREncoder.encode(.map(response))
    }

    struct VerifyTestError: Error { let message: String; init(_ message: String) { self.message = message } }

    @Test func aRepeatedDocumentIsLookedUpOnce() async throws {
        let world = try await StatusPipelineTests.World.start()
        defer { Task { await world.service.stop() } }
        let transport = CountingTransport()
        let verifier = try world.verifier(.check(with: world.client(transport)))
        let presentation = try await verifier.verify(
            try Self.repeated(try world.presentation(), count: 5), sessionTranscript: SandboxFixture.transcript)
        #expect(presentation.documents.count == 5)
        #expect(presentation.documents.allSatisfy { if case .checked = $0.status { true } else { false } })
        // The service sends max-age=0: without the per-verification grouping this was five fetches.
        #expect(transport.sent.withLock { $0 } == 1)
    }
}
