import Foundation
import InMemoryLogging
import Logging
import MDLCBOR
import MDLKit
import MDLSandbox
import Metrics
import MetricsTestKit
import Testing

/// Issue 18 item 7: verifications, status fetches and requests are counted through swift-metrics and logged
/// through swift-log, with injectable factories and loggers, and no personal data in labels or lines.
struct ObservabilityTests {
    /// A capturing logger at trace level and its store.
    static func capturingLogger() -> (Logger, InMemoryLogHandler) {
        let handler = InMemoryLogHandler()
        var logger = Logger(label: "test") { _ in handler }
        logger.logLevel = .trace
        return (logger, handler)
    }

    /// Every text a log line carries: message and metadata.
    static func text(of handler: InMemoryLogHandler) -> String {
        handler.entries.map { "\($0.message) \($0.metadata)" }.joined(separator: "\n")
    }

    /// The persona's names (Latin and Chinese), document and archive numbers and address.
    static func personalTexts(_ persona: Persona) -> [String] {
        let identifiers: Set<String> = [
            MDLProfile.ISOElement.familyName, MDLProfile.ISOElement.givenName, MDLProfile.ISOElement.familyNameNational,
            MDLProfile.ISOElement.givenNameNational, MDLProfile.ISOElement.documentNumber,
            MDLProfile.ISOElement.residentAddress, MDLProfile.ChinaElement.archiveNumber,
        ]
        return persona.record.elements.values.flatMap { elements in
            elements.compactMap { identifier, value -> String? in
                guard identifiers.contains(identifier), case .text(let text) = value else { return nil }
                return text
            }
        }
    }

    static func verifier(_ fixture: SandboxFixture, _ observability: Observability) throws -> PresentationVerifier {
        var configuration = VerifierConfiguration(trustAnchors: [try fixture.authority.iaca.trustAnchor()], clock: { SandboxFixture.now })
        configuration.observability = observability
        return PresentationVerifier(configuration: configuration)
    }

