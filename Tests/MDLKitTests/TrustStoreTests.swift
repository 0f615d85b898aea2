import Foundation
import Hummingbird
import MDLCBOR
import MDLKit
import MDLSandbox
import Synchronization
import Testing

/// The relying party's TrustStore against the sandbox trust-list operator, over a real loopback HTTP server.
@Suite(.serialized)
struct TrustStoreTests {
    @Test func licencesFromThreeAuthoritiesVerifyWithOneStore() async throws {
        let fixture = try await TrustStoreFixture()
        defer { fixture.removeCache() }
        try await fixture.trustOperator.publish(now: TrustStoreFixture.now)
        let authorities = await fixture.trustOperator.registrations.map(\.authority)
        #expect(authorities.count == 3)
        try await fixture.trustOperator.serve { url in
            let store = await fixture.store(url: url)
            try await store.refresh()
            for authority in authorities {
                let presentation = try await fixture.verify(try TrustStoreFixture.licence(from: authority), with: store)
                #expect(presentation.documents.count == 1)
                #expect(presentation.documents.first?.trustPath.subjects.last?.contains(authority.region.nameEN) == true)
            }
        }
    }

    @Test func anAuthorityAddedLaterIsTrustedAfterTheNextBackgroundRefresh() async throws {
        let fixture = try await TrustStoreFixture(regions: [.shanghai, .sichuan])
        defer { fixture.removeCache() }
        try await fixture.trustOperator.publish(now: TrustStoreFixture.now)
        let jiangsu = try IssuingAuthority(region: .jiangsu, now: TrustStoreFixture.now)
        let licence = try TrustStoreFixture.licence(from: jiangsu)
        try await fixture.trustOperator.serve { url in
            let store = await fixture.store(url: url, refreshInterval: .milliseconds(50))
            try await store.refresh()
            let before = await TrustStoreFixture.code { _ = try await fixture.verify(licence, with: store) }
            #expect(before == .certificateUntrusted)

            await store.startRefreshing()
            await fixture.trustOperator.add(jiangsu)
            try await fixture.trustOperator.publish(now: TrustStoreFixture.now + 60)
            fixture.clock.advance(by: 120)
            let refreshed = await TrustStoreFixture.eventually { await store.current?.vical.issueID == 2 }
            await store.stopRefreshing()
            #expect(refreshed)
            let presentation = try await fixture.verify(licence, with: store)
            #expect(presentation.documents.first?.trustPath.subjects.last?.contains("Suzhou") == true)
        }
    }

    @Test func aRetiredIACAsNewDocumentsFailWhileEarlierOnesVerify() async throws {
        let fixture = try await TrustStoreFixture()
        defer { fixture.removeCache() }
        let now = TrustStoreFixture.now
        let shanghai = try #require(await fixture.trustOperator.authority(.shanghai))
        let earlier = try TrustStoreFixture.licence(from: shanghai, signedAt: now - 10 * 86_400)
        let later = try TrustStoreFixture.licence(from: shanghai, signedAt: now - 86_400)
        try await fixture.trustOperator.retireIACA(of: .shanghai, at: now - 5 * 86_400)
        try await fixture.trustOperator.publish(now: now)
        try await fixture.trustOperator.serve { url in
            let store = await fixture.store(url: url)
            try await store.refresh()
            let presentation = try await fixture.verify(earlier, with: store)
            #expect(presentation.documents.count == 1)
            let refused = await TrustStoreFixture.code { _ = try await fixture.verify(later, with: store) }
            #expect(refused == .certificateRevoked)
        }
    }

    @Test func aRotatedDocumentSignerIsTrustedThroughTheSameIACA() async throws {
        let fixture = try await TrustStoreFixture()
        defer { fixture.removeCache() }
        try await fixture.trustOperator.publish(now: TrustStoreFixture.now)
        let before = try #require(await fixture.trustOperator.authority(.sichuan))
        let rotated = try await fixture.trustOperator.rotateDocumentSigner(of: .sichuan, now: TrustStoreFixture.now)
        #expect(rotated.documentSigner.certificate != before.documentSigner.certificate)
        try await fixture.trustOperator.serve { url in
            let store = await fixture.store(url: url)
            try await store.refresh()
            for authority in [before, rotated] {
                let presentation = try await fixture.verify(try TrustStoreFixture.licence(from: authority), with: store)
                #expect(presentation.documents.first?.trustPath.subjects.first?.contains("DS") == true)
            }
        }
    }

