import Foundation
import MDLKit
import MDLSandbox
import Testing

/// The Digital Credentials API flows, both protocols, end to end between a relying party and the sandbox wallet,
/// and each refusal provoked: an origin not allowed, a replayed response, an expired request, a response for
/// another relying party, a tampered response (issue 17).
struct DigitalCredentialsFlowTests {
    static let protocols = DigitalCredentialsProtocol.allCases

    @Test(arguments: DigitalCredentialsProtocol.allCases) func walletAnswerVerifiesAndIsReceipted(_ exchangeProtocol: DigitalCredentialsProtocol) async throws {
        let dc = try DigitalCredentialsWorld()
        let rp = try dc.relyingParty()
        let request = try await rp.createDigitalCredentialsRequest(.carRental, protocol: exchangeProtocol, origin: DigitalCredentialsWorld.origin)
        let argument = try #require(request.navigatorArgument)
        #expect(argument.hasPrefix("{\"digital\":{\"requests\":[{\"protocol\":\"\(exchangeProtocol.rawValue)\",\"data\":"))
        let received = await rp.receive(digitalCredential: try await dc.answer(request), forRequest: request.id, origin: DigitalCredentialsWorld.origin)
        guard case .presented(let presentation, let receipt) = received.outcome else {
            Issue.record("expected a presentation, got \(received.outcome)")
            return
        }
        #expect(received.isHolderAuthenticated)
        #expect(presentation.documents.first?.issuerSigned[MDLProfile.isoNameSpace]?["family_name"] != nil)
        #expect(receipt.clientID == (exchangeProtocol == .openID4VPSigned ? "x509_san_dns:rental.sandbox.mdlkit.cn" : "origin:" + DigitalCredentialsWorld.origin))
        #expect(try await rp.storage.audit.receipts().count == 1)
    }

