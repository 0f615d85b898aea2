import Foundation
import MDLKit
import MDLStoragePostgres
import MDLSandbox
import PostgresNIO
import Testing

// The suite needs a PostgreSQL server: run it through `Tests/Postgres/with-postgres.sh swift test --filter
// MDLStoragePostgresTests`, which starts a scratch server on loopback and sets MDLKIT_POSTGRES_URL. Without that
// variable every test here is skipped (and reported as skipped), never silently passed.

/// The PostgreSQL stores on their own: atomic single use, sealed rows, sweeping, the audit log.
@Suite(.enabled(if: PostgresWorld.url != nil, "MDLKIT_POSTGRES_URL is not set: run through Tests/Postgres/with-postgres.sh"))
struct PostgresStoreTests {
    @Test func twoHundredConcurrentConsumersOnTwoPoolsGetExactlyOneWin() async throws {
        let wins = try await PostgresWorld.withStores(2) { stores in
            try await withThrowingTaskGroup(of: Bool.self) { group in
                for index in 0..<200 {
                    let store = stores[index % 2]
                    group.addTask { try await store.replay.consume("nonce-1", until: PostgresWorld.now) }
                }
                var wins = 0
                for try await won in group where won { wins += 1 }
                return wins
            }
        }
        #expect(wins == 1)
    }

    @Test func rowsHoldTheRequestSealedAndAnotherKeyCannotOpenThem() async throws {
        let world = try PostgresWorld()
        try await PostgresWorld.withStores(1) { stores in
            let store = stores[0]
            let relyingParty = try world.relyingParty(storage: store.storage(sealer: world.sealer))
            let request = try await relyingParty.createRequest(.carRental, baseURL: PostgresWorld.publicBaseURL)
            let privateKey = try #require(request.encryptionKey.privateJWK(kid: request.id).d)
            let query: PostgresQuery = "SELECT sealed FROM \(unescaped: store.tablePrefix)open_request WHERE id = \(request.id)"
            var sealed: [Data] = []
            for try await (bytes) in try await store.client.query(query).decode(Data.self) { sealed.append(bytes) }
            let row = try #require(sealed.first)
            let text = String(decoding: row, as: UTF8.self)
            #expect(!text.contains(privateKey))
            #expect(!text.contains(request.nonce))
            #expect(!text.contains("encryptionKey"))

            let stored = try #require(try await store.requests.request(id: request.id))
            #expect(try stored.unsealed(with: world.sealer).nonce == request.nonce)
            #expect(throws: MDLError(code: .sealedRequestInvalid)) {
                try stored.unsealed(with: RequestSealer(key: .generate()))
            }
            // After a key rotation the old key still opens rows sealed before it.
            #expect(try stored.unsealed(with: RequestSealer(key: .generate(), retiredKeys: [world.sealer.key])).state == request.state)
        }
    }

    @Test func sweepingDeletesOnlyExpiredRequestsAndNonces() async throws {
        let world = try PostgresWorld()
        try await PostgresWorld.withStores(1) { stores in
            let store = stores[0]
            let clock = TestClock(PostgresWorld.now)
            let relyingParty = try world.relyingParty(storage: store.storage(sealer: world.sealer), clock: { clock.now })
            let short = try await relyingParty.createRequest(.carRental, baseURL: PostgresWorld.publicBaseURL, lifetime: 60)
            let long = try await relyingParty.createRequest(.carRental, baseURL: PostgresWorld.publicBaseURL, lifetime: 86_400)
            #expect(try await store.replay.consume(short.nonce, until: short.expiresAt))
            clock.advance(by: 60 + RelyingParty.expiredRequestRetention + 1)
            let swept = try await relyingParty.sweep()
            #expect(swept.requests == 1)
            #expect(swept.nonces == 1)
            #expect(try await store.requests.request(id: short.id) == nil)
            #expect(try await store.requests.request(id: long.id) != nil)
            #expect(try await relyingParty.requestObject(id: long.id) == long.requestObject)
        }
    }

    @Test func aMigrationRunTwiceAndConcurrentlyIsHarmless() async throws {
        try await PostgresWorld.withStores(3) { stores in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for store in stores { group.addTask { try await store.migrate() } }
                try await group.waitForAll()
            }
            #expect(try await stores[0].audit.receipts().isEmpty)
        }
    }
}

/// Reading a database URL needs no server.
struct PostgresURLTests {
    @Test func aURLConfiguresOnlyUnencryptedLoopbackOrExplicitlyDisabledTLS() throws {
        #expect(throws: MDLError(code: .storageFailed)) { try PostgresStore.configuration(url: "postgres://u@db.example.cn/x") }
        #expect(throws: MDLError(code: .storageFailed)) { try PostgresStore.configuration(url: "mysql://u@127.0.0.1/x") }
        let configuration = try PostgresStore.configuration(url: "postgres://u:p%40ss@db.example.cn:6543/rp?sslmode=disable")
        #expect(configuration.username == "u")
        #expect(configuration.password == "p@ss")
        #expect(configuration.database == "rp")
        #expect(configuration.port == 6543)
        let socket = try PostgresStore.configuration(url: "postgres://rp@/rp?host=/run/postgresql")
        #expect(socket.unixSocketPath == "/run/postgresql/.s.PGSQL.5432")
        #expect(socket.database == "rp")
        #expect(throws: MDLError(code: .storageFailed)) { try PostgresStore(client: PostgresClient(configuration: configuration, backgroundLogger: PostgresWorld.quietLogger), tablePrefix: "x; DROP") }
    }
}

/// A settable clock for expiry tests.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date
    init(_ start: Date) { current = start }
    var now: Date { lock.withLock { current } }
    func advance(by seconds: TimeInterval) { lock.withLock { current += seconds } }
}
