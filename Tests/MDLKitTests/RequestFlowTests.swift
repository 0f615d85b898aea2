import Crypto
import Foundation
import MDLCBOR
import MDLKit
import MDLRelyingPartyServer
import MDLSandbox
import Testing

/// The remote flow end to end over loopback HTTP: the RP serves the request object and takes the response with a
/// Hummingbird server; the sandbox wallet fetches and posts with libcurl.
struct RequestFlowTests {
    @Test func walletApprovesASubsetAndTheRelyingPartyGetsExactlyThat() async throws {
        let world = try RequestWorld()
        let audit = InMemoryAuditLog()
        let relyingParty = try world.relyingParty(auditLog: audit)
        let (outcomes, continuation) = AsyncStream.makeStream(of: PresentationOutcome.self)
        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let server = RelyingPartyServer(relyingParty: relyingParty) { continuation.yield($0) }
        let subset: Set<ElementReference> = [
            .iso("family_name_national_character"), .iso("driving_privileges"), .iso("expiry_date"),
        ]
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.run(host: "127.0.0.1", port: 0) { portContinuation.yield($0) } }
            var portIterator = ports.makeAsyncIterator()
            let port = try #require(await portIterator.next())
            let request = try await relyingParty.createRequest(.carRental, baseURL: URL(string: "http://127.0.0.1:\(port)")!)
            #expect(request.authorizationRequestURI.hasPrefix("openid4vp://?client_id=x509_san_dns%3Arental.sandbox.mdlkit.cn&request_uri=http%3A%2F%2F127.0.0.1"))

            let result = try await world.sandbox.wallet.respond(
                to: request.authorizationRequestURI, client: CurlHTTPClient(), verifier: world.walletVerifier,
                consent: ScriptedConsent(.approveSubset(subset)), now: SandboxFixture.now)
            #expect(result.httpStatus == 200)
            #expect(result.summary.relyingPartyNameZH == "沙箱租车有限公司")
            #expect(result.summary.elements.count == RequestTemplate.carRental.elements.count)

            var iterator = outcomes.makeAsyncIterator()
            let outcome = try #require(await iterator.next())
            guard case .presented(let presentation, let receipt) = outcome else {
                Issue.record("expected a presentation, got \(outcome)")
                group.cancelAll()
                return
            }
            let returned = Set(presentation.documents.flatMap { document in
                document.issuerSigned.flatMap { nameSpace, elements in elements.keys.map { ElementReference(nameSpace, $0) } }
            })
            #expect(returned == subset)
            #expect(Set(receipt.disclosed.map(\.element)) == subset)
            #expect(Set(receipt.declined) == Set(RequestTemplate.carRental.elementReferences).subtracting(subset))
            #expect(receipt.disclosed.first { $0.element == .iso("driving_privileges") }?.retained == true)
            #expect(receipt.disclosed.first { $0.element == .iso("expiry_date") }?.retained == false)
            #expect(receipt.state == request.state)
            #expect(!receipt.trustPath.isEmpty)
            #expect(try await audit.receipts().count == 1)
            group.cancelAll()
        }
    }

    @Test func requestURIServesTheSignedObjectWithItsMediaType() async throws {
        let world = try RequestWorld()
        let relyingParty = try world.relyingParty()
        let request = try await relyingParty.createRequest(.drivingJob.restricted(to: [.iso("driving_privileges")]), baseURL: RequestWorld.baseURL)
        let endpoints = RelyingPartyEndpoints(relyingParty: relyingParty)
        let reply = await endpoints.requestObject(id: request.id)
        #expect(reply.status == 200)
        #expect(reply.contentType == "application/oauth-authz-req+jwt")
        let jws = try JWS(compact: String(decoding: reply.body, as: UTF8.self))
        #expect(jws.header.typ == "oauth-authz-req+jwt")
        #expect(jws.header.x5c?.count == 1)
        let claims = try JSONDecoder().decode(AuthorizationRequestObject.self, from: Data(jws.payload))
        #expect(claims.responseMode == "direct_post.jwt")
        #expect(claims.nonce == request.nonce)
        #expect(claims.dcqlQuery.credentials.first?.claims.map(\.path) == [["org.iso.18013.5.1", "driving_privileges"]])
        #expect(claims.clientMetadata.jwks.keys.first?.kid == request.id)
        #expect(await endpoints.requestObject(id: "unknown").status == 404)
    }

    @Test func fileExchangeWorksWithoutHTTP() async throws {
        let world = try RequestWorld()
        let relyingParty = try world.relyingParty()
        let request = try await relyingParty.createRequest(.carRental, baseURL: RequestWorld.baseURL)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mdlkit-req-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("request.jwt")
        try request.requestObject.write(to: file, atomically: true, encoding: .utf8)
        let result = try await world.sandbox.wallet.respond(
            to: file.path, client: CurlHTTPClient(), verifier: world.walletVerifier, consent: ScriptedConsent(.approveAll), now: SandboxFixture.now)
        #expect(result.httpStatus == nil)
        #expect(result.reply.responseURI == "\(RequestWorld.baseURL.absoluteString)/response/\(request.id)")
        let outcome = await relyingParty.receive(formBody: result.reply.formBody, forRequest: request.id)
        #expect(outcome.receipt?.outcome == .presented)
        #expect(outcome.receipt?.declined.isEmpty == true)
    }

    @Test func anX25519EncryptionKeyWorksToo() async throws {
        let world = try RequestWorld()
        let relyingParty = try world.relyingParty()
        let request = try await relyingParty.createRequest(
            .carRental, baseURL: RequestWorld.baseURL, encryptionKey: .x25519(Curve25519.KeyAgreement.PrivateKey()))
        #expect(request.encryptionJWK.crv == "X25519")
        let outcome = await relyingParty.receive(jwe: try await world.answer(request, .approveSubset([.iso("portrait")])).jwe, forRequest: request.id)
        #expect(outcome.receipt?.disclosed.map(\.element) == [.iso("portrait")])
        #expect(outcome.receipt?.disclosed.first?.retained == false)
    }

    @Test func nonceAndStateAreFreshPerRequest() async throws {
        let world = try RequestWorld()
        let relyingParty = try world.relyingParty()
        let first = try await relyingParty.createRequest(.carRental, baseURL: RequestWorld.baseURL)
        let second = try await relyingParty.createRequest(.carRental, baseURL: RequestWorld.baseURL)
        #expect(first.nonce != second.nonce)
        #expect(first.state != second.state)
        #expect(Base64URL.decode(first.nonce)?.count == 32)
        #expect(try first.sessionTranscript() != second.sessionTranscript())
    }
}

