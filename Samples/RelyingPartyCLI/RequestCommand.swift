import ArgumentParser
import Foundation
import MDLKit
import MDLRelyingPartyServer
import MDLSandbox
import Logging

/// `mdl-rp request`: the remote OpenID4VP 1.0 flow of ARCHITECTURE section 7. Serves a signed request object at its
/// request_uri and takes `direct_post.jwt` responses at its response_uri, verifying each.
struct RequestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "request",
        abstract: "Ask a wallet for a licence presentation over OpenID4VP 1.0 and verify the responses.",
        discussion: """
            The relying party is the sandbox's registered RP for the use case (well-known sandbox keys). With --json \
            the first line is {"authorization_request", "request_uri", "client_id", "state"}, then one line per \
            response posted to the request's response_uri (…/response/ID), in the verify --json shape plus "state". \
            --responses counts only responses that proved the holder (device authentication over this request); \
            the others (undecryptable junk, a decline, a malformed or foreign presentation: anyone holding the \
            public request object can send them) are printed but leave the request open. A second response with \
            the same nonce is refused (replay); a missing response by --timeout is requestExpired.
            With --use-case insurance-claim, --accident-at RFC3339 also judges the claim as of the accident: the \
            holder's presentation is forwarded to the issuer's status service as consent for one point statement at \
            that instant, and each verified line gains a "claim" member (the facts at the accident beside today's, \
            and the InsuranceClaimPolicy decision; without a statement the claim is referred). The claim's outcome \
            does not change the exit status.
            With --dc-api PROTOCOL --origin ORIGIN (no --listen) it makes a W3C Digital Credentials API request \
            instead: it prints {"digital": {"requests": [{"protocol", "data"}]}, "state"}, the argument a page at \
            ORIGIN passes to navigator.credentials.get, then reads one line on standard input, the credential the \
            browser hands back ({"protocol", "data": {"response"}}), and prints its verification with "state". \
            PROTOCOL: openid4vp-v1-signed, openid4vp-v1-unsigned or org-iso-mdoc. End of input before a line: exit 2.
            Exit status: 0 every counted response verified, 1 otherwise, 2 usage error.
            """)

    enum UseCase: String, ExpressibleByArgument, CaseIterable {
        case rental, insuranceClaim = "insurance-claim", drivingJob = "driving-job"
        var purpose: PresentationPurpose {
            switch self {
            case .rental: .carRental
            case .insuranceClaim: .insuranceClaim
            case .drivingJob: .drivingJob
            }
        }
    }

    @Option(help: "rental, insurance-claim or driving-job.") var useCase: UseCase
    @Option(help: "Ask only for these elements (NS/ID, comma-separated) instead of the use case's template.") var elements: String?
    @Option(help: "HOST:PORT to serve request_uri and response_uri on (port 0 picks one).") var listen: String?
    @Option(name: .customLong("dc-api"), help: "Make a Digital Credentials API request in this protocol instead.") var dcAPI: String?
    @Option(help: "With --dc-api: the origin of the page that passes the request to the browser.") var origin: String?
    @Option(help: "A trusted IACA certificate (PEM); repeat for several. Default: the sandbox issuer.") var trustAnchor: [String] = []
    @Option(help: "How many holder-authenticated responses to take before exiting.") var responses = 1
    @Option(help: "Seconds to wait for the responses; also the request's lifetime.") var timeout = 300
    @Option(help: "With insurance-claim: the accident instant (RFC 3339); judges the claim as of then.") var accidentAt: String?
    @Option(help: "With --accident-at: the class the vehicle needed.") var vehicleClass = "C1"
    @Flag(help: "Print JSON lines.") var json = false

    func validate() throws {
        guard responses >= 1 else { throw ValidationError("--responses must be at least 1") }
        if accidentAt != nil, useCase != .insuranceClaim {
            throw ValidationError("--accident-at goes with --use-case insurance-claim")
        }
        _ = try accidentClaim()
        guard timeout >= 1 else { throw ValidationError("--timeout must be at least 1 second") }
        if dcAPI != nil || origin != nil {
            _ = try digitalCredentialsOptions()
            _ = try requestedElements()
            return
        }
        _ = try hostAndPort()
        _ = try requestedElements()
    }

    /// The relying party both flows use: the use case's sandbox registration, the `--trust-anchor` files (or the
    /// sandbox issuer, said aloud), status checked in the pipeline, in-memory storage; `allowedOrigins` for the
    /// Digital Credentials API.
    func makeRelyingParty(allowedOrigins: Set<String> = []) throws -> (RelyingParty, RequestTemplate, [TrustAnchor]) {
        let now = Date()
        let registered = try WellKnownSandbox.relyingParty(for: useCase.purpose, now: now)
        var anchors = try trustAnchor.flatMap(PEMFiles.anchors)
        if anchors.isEmpty {
            anchors = [try WellKnownSandbox.issuingAuthority(now: now).iaca.trustAnchor(notes: "sandbox issuer (well-known keys)")]
            if !json { print(Terminal.yellow("no --trust-anchor: trusting the sandbox issuer only")) }
        }
        var template = RequestTemplate.template(for: useCase.purpose)
        if let chosen = try requestedElements() { template = template.restricted(to: chosen) }
        let relyingParty = RelyingParty(
            identity: try registered.identity(),
            verifier: PresentationVerifier(configuration: .init(trustAnchors: anchors, status: StatusCheck.policy(.check))),
            storage: .inMemory(), allowedOrigins: allowedOrigins)
        return (relyingParty, template, anchors)
    }

    func run() async throws {
        if dcAPI != nil {
            let (exchangeProtocol, origin) = try digitalCredentialsOptions()
            try await runDigitalCredentials(exchangeProtocol, origin: origin)
            return
        }
        let (host, port) = try hostAndPort()
        try ListenPreflight.check(host: host, port: port)
        let (relyingParty, template, anchors) = try makeRelyingParty()
        let (posted, responseSink) = AsyncStream.makeStream(of: ReceivedResponse.self)
        let (ports, portSink) = AsyncStream.makeStream(of: Int.self)
        let server = {
            var server = RelyingPartyServer(relyingParty: relyingParty, onResponse: { responseSink.yield($0) })
            server.logger.logLevel = .critical  // stdout carries the contract's lines; the server stays quiet
            return server
        }()
        let wanted = responses
        let seconds = timeout
        let report = RequestReport(json: json, anchors: anchors, claim: try accidentClaim())
        let allVerified = try await withThrowingTaskGroup(of: Bool?.self) { group in
            group.addTask {
                try await server.run(host: host, port: port) { portSink.yield($0) }
                return nil
            }
            var portIterator = ports.makeAsyncIterator()
            guard let bound = await portIterator.next(), let base = URL(string: "http://\(Self.urlHost(host)):\(bound)") else {
                throw InputError("could not listen on \(host):\(port)")
            }
            let request = try await relyingParty.createRequest(template, baseURL: base, lifetime: TimeInterval(seconds))
            report.started(request)
            group.addTask {
                try await Task.sleep(for: .seconds(seconds))
                responseSink.finish()
                return nil
            }
            var verified = true
            var received = 0
            var uncounted = 0
            for await response in posted where response.isBound && response.requestID == request.id {
                // Only a response that proved the holder counts or affects the exit status. The others are printed
                // too, up to a bound: a flood of junk must not fill the output (or block on a reader that waits).
                guard response.isHolderAuthenticated else {
                    uncounted += 1
                    if uncounted <= Self.printedUncountedResponses { _ = await report.outcome(response.outcome, request: request) }
                    continue
                }
                let passed = await report.outcome(response.outcome, request: request)
                verified = passed && verified
                received += 1
                if received == wanted { break }
            }
            for _ in received..<wanted {
                report.timedOut(state: request.state)
                verified = false
            }
            group.cancelAll()
            return verified
        }
        if !allVerified { throw ExitCode(1) }
    }

    private func hostAndPort() throws -> (String, Int) {
        guard let listen else { throw ValidationError("give --listen HOST:PORT (or --dc-api PROTOCOL --origin ORIGIN)") }
        guard let colon = listen.lastIndex(of: ":"), let port = Int(listen[listen.index(after: colon)...]), (0...65_535).contains(port) else {
            throw ValidationError("--listen must be HOST:PORT")
        }
        let host = String(listen[..<colon]).trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        guard !host.isEmpty else { throw ValidationError("--listen must be HOST:PORT") }
        return (host, port)
    }

    private func accidentClaim() throws -> AccidentClaim? {
        guard let accidentAt else { return nil }
        guard let instant = TDate(rfc3339: accidentAt) else {
            throw ValidationError("--accident-at must be RFC 3339, e.g. 2026-03-05T08:30:00+08:00")
        }
        return AccidentClaim(accidentAt: instant.date, vehicleClass: vehicleClass)
    }

    func requestedElements() throws -> [ElementReference]? {
        guard let elements else { return nil }
        return try elements.split(separator: ",").map { text in
            guard let element = ElementReference(parsing: String(text).trimmingCharacters(in: .whitespaces)) else {
                throw ValidationError("--elements takes NAMESPACE/IDENTIFIER items, e.g. org.iso.18013.5.1/family_name")
            }
            return element
        }
    }

    /// How many responses that did not prove the holder (junk, declines, forged presentations) are printed per run.
    static let printedUncountedResponses = 16

    private static func urlHost(_ host: String) -> String { host.contains(":") ? "[\(host)]" : host }
}