    @Test func requestForAnOriginNotAllowedIsRefused() async throws {
        let rp = try DigitalCredentialsWorld().relyingParty()
        for exchangeProtocol in Self.protocols {
            await #expect(throws: MDLError(code: .originNotAllowed)) {
                _ = try await rp.createDigitalCredentialsRequest(.carRental, protocol: exchangeProtocol, origin: DigitalCredentialsWorld.otherOrigin)
            }
        }
    }

    @Test(arguments: DigitalCredentialsProtocol.allCases) func responseHandedInFromAnotherOriginIsRefused(_ exchangeProtocol: DigitalCredentialsProtocol) async throws {
        let dc = try DigitalCredentialsWorld()
        let second = "https://counter.sandbox.mdlkit.cn"
        let rp = try dc.relyingParty(origins: [DigitalCredentialsWorld.origin, second])
        let request = try await rp.createDigitalCredentialsRequest(.carRental, protocol: exchangeProtocol, origin: DigitalCredentialsWorld.origin)
        let credential = try await dc.answer(request)
        // An origin the relying party does not serve, and one it serves but the request was not made for.
        for origin in [DigitalCredentialsWorld.otherOrigin, second] {
            let received = await rp.receive(digitalCredential: credential, forRequest: request.id, origin: origin)
            #expect(received.error?.code == .originNotAllowed)
        }
        // The request stays answerable from its own origin.
        let received = await rp.receive(digitalCredential: credential, forRequest: request.id, origin: DigitalCredentialsWorld.origin)
        #expect(received.isHolderAuthenticated)
    }

    @Test(arguments: DigitalCredentialsProtocol.allCases) func requestRelayedThroughAnotherOriginDoesNotVerify(_ exchangeProtocol: DigitalCredentialsProtocol) async throws {
        let dc = try DigitalCredentialsWorld()
        let rp = try dc.relyingParty()
        var request = try await rp.createDigitalCredentialsRequest(.carRental, protocol: exchangeProtocol, origin: DigitalCredentialsWorld.origin)
        switch exchangeProtocol {
        case .openID4VPSigned:
            // expected_origins lets the wallet itself refuse a signed request replayed from a phishing page.
            await #expect(throws: MDLError(code: .originNotAllowed)) { _ = try await dc.answer(request, origin: DigitalCredentialsWorld.otherOrigin) }
            return
        case .isoMdoc:
            // readerAuth signs the transcript of the RP's own origin: the wallet refuses it from another page…
            await #expect(throws: MDLError(code: .readerSignatureInvalid)) { _ = try await dc.answer(request, origin: DigitalCredentialsWorld.otherOrigin) }
            // …so the phishing page strips readerAuth before relaying.
            request = try DigitalCredentialsWorld.withoutReaderAuth(request)
        case .openID4VPUnsigned:
            break
        }
        // The wallet binds its answer to the phishing page's origin; the relying party rebuilds the transcript from its own.
        let credential = try await dc.answer(request, origin: DigitalCredentialsWorld.otherOrigin)
        let received = await rp.receive(digitalCredential: credential, forRequest: request.id, origin: DigitalCredentialsWorld.origin)
        #expect(received.error?.code == (exchangeProtocol == .isoMdoc ? .hpkeDecryptionFailed : .deviceSignatureInvalid))
    }

    @Test func annexCRequestNamesTheRelyingPartyThroughReaderAuth() async throws {
        let dc = try DigitalCredentialsWorld()
        let rp = try dc.relyingParty()
        let request = try await rp.createDigitalCredentialsRequest(.carRental, protocol: .isoMdoc, origin: DigitalCredentialsWorld.origin)
        let argument = Array(try #require(request.navigatorArgument).utf8)
        let received = try await dc.world.walletVerifier.verifyDigitalCredentials(argument, origin: DigitalCredentialsWorld.origin, at: SandboxFixture.now)
        #expect(received.registration == RelyingPartyApplication.sandboxRental.registration)
        // A wallet that does not trust the relying party's CA refuses the reader.
        let stranger = RequestVerifier(registrarRoots: [try Registrar(now: SandboxFixture.now).authority.certificate])
        await #expect(throws: MDLError(code: .certificateUntrusted)) {
            _ = try await stranger.verifyDigitalCredentials(argument, origin: DigitalCredentialsWorld.origin, at: SandboxFixture.now)
        }
    }

    @Test(arguments: DigitalCredentialsProtocol.allCases) func replayedResponseIsRefused(_ exchangeProtocol: DigitalCredentialsProtocol) async throws {
        let dc = try DigitalCredentialsWorld()
        let storage = RelyingPartyStorage.inMemory()
        let rp = try dc.relyingParty(storage: storage)
        let request = try await rp.createDigitalCredentialsRequest(.carRental, protocol: exchangeProtocol, origin: DigitalCredentialsWorld.origin)
        let credential = try await dc.answer(request)
        #expect(await rp.receive(digitalCredential: credential, forRequest: request.id, origin: DigitalCredentialsWorld.origin).isHolderAuthenticated)
        // Another instance on the same storage sees the nonce used.
        let again = await (try dc.relyingParty(storage: storage)).receive(
            digitalCredential: credential, forRequest: request.id, origin: DigitalCredentialsWorld.origin)
        #expect(again.error?.code == .replay)
        #expect(try await storage.audit.receipts().count == 1)
    }

    @Test(arguments: DigitalCredentialsProtocol.allCases) func responseToAnExpiredRequestIsRefused(_ exchangeProtocol: DigitalCredentialsProtocol) async throws {
        let dc = try DigitalCredentialsWorld()
        let storage = RelyingPartyStorage.inMemory()
        let request = try await dc.relyingParty(storage: storage).createDigitalCredentialsRequest(
            .carRental, protocol: exchangeProtocol, origin: DigitalCredentialsWorld.origin, lifetime: 60)
        let credential = try await dc.answer(request)
        let later = try dc.relyingParty(storage: storage, clock: { SandboxFixture.now.addingTimeInterval(61) })
        let received = await later.receive(digitalCredential: credential, forRequest: request.id, origin: DigitalCredentialsWorld.origin)
        #expect(received.error?.code == .requestExpired)
    }

    @Test(arguments: DigitalCredentialsProtocol.allCases) func responseForAnotherRelyingPartyIsRefused(_ exchangeProtocol: DigitalCredentialsProtocol) async throws {
        let dc = try DigitalCredentialsWorld()
        let ours = try dc.relyingParty()
        let theirs = try dc.relyingParty(registered: dc.world.insurer)
        let ourRequest = try await ours.createDigitalCredentialsRequest(.carRental, protocol: exchangeProtocol, origin: DigitalCredentialsWorld.origin)
        let theirRequest = try await theirs.createDigitalCredentialsRequest(.insuranceClaim, protocol: exchangeProtocol, origin: DigitalCredentialsWorld.origin)
        let theirCredential = try await dc.answer(theirRequest)
        let received = await ours.receive(digitalCredential: theirCredential, forRequest: ourRequest.id, origin: DigitalCredentialsWorld.origin)
        // OpenID4VP: the JWE names the other request's key (kid) and is refused before decryption; Annex C: HPKE does not open.
        #expect(received.error?.code == (exchangeProtocol == .isoMdoc ? .hpkeDecryptionFailed : .requestUnknown))
        #expect(await ours.receive(digitalCredential: try await dc.answer(ourRequest), forRequest: ourRequest.id, origin: DigitalCredentialsWorld.origin).isHolderAuthenticated)
    }

    @Test(arguments: DigitalCredentialsProtocol.allCases) func tamperedResponseIsRefused(_ exchangeProtocol: DigitalCredentialsProtocol) async throws {
        let dc = try DigitalCredentialsWorld()
        let rp = try dc.relyingParty()
        let request = try await rp.createDigitalCredentialsRequest(.carRental, protocol: exchangeProtocol, origin: DigitalCredentialsWorld.origin)
        let tampered = try DigitalCredentialsWorld.tampered(try await dc.answer(request))
        let received = await rp.receive(digitalCredential: tampered, forRequest: request.id, origin: DigitalCredentialsWorld.origin)
        #expect(received.error?.code == (exchangeProtocol == .isoMdoc ? .hpkeDecryptionFailed : .jweDecryptionFailed))
    }

    @Test func unencryptedAnswerToAnEncryptedRequestIsRefused() async throws {
        let dc = try DigitalCredentialsWorld()
        let rp = try dc.relyingParty()
        let request = try await rp.createDigitalCredentialsRequest(.carRental, protocol: .openID4VPUnsigned, origin: DigitalCredentialsWorld.origin)
        let deviceResponse = try dc.world.sandbox.presentation(transcript: try request.sessionTranscript())
        let plain = DigitalCredentialResponse(protocol: .openID4VPUnsigned, data: .init(vpToken: ["mdl": [Base64URL.encode(deviceResponse)]]))
        let received = await rp.receive(digitalCredential: Array(try plain.json().utf8), forRequest: request.id, origin: DigitalCredentialsWorld.origin)
        #expect(received.error?.code == .structureInvalid)
        let otherProtocol = DigitalCredentialResponse(protocol: .isoMdoc, data: .init(response: "AA"))
        let mismatch = await rp.receive(digitalCredential: Array(try otherProtocol.json().utf8), forRequest: request.id, origin: DigitalCredentialsWorld.origin)
        #expect(mismatch.error?.code == .structureInvalid)
    }

    @Test func plainResponseModeVerifiesWithANullThumbprint() async throws {
        let dc = try DigitalCredentialsWorld()
        let rp = try dc.relyingParty()
        let request = try await rp.createDigitalCredentialsRequest(
            .carRental, protocol: .openID4VPUnsigned, origin: DigitalCredentialsWorld.origin, responseMode: "dc_api")
        #expect(try request.sessionTranscript() == .openID4VPDigitalCredentialsAPI(origin: DigitalCredentialsWorld.origin, nonce: request.nonce, jwkThumbprint: nil))
        let received = await rp.receive(digitalCredential: try await dc.answer(request), forRequest: request.id, origin: DigitalCredentialsWorld.origin)
        #expect(received.isHolderAuthenticated)
    }

    @Test func browserRequestsAndCrossDeviceRequestsDoNotMix() async throws {
        let dc = try DigitalCredentialsWorld()
        let rp = try dc.relyingParty()
        let browser = try await rp.createDigitalCredentialsRequest(.carRental, protocol: .openID4VPSigned, origin: DigitalCredentialsWorld.origin)
        #expect(try await rp.requestObject(id: browser.id) == nil)
        let credential = try DigitalCredentialResponse(json: try await dc.answer(browser))
        let asFormPost = await rp.receive(jwe: try #require(credential.data.response), forRequest: browser.id)
        #expect(asFormPost.error?.code == .requestUnknown)
        let crossDevice = try await rp.createRequest(.carRental, baseURL: RequestWorld.baseURL)
        let asCredential = await rp.receive(digitalCredential: try await dc.answer(browser), forRequest: crossDevice.id, origin: DigitalCredentialsWorld.origin)
        #expect(asCredential.error?.code == .requestUnknown)
    }

    @Test func declineIsRecordedWithoutUsingTheNonce() async throws {
        let dc = try DigitalCredentialsWorld()
        let rp = try dc.relyingParty()
        let request = try await rp.createDigitalCredentialsRequest(.carRental, protocol: .openID4VPSigned, origin: DigitalCredentialsWorld.origin)
        let declined = await rp.receive(digitalCredential: try await dc.answer(request, decision: .decline), forRequest: request.id, origin: DigitalCredentialsWorld.origin)
        #expect(declined.receipt?.outcome == .declined)
        #expect(await rp.receive(digitalCredential: try await dc.answer(request), forRequest: request.id, origin: DigitalCredentialsWorld.origin).isHolderAuthenticated)
    }
}