/// The framework-free handlers' answers to bad input.
struct RequestEndpointTests {
    @Test func refusedResponsesAnswer400WithTheCodeOnly() async throws {
        let world = try RequestWorld()
        let relyingParty = try world.relyingParty()
        let endpoints = RelyingPartyEndpoints(relyingParty: relyingParty)
        let request = try await relyingParty.createRequest(.carRental, baseURL: RequestWorld.baseURL)
        let (missing, missingOutcome) = await endpoints.response(body: Array("state=x".utf8), forRequest: request.id)
        #expect(missing.status == 400)
        #expect(missingOutcome.error?.code == .joseMalformed)
        #expect(missingOutcome.state == request.state)
        let reply = try await world.answer(request, .approveAll)
        let (ok, outcome) = await endpoints.response(body: reply.formBody, forRequest: request.id)
        #expect(ok.status == 200)
        #expect(outcome.receipt?.outcome == .presented)
        #expect(outcome.isHolderAuthenticated)
        let (again, replayed) = await endpoints.response(body: reply.formBody, forRequest: request.id)
        #expect(again.status == 400)
        #expect(String(decoding: again.body, as: UTF8.self).contains("replay"))
        #expect(replayed.isHolderAuthenticated)
    }

    /// Each request has its own response_uri; a response is decrypted only with the key of the request it was
    /// posted for, never tried against the other open requests.
    @Test func aResponseIsDecryptedOnlyWithTheKeyOfTheRequestItWasPostedFor() async throws {
        let world = try RequestWorld()
        let relyingParty = try world.relyingParty()
        let first = try await relyingParty.createRequest(.carRental, baseURL: RequestWorld.baseURL)
        let second = try await relyingParty.createRequest(.carRental, baseURL: RequestWorld.baseURL)
        #expect(first.responseURI == "\(RequestWorld.baseURL.absoluteString)/response/\(first.id)")
        #expect(first.responseURI != second.responseURI)
        // Encrypted to the first request's key without a kid, posted for the second: not tried with the first key.
        var jwk = first.encryptionJWK
        jwk.kid = nil
        let payload = AuthorizationResponsePayload(state: first.state, error: "access_denied")
        let jwe = try JWE.encrypt(try JSONEncoder().encode(payload).map { $0 }, to: jwk)
        #expect(try JWE.header(of: jwe).kid == nil)
        let misposted = await relyingParty.receive(jwe: jwe, forRequest: second.id)
        #expect(misposted.error?.code == .jweDecryptionFailed)
        #expect(misposted.state == second.state)
        #expect(!misposted.isHolderAuthenticated)
        // With the first request's kid, posted for the second: refused before decryption.
        let named = try await world.answer(first, .approveAll)
        #expect(await relyingParty.receive(jwe: named.jwe, forRequest: second.id).error?.code == .requestUnknown)
        #expect(await relyingParty.receive(jwe: jwe, forRequest: first.id).receipt?.outcome == .declined)
        // A request id nobody issued is unbound: no state, answered 404 by the endpoint.
        let stranger = await relyingParty.receive(jwe: jwe, forRequest: "unknown")
        #expect(stranger.error?.code == .requestUnknown)
        #expect(!stranger.isBound)
        let (reply, _) = await RelyingPartyEndpoints(relyingParty: relyingParty).response(body: named.formBody, forRequest: "unknown")
        #expect(reply.status == 404)
    }
}