    @Test func aRolledBackListIsRefusedAndTheHeldOneStays() async throws {
        let fixture = try await TrustStoreFixture()
        defer { fixture.removeCache() }
        let first = try await fixture.trustOperator.publish(now: TrustStoreFixture.now)
        let second = try await fixture.trustOperator.publish(now: TrustStoreFixture.now + 60)
        let served = Mutex(second)
        try await LoopbackHTTPServer.run({ router in
            router.get("vical.cose") { _, _ in loopbackResponse(body: served.withLock { $0 }) }
        }) { port in
            let url = try #require(URL(string: "http://127.0.0.1:\(port)/vical.cose"))
            let store = await fixture.store(url: url)
            try await store.refresh()
            served.withLock { $0 = first }
            let code = await TrustStoreFixture.code { try await store.refresh() }
            #expect(code == .trustListRollback)
            #expect(await store.current?.vical.issueID == 2)
            #expect(try await store.anchors().count == 3)
        }
    }

    @Test func aListSignedByAnUnknownKeyIsUntrusted() async throws {
        let fixture = try await TrustStoreFixture()
        defer { fixture.removeCache() }
        let impostor = try TrustListOperator(provider: fixture.trustOperator.provider, now: TrustStoreFixture.now)
        for registration in await fixture.trustOperator.registrations { await impostor.add(registration.authority) }
        try await impostor.publish(now: TrustStoreFixture.now)
        try await impostor.serve { url in
            let store = await fixture.store(url: url)
            let code = await TrustStoreFixture.code { try await store.refresh() }
            #expect(code == .trustListUntrusted)
            #expect(await store.current?.vical.issueID == nil)
        }
    }

    @Test func aListStaleBeyondTheBoundIsExpired() async throws {
        let fixture = try await TrustStoreFixture()
        defer { fixture.removeCache() }
        try await fixture.trustOperator.publish(now: TrustStoreFixture.now)
        try await fixture.trustOperator.serve { url in
            let store = await fixture.store(url: url, stalenessBound: 3_600)
            try await store.refresh()
            // nextUpdate is a day after publication; within the bound the list still serves.
            fixture.clock.advance(by: 86_400 + 1_800)
            #expect(try await store.anchors().count == 3)
            fixture.clock.advance(by: 3_600)
            let code = await TrustStoreFixture.code { _ = try await store.anchors() }
            #expect(code == .trustListExpired)
            // Fetching the same old list again does not help: it is stale too.
            let refetch = await TrustStoreFixture.code { try await store.refresh() }
            #expect(refetch == .trustListExpired)
        }
    }

    @Test func anUnreachableOperatorIsUnavailableButACachedListKeepsWorking() async throws {
        let fixture = try await TrustStoreFixture()
        defer { fixture.removeCache() }
        let unreachable = try #require(URL(string: "http://127.0.0.1:1/vical.cose"))
        let empty = await fixture.store(url: unreachable)
        #expect(await TrustStoreFixture.code { try await empty.refresh() } == .trustListUnavailable)
        #expect(await TrustStoreFixture.code { _ = try await empty.anchors() } == .trustListUnavailable)

        try await fixture.trustOperator.publish(now: TrustStoreFixture.now)
        let sichuan = try #require(await fixture.trustOperator.authority(.sichuan))
        let store = try await fixture.trustOperator.serve { url in
            let store = await fixture.store(url: url)
            try await store.refresh()
            return store
        }
        // The server is gone: refreshing fails, verifying still works on the held list.
        #expect(await TrustStoreFixture.code { try await store.refresh() } == .trustListUnavailable)
        #expect(await store.lastRefreshError?.code == .trustListUnavailable)
        let presentation = try await fixture.verify(try TrustStoreFixture.licence(from: sichuan), with: store)
        #expect(presentation.documents.count == 1)
    }

    @Test func theCachedListSurvivesARestart() async throws {
        let fixture = try await TrustStoreFixture()
        defer { fixture.removeCache() }
        try await fixture.trustOperator.publish(now: TrustStoreFixture.now)
        try await fixture.trustOperator.publish(now: TrustStoreFixture.now + 60)
        try await fixture.trustOperator.serve { url in
            let store = await fixture.store(url: url)
            try await store.refresh()
        }
        let jiangsu = try #require(await fixture.trustOperator.authority(.jiangsu))
        // A new store on the same directory, with the operator offline.
        let restarted = await fixture.store(url: try #require(URL(string: "http://127.0.0.1:1/vical.cose")))
        #expect(await restarted.current?.vical.issueID == 2)
        let presentation = try await fixture.verify(try TrustStoreFixture.licence(from: jiangsu), with: restarted)
        #expect(presentation.documents.count == 1)
        // A store on another directory holds nothing.
        let elsewhere = try await TrustStoreFixture()
        defer { elsewhere.removeCache() }
        let fresh = await elsewhere.store(url: try #require(URL(string: "http://127.0.0.1:1/vical.cose")))
        #expect(await fresh.current?.vical.issueID == nil)
    }
}