/// The browser flow as plain HTTP replies, for any web framework (the web sample builds on them).
struct DigitalCredentialsEndpointTests {
    @Test func pageGetsTheArgumentAndPostsTheCredential() async throws {
        let dc = try DigitalCredentialsWorld()
        let endpoints = RelyingPartyEndpoints(relyingParty: try dc.relyingParty())
        let (refused, none) = await endpoints.digitalCredentialsRequest(.carRental, protocol: .isoMdoc, origin: DigitalCredentialsWorld.otherOrigin)
        #expect(refused.status == 403 && none == nil)
        let (reply, made) = await endpoints.digitalCredentialsRequest(.carRental, protocol: .isoMdoc, origin: DigitalCredentialsWorld.origin)
        let request = try #require(made)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(reply.body)) as? [String: Any])
        #expect(reply.status == 200 && object["id"] as? String == request.id && object["request"] is [String: Any])
        let credential = try await dc.answer(request)
        let (bad, _) = await endpoints.digitalCredentialResponse(body: credential, forRequest: request.id, origin: DigitalCredentialsWorld.otherOrigin)
        #expect(bad.status == 400 && String(decoding: bad.body, as: UTF8.self).contains("originNotAllowed"))
        let (unknown, _) = await endpoints.digitalCredentialResponse(body: credential, forRequest: "nope", origin: DigitalCredentialsWorld.origin)
        #expect(unknown.status == 404)
        let (ok, received) = await endpoints.digitalCredentialResponse(body: credential, forRequest: request.id, origin: DigitalCredentialsWorld.origin)
        #expect(ok.status == 200 && received.isHolderAuthenticated)
    }
}
