import Foundation
import Logging
import MDLCBOR
import MDLKit
import MDLStoragePostgres
import MDLRelyingPartyServer
import MDLSandbox
import PostgresNIO
import Testing

/// The scratch database given by `Tests/Postgres/with-postgres.sh` (MDLKIT_POSTGRES_URL), and a sandbox issuer,
/// holder wallet and registered rental relying party on a fixed clock.
struct PostgresWorld {
    /// The URL of the scratch database; `nil` when the suite runs without `with-postgres.sh`.
    static let url = ProcessInfo.processInfo.environment["MDLKIT_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    static let now = Date(timeIntervalSince1970: 1_764_000_000)  // 2025-11-24T16:00:00Z
    /// The address a load balancer would give the relying party: the wallet's requests are routed to instances.
    static let publicBaseURL = URL(string: "http://127.0.0.1")!  // sandbox identities may use loopback endpoints only

    let authority: IssuingAuthority
    let wallet: HolderWallet
    let registrar: Registrar
    let rental: RegisteredRelyingParty
    /// Every instance shares this key, as a deployment would.
    let sealer = RequestSealer(key: .generate())

    init() throws {
        authority = try IssuingAuthority(region: .shanghai, keyAlgorithm: .ed25519, now: Self.now)
        var wallet = HolderWallet(deviceKeyAlgorithm: .ed25519)
        let persona = Persona.cleanC1(today: FullDate(daysSinceEpoch: Int(Self.now.timeIntervalSince1970 / 86_400)), asOf: Self.now)
        wallet.store(try authority.issue(persona.record, deviceKey: wallet.deviceCOSEKey, now: Self.now))
        self.wallet = wallet
        registrar = try Registrar(now: Self.now)
        rental = try registrar.register(.sandboxRental, now: Self.now)
    }

    var walletVerifier: RequestVerifier { RequestVerifier(registrarRoots: [registrar.authority.certificate]) }

    func relyingParty(storage: RelyingPartyStorage, clock: @escaping @Sendable () -> Date = { PostgresWorld.now }) throws -> RelyingParty {
        let verifier = PresentationVerifier(configuration: .init(trustAnchors: [try authority.iaca.trustAnchor()], clock: { PostgresWorld.now }))
        return RelyingParty(identity: try rental.identity(), verifier: verifier, storage: storage, clock: clock)
    }

    /// The wallet verifies `requestObject` and answers with `decision`.
    func answer(_ requestObject: String, _ decision: ConsentDecision) async throws -> WalletReply {
        try wallet.answer(try await walletVerifier.verify(requestObject, at: Self.now), decision: decision)
    }

    /// A table prefix of its own for each test, so tests share the scratch database without seeing each other.
    static func freshPrefix() -> String { "t" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(12) + "_" }

    /// Runs `body` with `count` stores on the scratch database, each on its own connection pool (as separate
    /// processes would be), all on the same tables.
    static func withStores<T: Sendable>(
        _ count: Int, prefix: String = freshPrefix(), _ body: @Sendable ([PostgresStore]) async throws -> T
    ) async throws -> T {
        let url = try #require(Self.url)
        let configuration = try PostgresStore.configuration(url: url)
        let stores = try (0..<count).map { _ in
            try PostgresStore(client: PostgresClient(configuration: configuration, backgroundLogger: quietLogger), tablePrefix: prefix)
        }
        return try await withThrowingTaskGroup(of: T?.self) { group in
            for store in stores { group.addTask { await store.client.run(); return nil } }
            for store in stores { try await store.migrate() }
            let result = try await body(stores)
            group.cancelAll()
            return result
        }
    }

    static let quietLogger: Logger = {
        var logger = Logger(label: "mdlkit-postgres-tests")
        logger.logLevel = .critical
        return logger
    }()
}