/// Prints the request command's lines.
struct RequestReport: Sendable {
    let json: Bool
    /// The anchors the relying party trusts; the status signer must chain to the one on a document's trust path.
    let anchors: [TrustAnchor]
    /// The claim to judge as of an accident (`--accident-at`), if any.
    var claim: AccidentClaim? = nil

    func started(_ request: PresentationRequest) {
        if json {
            JSONOutput.print(.object([
                "authorization_request": .string(request.authorizationRequestURI), "request_uri": .string(request.requestURI),
                "client_id": .string(request.clientID), "state": .string(request.state),
            ]))
        } else {
            print(Terminal.bold("\(request.relyingPartyNameZH) / \(request.relyingPartyNameEN)") + " asks for \(request.purpose.nameEN):")
            for element in request.elements { print("  \(element.element)\(element.intentToRetain ? "  (retained)" : "")") }
            print("authorization request (scan the QR code, or open the link):")
            if let drawing = try? QRCode.terminalText(for: request.authorizationRequestURI) { print(drawing) }
            print("  \(request.authorizationRequestURI)")
            print("waiting for the wallet at \(request.responseURI) …")
        }
        fflush(nil)
    }

    /// Prints one outcome; `true` when it verified.
    func outcome(_ outcome: PresentationOutcome, request: PresentationRequest? = nil) async -> Bool {
        defer { fflush(nil) }
        switch outcome {
        case .presented(let presentation, let receipt):
            let statuses = presentation.documents.map { StatusCheck.json(for: $0) }
            let judged = await judgeClaim(presentation, statuses: statuses, request: request)
            if json {
                var line: [String: JSONValue] = [
                    "verified": .bool(true), "state": .string(receipt.state),
                    "documents": .array(zip(presentation.documents, statuses).map(VerificationReport.document)),
                ]
                if claim != nil { line["claim"] = judged?.json ?? .null }
                JSONOutput.print(.object(line))
            } else {
                VerificationReport(json: false).success(presentation, statuses: statuses)
                print("  declined by the holder: \(receipt.declined.isEmpty ? "none" : receipt.declined.map(\.description).joined(separator: ", "))")
                if let judged {
                    print(Terminal.bold("claim as of the accident: ") + judged.decision.outcome.rawValue.uppercased())
                    for line in judged.lines { print("  " + line) }
                    for reason in judged.decision.reasons { print("  \(reason.severity.rawValue) \(reason.code): \(reason.en)") }
                }
            }
            return true
        case .declined(let receipt):
            if json {
                JSONOutput.print(RefusalJSON.object(
                    MDLError(code: .holderDeclined, message: "the holder declined the request"),
                    ["verified": .bool(false), "declined": .bool(true), "state": .string(receipt.state)]))
            } else {
                // A decline is not authenticated (anyone with the request object can send one): keep waiting.
                print(Terminal.yellow("declined") + " (state \(receipt.state)); the request stays open for the holder until it expires")
            }
            return false
        case .refused(let error, let state):
            refused(error, state: state)
            return false
        }
    }

