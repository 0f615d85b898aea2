import Foundation
import MDLKit
import MDLStoragePostgres
import MDLRelyingPartyServer
import MDLSandbox
import Testing

/// Honest exchanges per second through one relying-party instance on PostgreSQL storage (issue 20), the counterpart
/// of `RelyingPartyServerBenchmark` (SQLite) in MDLKitTests. Runs only with `MDLKIT_RP_BENCH=1` under
/// `Tests/Postgres/with-postgres.sh`; it prints numbers and asserts only that every exchange completed.
@Suite(.enabled(if: PostgresWorld.url != nil && ProcessInfo.processInfo.environment["MDLKIT_RP_BENCH"] != nil, "set MDLKIT_RP_BENCH=1 and run through with-postgres.sh"))
struct PostgresExchangeBenchmark {
    @Test func exchangesPerSecond() async throws {
        let world = try PostgresWorld()
        try await RelyingPartyInstance.with(1, world: world) { instances in
            let instance = instances[0]
            let exchange: @Sendable () async throws -> Bool = {
                let request = try await instance.relyingParty.createRequest(.carRental, baseURL: instance.baseURL)
                let result = try await world.wallet.respond(
                    to: request.authorizationRequestURI, client: CurlHTTPClient(configuration: .init(proxy: .direct, retry: .none)),
                    verifier: world.walletVerifier, consent: ScriptedConsent(.approveAll), now: PostgresWorld.now)
                return result.httpStatus == 200
            }
            for _ in 0..<5 { _ = try await exchange() }
            for concurrency in [1, 4] {
                let total = 80
                let start = ContinuousClock.now
                let completed = try await withThrowingTaskGroup(of: Int.self) { group in
                    for worker in 0..<concurrency {
                        group.addTask {
                            var done = 0
                            for _ in stride(from: worker, to: total, by: concurrency) where try await exchange() { done += 1 }
                            return done
                        }
                    }
                    return try await group.reduce(0, +)
                }
                let elapsed = ContinuousClock.now - start
                let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
                #expect(completed == total)
                print("BENCH postgres exchanges concurrency=\(concurrency): \(total) in \(String(format: "%.2f", seconds)) s = \(String(format: "%.1f", Double(total) / seconds))/s")
            }
        }
    }
}
