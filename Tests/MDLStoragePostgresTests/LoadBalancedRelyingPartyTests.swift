import Foundation
import MDLKit
import MDLStoragePostgres
import MDLRelyingPartyServer
import MDLSandbox
import Testing

// Needs MDLKIT_POSTGRES_URL: run through Tests/Postgres/with-postgres.sh (see PostgresStoreTests.swift).

/// Two or three relying-party instances on loopback sharing one PostgreSQL database, driven over HTTP by the
/// sandbox wallet: any instance completes a request any other made, a nonce is used once across all of them,
/// and the audit log is one log.
@Suite(.enabled(if: PostgresWorld.url != nil, "MDLKIT_POSTGRES_URL is not set: run through Tests/Postgres/with-postgres.sh"))
struct LoadBalancedRelyingPartyTests {
    @Test func walletFetchesFromAPostsToBAndAReplayToAIsRefused() async throws {
        let world = try PostgresWorld()
        try await RelyingPartyInstance.with(2, world: world) { instances in
            let (a, b) = (instances[0], instances[1])
            let request = try await a.relyingParty.createRequest(.carRental, baseURL: PostgresWorld.publicBaseURL)
            let balancer = LoadBalancer(getTarget: a.baseURL, postTarget: b.baseURL)
            let result = try await world.wallet.respond(
                to: request.authorizationRequestURI, client: balancer, verifier: world.walletVerifier,
                consent: ScriptedConsent(.approveSubset([.iso("driving_privileges"), .iso("expiry_date")])), now: PostgresWorld.now)
            #expect(result.httpStatus == 200)
            var bOutcomes = b.outcomes.makeAsyncIterator()
            let outcome = try #require(await bOutcomes.next())
            #expect(outcome.receipt?.outcome == .presented)
            #expect(outcome.receipt?.state == request.state)
            #expect(Set(outcome.receipt?.disclosed.map(\.element) ?? []) == [.iso("driving_privileges"), .iso("expiry_date")])

            let (replay, replayBody) = try await CurlHTTPClient().send(
                try HTTPRequest(
                    checking: a.baseURL.appendingPathComponent("response/\(request.id)"), method: .post,
                    headerFields: [.contentType: "application/x-www-form-urlencoded"]),
                body: result.reply.formBody)
            #expect(replay.status.code == 400)
            #expect(String(decoding: replayBody, as: UTF8.self).contains("replay"))
            var aOutcomes = a.outcomes.makeAsyncIterator()
            #expect(await aOutcomes.next()?.error?.code == .replay)

            let receipts = try await a.store.audit.receipts()
            #expect(receipts.count == 1)
            #expect(receipts.first?.state == request.state)
        }
    }

    @Test func twoHundredConcurrentReplaysOverHTTPYieldExactlyOneAcceptance() async throws {
        let world = try PostgresWorld()
        try await RelyingPartyInstance.with(2, world: world) { instances in
            let request = try await instances[0].relyingParty.createRequest(.carRental, baseURL: PostgresWorld.publicBaseURL)
            let (fetched, fetchedBody) = try await CurlHTTPClient().send(
                try HTTPRequest(checking: instances[1].baseURL.appendingPathComponent("request/\(request.id)")))
            #expect(fetched.status.code == 200)
            let reply = try await world.answer(String(decoding: fetchedBody, as: UTF8.self), .approveAll)
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for index in 0..<200 {
                    let target = instances[index % 2].baseURL.appendingPathComponent("response/\(request.id)")
                    group.addTask {
                        let head = try HTTPRequest(
                            checking: target, method: .post, headerFields: [.contentType: "application/x-www-form-urlencoded"])
                        return try await CurlHTTPClient().send(head, body: reply.formBody).response.status.code
                    }
                }
                var statuses: [Int] = []
                for try await status in group { statuses.append(status) }
                return statuses
            }
            #expect(statuses.count == 200)
            #expect(statuses.filter { $0 == 200 }.count == 1)
            #expect(statuses.filter { $0 == 400 }.count == 199)
            let receipts = try await instances[1].store.audit.receipts()
            #expect(receipts.count == 1)
            #expect(receipts.first?.outcome == .presented)
        }
    }

    @Test func aRequestSurvivesTheInstanceThatMadeIt() async throws {
        let world = try PostgresWorld()
        try await RelyingPartyInstance.with(2, world: world) { instances in
            let (a, b) = (instances[0], instances[1])
            let request = try await a.relyingParty.createRequest(.carRental, baseURL: PostgresWorld.publicBaseURL)
            await a.stop()  // A dies with the request open; nothing of it lived only in A's memory
            let refused = try? await CurlHTTPClient().send(
                try HTTPRequest(checking: a.baseURL.appendingPathComponent("request/\(request.id)")))
            #expect(refused?.response.status.code != 200)

            let result = try await world.wallet.respond(
                to: request.authorizationRequestURI, client: LoadBalancer(getTarget: b.baseURL, postTarget: b.baseURL),
                verifier: world.walletVerifier, consent: ScriptedConsent(.approveAll), now: PostgresWorld.now)
            #expect(result.httpStatus == 200)
            var outcomes = b.outcomes.makeAsyncIterator()
            #expect(await outcomes.next()?.receipt?.outcome == .presented)
            #expect(try await b.store.audit.receipts().map(\.state) == [request.state])
        }
    }

    @Test func theAuditLogHasOneReceiptPerAcceptedResponseAndNoneForRefusedOnes() async throws {
        let world = try PostgresWorld()
        try await RelyingPartyInstance.with(3, world: world) { instances in
            var accepted: [String] = []
            for round in 0..<3 {
                let maker = instances[round % 3]
                let taker = instances[(round + 1) % 3]
                let request = try await maker.relyingParty.createRequest(.carRental, baseURL: PostgresWorld.publicBaseURL)
                let decision: ConsentDecision = round == 2 ? .decline : .approveAll
                let reply = try await world.answer(request.requestObject, decision)
                #expect(await taker.relyingParty.receive(formBody: reply.formBody, forRequest: request.id).receipt != nil)
                accepted.append(request.state)
                for other in instances {
                    #expect(await other.relyingParty.receive(formBody: reply.formBody, forRequest: request.id).error?.code == .replay)
                }
            }
            #expect(await instances[1].relyingParty.receive(formBody: Array("response=not-a-jwe".utf8), forRequest: "unknown").error != nil)
            let receipts = try await instances[2].store.audit.receipts()
            #expect(receipts.map(\.state) == accepted)
            #expect(receipts.map(\.outcome) == [.presented, .presented, .declined])
        }
    }
}