    /// The claim as of the accident for the presentation's licence, when `--accident-at` was given.
    private func judgeClaim(
        _ presentation: VerifiedPresentation, statuses: [JSONValue], request: PresentationRequest?
    ) async -> AccidentClaim.Result? {
        guard let claim, let request,
            let index = presentation.documents.firstIndex(where: { $0.docType == MDLProfile.docType }),
            let facts = presentation.documents[index].licenseFacts
        else { return nil }
        let statementRequest = PointStatementRequest(
            presentation: presentation.deviceResponse, clientID: request.clientID, nonce: request.nonce,
            responseURI: request.responseURI, jwkThumbprint: try? request.encryptionJWK.thumbprint(), at: claim.accidentAt)
        var today: String?
        if index < statuses.count, case .object(let status) = statuses[index], case .string(let value)? = status["status"] {
            today = value
        }
        return await claim.judge(
            presentation.documents[index], facts: facts, request: statementRequest, client: StatusClient(), todayStatus: today,
            at: presentation.verifiedAt)
    }

    func timedOut(state: String) {
        refused(MDLError(code: .requestExpired, message: "no response before the timeout"), state: state)
    }

    private func refused(_ error: MDLError, state: String?) {
        if json {
            JSONOutput.print(RefusalJSON.object(error, ["verified": .bool(false), "state": state.map(JSONValue.string) ?? .null]))
        } else {
            VerificationReport(json: false).failure(error)
        }
    }
}
