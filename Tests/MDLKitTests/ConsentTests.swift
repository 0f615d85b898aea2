import Foundation
import MDLCBOR
import MDLKit
import MDLSandbox
import Testing

/// The wallet's checks and the holder's decisions, and the relying party's checks of what comes back.
struct ConsentTests {
    @Test func aDeclineIsReportedAsADecline() async throws {
        let world = try RequestWorld()
        let relyingParty = try world.relyingParty()
        let request = try await relyingParty.createRequest(.carRental, baseURL: RequestWorld.baseURL)
        let outcome = await relyingParty.receive(jwe: try await world.answer(request, .decline).jwe, forRequest: request.id)
        guard case .declined(let receipt) = outcome.outcome else {
            Issue.record("expected a decline, got \(outcome)")
            return
        }
        #expect(receipt.disclosed.isEmpty)
        #expect(receipt.declined == RequestTemplate.carRental.elementReferences)
        #expect(outcome.error == nil)
    }

    @Test func theWalletRefusesATamperedRequestObject() async throws {
        let world = try RequestWorld()
        let relyingParty = try world.relyingParty()
        let request = try await relyingParty.createRequest(.carRental.restricted(to: [.iso("family_name")]), baseURL: RequestWorld.baseURL)
        var parts = request.requestObject.split(separator: ".").map(String.init)
        var claims = try JSONDecoder().decode(AuthorizationRequestObject.self, from: Data(try #require(Base64URL.decode(parts[1]))))
        claims.responseURI = "https://attacker.example/collect"
        parts[1] = Base64URL.encode(try JSONEncoder().encode(claims))
        await #expect(throws: MDLError(code: .jwsSignatureInvalid)) {
            try await world.walletVerifier.verify(parts.joined(separator: "."), at: SandboxFixture.now)
        }
        var header = try JSONDecoder().decode(JOSEHeader.self, from: Data(try #require(Base64URL.decode(parts[0]))))
        header.typ = "JWT"
        let original = request.requestObject.split(separator: ".").map(String.init)
        let retyped = [Base64URL.encode(try JSONEncoder().encode(header)), original[1], original[2]]
        await #expect(throws: MDLError(code: .requestInvalid)) {
            try await world.walletVerifier.verify(retyped.joined(separator: "."), at: SandboxFixture.now)
        }
    }

    @Test func theWalletRefusesARelyingPartyAskingBeyondItsRegistration() async throws {
        let world = try RequestWorld()
        let relyingParty = try world.relyingParty()
        let greedy = RequestTemplate(purpose: .carRental, elements: RequestTemplate.carRental.elements + [RequestedElement(.iso("resident_address"))])
        let request = try await relyingParty.createRequest(greedy, baseURL: RequestWorld.baseURL)
        await #expect(throws: MDLError(code: .requestBeyondRegistration)) { try await world.walletVerifier.verify(request.requestObject, at: SandboxFixture.now) }
        let otherPurpose = try await relyingParty.createRequest(.insuranceClaim.restricted(to: [.iso("driving_privileges")]), baseURL: RequestWorld.baseURL)
        await #expect(throws: MDLError(code: .requestBeyondRegistration)) { try await world.walletVerifier.verify(otherPurpose.requestObject, at: SandboxFixture.now) }
    }

    @Test func theWalletRefusesARelyingPartyOfAnUntrustedRegistrar() async throws {
        let world = try RequestWorld()
        let request = try await world.relyingParty().createRequest(.carRental, baseURL: RequestWorld.baseURL)
        let stranger = RequestVerifier(registrarRoots: [try Registrar(now: SandboxFixture.now).authority.certificate])
        await #expect(throws: MDLError(code: .relyingPartyUntrusted)) { try await stranger.verify(request.requestObject, at: SandboxFixture.now) }
        let later = SandboxFixture.now.addingTimeInterval(2 * 365 * 86_400)
        await #expect(throws: MDLError(code: .relyingPartyUntrusted)) { try await world.walletVerifier.verify(request.requestObject, at: later) }
    }

    @Test func elementsTheRelyingPartyDidNotAskForAreRejected() async throws {
        let world = try RequestWorld()
        let relyingParty = try world.relyingParty()
        let request = try await relyingParty.createRequest(.carRental.restricted(to: [.iso("driving_privileges")]), baseURL: RequestWorld.baseURL)
        let received = try await world.walletVerifier.verify(request.requestObject, at: SandboxFixture.now)
        let oversharing = try world.sandbox.wallet.present(
            elements: [MDLProfile.isoNameSpace: ["driving_privileges", "resident_address"]], transcript: try received.sessionTranscript())
        let outcome = await relyingParty.receive(
            jwe: try world.sandbox.wallet.encryptedResponse(oversharing.encoded, for: received), forRequest: request.id)
        #expect(outcome.error?.code == .elementNotRequested)
    }

    /// A relying party that received a presentation relays it to another relying party under that one's open
    /// request: the device signature covers the first RP's client_id, nonce and key, so it fails as
    /// `deviceSignatureInvalid`. Posted to the second RP's response_uri as it was, encrypted to the first RP's key
    /// (its `kid`), it is `requestUnknown` before any decryption.
    @Test func aResponseForAnotherRelyingPartysRequestFailsTheTranscript() async throws {
        let world = try RequestWorld()
        let rental = try world.relyingParty()
        let insurer = try world.relyingParty(world.insurer)
        let insurerRequest = try await insurer.createRequest(.insuranceClaim, baseURL: URL(string: "https://claims.sandbox.mdlkit.cn/oid4vp")!)
        let rentalRequest = try await rental.createRequest(.carRental, baseURL: RequestWorld.baseURL)
        let forInsurer = try await world.walletVerifier.verify(insurerRequest.requestObject, at: SandboxFixture.now)
        let forRental = try await world.walletVerifier.verify(rentalRequest.requestObject, at: SandboxFixture.now)
        let presentation = try world.sandbox.wallet.present(
            elements: [MDLProfile.isoNameSpace: ["driving_privileges"]], transcript: try forInsurer.sessionTranscript())
        let relayed = try world.sandbox.wallet.encryptedResponse(presentation.encoded, for: forRental)
        #expect(await rental.receive(jwe: relayed, forRequest: rentalRequest.id).error?.code == .deviceSignatureInvalid)

        let original = try await world.answer(insurerRequest, .approveAll)
        let misposted = await rental.receive(jwe: original.jwe, forRequest: rentalRequest.id)
        #expect(misposted.error?.code == .requestUnknown)
        #expect(misposted.state == rentalRequest.state)
    }

    @Test func consentSummaryShowsNamesPurposeAndRetention() async throws {
        let world = try RequestWorld()
        let request = try await world.relyingParty().createRequest(.carRental, baseURL: RequestWorld.baseURL)
        let summary = try await world.walletVerifier.verify(request.requestObject, at: SandboxFixture.now).summary
        #expect(summary.purpose == .carRental)
        #expect(summary.relyingPartyNameEN == "Sandbox Car Rental Ltd.")
        #expect(summary.elements.first { $0.element == .iso("portrait") }?.intentToRetain == false)
        #expect(summary.lines.contains { $0.contains("租车") })
        #expect(!summary.elements.contains { $0.element == .iso("resident_address") })
    }
}
