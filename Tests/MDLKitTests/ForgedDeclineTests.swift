import Foundation
import MDLKit
import MDLSandbox
import Testing

/// Anyone holding the public request object can encrypt `access_denied` to the request's key. Such a decline is
/// recorded, but it neither uses the nonce nor closes the request: the holder's device-signed response that
/// follows is accepted, and the receipt log shows both, in order (issue 20).
struct ForgedDeclineTests {
    /// What an attacker builds from the request object alone: a decline with the request's state, encrypted to
    /// its published key.
    static func forgedDecline(for request: PresentationRequest) throws -> String {
        let payload = AuthorizationResponsePayload(state: request.state, error: "access_denied")
        return try JWE.encrypt(Array(try JSONEncoder().encode(payload)), to: request.encryptionJWK)
    }

    @Test func aForgedDeclineLeavesTheRequestOpenForTheHolder() async throws {
        let world = try RequestWorld()
        let audit = InMemoryAuditLog()
        let relyingParty = try world.relyingParty(auditLog: audit)
        let request = try await relyingParty.createRequest(.carRental, baseURL: RequestWorld.baseURL)
        let forged = await relyingParty.receive(jwe: try Self.forgedDecline(for: request), forRequest: request.id)
        #expect(forged.receipt?.outcome == .declined)
        #expect(!forged.isHolderAuthenticated)
        #expect(forged.receipt?.isHolderAuthenticated == false)
        // More forged declines are refused and not recorded: one decline receipt per request.
        let again = await relyingParty.receive(jwe: try Self.forgedDecline(for: request), forRequest: request.id)
        #expect(again.error?.code == .replay)
        #expect(again.state == request.state)

        let genuine = await relyingParty.receive(jwe: try await world.answer(request, .approveAll).jwe, forRequest: request.id)
        #expect(genuine.receipt?.outcome == .presented)
        #expect(genuine.isHolderAuthenticated)
        #expect(try await audit.receipts().map(\.outcome) == [.declined, .presented])
        #expect(try await audit.receipts().map(\.state) == [request.state, request.state])
        // After the presentation, a decline is refused: the request was answered.
        let late = await relyingParty.receive(jwe: try await world.answer(request, .decline).jwe, forRequest: request.id)
        #expect(late.error?.code == .replay)
        #expect(try await audit.receipts().count == 2)
    }

    /// Forged content other than a decline (a malformed vp_token, a presentation made for another session) is
    /// refused with the request's state and leaves the request open too.
    @Test func forgedPresentationsAreRefusedWithTheStateAndLeaveTheRequestOpen() async throws {
        let world = try RequestWorld()
        let relyingParty = try world.relyingParty()
        let request = try await relyingParty.createRequest(.carRental, baseURL: RequestWorld.baseURL)
        let received = try await world.walletVerifier.verify(request.requestObject, at: SandboxFixture.now)
        let junk = await relyingParty.receive(
            jwe: try world.sandbox.wallet.encryptedResponse([0xA0], for: received), forRequest: request.id)
        #expect(junk.error != nil)
        #expect(junk.state == request.state)
        #expect(!junk.isHolderAuthenticated)
        let other = try await relyingParty.createRequest(.carRental, baseURL: RequestWorld.baseURL)
        let otherReceived = try await world.walletVerifier.verify(other.requestObject, at: SandboxFixture.now)
        let foreign = try world.sandbox.wallet.present(
            elements: [MDLProfile.isoNameSpace: ["driving_privileges"]], transcript: try otherReceived.sessionTranscript())
        let relayed = await relyingParty.receive(
            jwe: try world.sandbox.wallet.encryptedResponse(foreign.encoded, for: received), forRequest: request.id)
        #expect(relayed.error?.code == .deviceSignatureInvalid)
        #expect(!relayed.isHolderAuthenticated)
        #expect(await relyingParty.receive(jwe: try await world.answer(request, .approveAll).jwe, forRequest: request.id).receipt?.outcome == .presented)
    }

    @Test func aRepeatedResponseParameterIsRefusedWithTheState() async throws {
        let world = try RequestWorld()
        let relyingParty = try world.relyingParty()
        let request = try await relyingParty.createRequest(.carRental, baseURL: RequestWorld.baseURL)
        let reply = try await world.answer(request, .approveAll)
        let doubled = FormBody.encode([("response", reply.jwe), ("response", "x")])
        let refused = await relyingParty.receive(formBody: doubled, forRequest: request.id)
        #expect(refused.error?.code == .joseMalformed)
        #expect(refused.state == request.state)
        #expect(await relyingParty.receive(formBody: reply.formBody, forRequest: request.id).receipt?.outcome == .presented)
    }
}