    @Test func aVerifiedPresentationIsCountedAsVerified() async throws {
        let fixture = try SandboxFixture()
        let metrics = TestMetrics()
        let (logger, logs) = Self.capturingLogger()
        let verifier = try Self.verifier(fixture, Observability(logger: logger, metricsFactory: metrics))
        _ = try await verifier.verify(try fixture.presentation(), sessionTranscript: SandboxFixture.transcript)
        #expect(metrics.counterTotal(label: "mdlkit_verifications_total", dimensions: [("outcome", "verified")]) == 1)
        #expect(metrics.counterTotal(label: "mdlkit_verifications_total", dimensions: [("outcome", "refused")]) == 0)
        #expect(logs.entries.contains { "\($0.message)" == "presentation verified" })
        let texts = Self.personalTexts(fixture.persona)
        #expect(texts.count == 7)
        for text in texts { #expect(!Self.text(of: logs).contains(text)) }
    }

    @Test func aRefusalIsCountedWithItsCodeAndTheHandlesAreReused() async throws {
        let fixture = try SandboxFixture()
        let metrics = TestMetrics()
        let (logger, logs) = Self.capturingLogger()
        let verifier = try Self.verifier(fixture, Observability(logger: logger, metricsFactory: metrics))
        let other = SessionTranscript.openID4VP(
            clientID: "x509_san_dns:other.example.cn", nonce: "n-other", jwkThumbprint: Array(repeating: 9, count: 32),
            responseURI: "https://other.example.cn/response")
        var code: MDLError.Code?
        let presentation = try fixture.presentation()
        for _ in 0..<2 {
            do {
                _ = try await verifier.verify(presentation, sessionTranscript: other)
            } catch {
                code = error.code
            }
        }
        let refused = try #require(code)
        #expect(metrics.counterTotal(label: "mdlkit_verifications_total", dimensions: [("outcome", "refused"), ("code", refused.rawValue)]) == 2)
        #expect(metrics.counterTotal(label: "mdlkit_verifications_total", dimensions: [("outcome", "verified")]) == 0)
        // One handle per outcome and code, made once: two refusals share it.
        #expect(metrics.counters(label: "mdlkit_verifications_total").count == 2)
        #expect(logs.entries.contains { $0.metadata["code"] == .string(refused.rawValue) })
        for text in Self.personalTexts(fixture.persona) { #expect(!Self.text(of: logs).contains(text)) }
    }

    @Test func aStatusCacheHitIsCountedAndTheFetchTimed() async throws {
        let world = try await StatusPipelineTests.World.start(cacheMaxAge: 60)
        defer { Task { await world.service.stop() } }
        let metrics = TestMetrics()
        let (logger, logs) = Self.capturingLogger()
        var configuration = StatusClient.Configuration()
        configuration.observability = Observability(logger: logger, metricsFactory: metrics)
        let client = world.client(configuration: configuration)
        let trust = StatusSignerTrust.issuer([try world.authority.iaca.trustAnchor()])
        _ = try await client.status(for: world.reference, trust: trust)
        _ = try await client.status(for: world.reference, trust: trust)
        #expect(metrics.counterTotal(label: "mdlkit_status_list_cache_total", dimensions: [("result", "hit")]) == 1)
        #expect(metrics.counterTotal(label: "mdlkit_status_list_cache_total", dimensions: [("result", "miss")]) == 1)
        #expect(metrics.counterTotal(label: "mdlkit_status_fetches_total", dimensions: [("source", "network")]) == 1)
        #expect(metrics.counterTotal(label: "mdlkit_status_list_verifications_total") == 1)
        let timer = try metrics.expectTimer("mdlkit_status_fetch_duration_seconds", [("source", "network")])
        #expect(timer.values.count == 1)
        // No status URI, index or host in any line.
        #expect(!Self.text(of: logs).contains(world.reference.uri))
        #expect(!Self.text(of: logs).contains("127.0.0.1"))
    }

    @Test func aFailedStatusFetchIsCountedWithItsCode() async throws {
        let world = try await StatusPipelineTests.World.start(cacheMaxAge: 60)
        let metrics = TestMetrics()
        var configuration = StatusClient.Configuration(deadline: .seconds(2))
        configuration.observability = Observability(metricsFactory: metrics)
        let client = world.client(configuration: configuration)
        await world.service.stop()
        await #expect(throws: MDLError(code: .statusUnavailable)) {
            _ = try await client.status(for: world.reference, trust: .issuer([try world.authority.iaca.trustAnchor()]))
        }
        #expect(metrics.counterTotal(label: "mdlkit_status_fetches_total", dimensions: [("source", "failed"), ("code", "statusUnavailable")]) == 1)
    }

    @Test func requestsAreCountedOpenedAnsweredReplayedAndExpired() async throws {
        let world = try RequestWorld()
        let metrics = TestMetrics()
        let (logger, logs) = Self.capturingLogger()
        let clock = ManualClock(SandboxFixture.now)
        let relyingParty = RelyingParty(
            identity: try world.rental.identity(), verifier: try world.sandbox.verifier(), storage: .inMemory(),
            clock: { clock.now }, observability: Observability(logger: logger, metricsFactory: metrics))
        let request = try await relyingParty.createRequest(.carRental, baseURL: RequestWorld.baseURL)
        let reply = try await world.answer(request, .approveAll)
        #expect(await relyingParty.receive(jwe: reply.jwe, forRequest: request.id).receipt?.outcome == .presented)
        #expect(await relyingParty.receive(jwe: reply.jwe, forRequest: request.id).error?.code == .replay)
        let late = try await relyingParty.createRequest(.carRental, baseURL: RequestWorld.baseURL, lifetime: 120)
        let lateReply = try await world.answer(late, .approveAll)
        clock.advance(by: 121)
        #expect(await relyingParty.receive(jwe: lateReply.jwe, forRequest: late.id).error?.code == .requestExpired)
        _ = await relyingParty.receive(jwe: reply.jwe, forRequest: "no-such-request")

        let label = "mdlkit_rp_responses_total"
        #expect(metrics.counterTotal(label: "mdlkit_rp_requests_opened_total", dimensions: [("purpose", "carRental")]) == 2)
        #expect(metrics.counterTotal(label: label, dimensions: [("outcome", "presented"), ("purpose", "carRental")]) == 1)
        #expect(metrics.counterTotal(label: label, dimensions: [("outcome", "replayed"), ("code", "replay")]) == 1)
        #expect(metrics.counterTotal(label: label, dimensions: [("outcome", "expired"), ("code", "requestExpired")]) == 1)
        #expect(metrics.counterTotal(label: label, dimensions: [("outcome", "refused"), ("code", "requestUnknown"), ("purpose", "unknown")]) == 1)
        // No label carries a request id.
        for counter in metrics.counters {
            #expect(!counter.dimensions.contains { $0.1 == request.id || $0.1 == late.id })
        }
        #expect(!Self.text(of: logs).contains("no-such-request"))
    }
}
