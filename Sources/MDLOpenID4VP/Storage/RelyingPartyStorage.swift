import Foundation
import MDLVerifier

/// Everything a relying party keeps between creating a request and accepting its response: open requests
/// (sealed), used nonces and the audit log of consent receipts. Instances that share one storage (and one sealing
/// key) act as one relying party behind a load balancer.
///
/// Pick a backend by configuration:
///
/// ```swift
/// let sealer = RequestSealer(key: try RequestSealingKey(base64: secret))
/// let storage = try RelyingPartyStorage.sqlite(path: "/var/lib/rp/rp.sqlite", sealer: sealer)   // MDLStorageSQLite
/// // or, several instances with MDLStoragePostgres: try PostgresStore(client: client).storage(sealer: sealer)
/// let rp = RelyingParty(identity: identity, verifier: verifier, storage: storage)
/// ```
public struct RelyingPartyStorage: Sendable {
    /// Open requests.
    public var requests: any OpenRequestStore
    /// Used nonces (single use).
    public var replay: any ReplayStore
    /// Consent receipts.
    public var audit: any AuditLog
    /// Seals requests before they reach ``requests``.
    public var sealer: RequestSealer

    /// Combines stores of any backends.
    public init(requests: any OpenRequestStore, replay: any ReplayStore, audit: any AuditLog, sealer: RequestSealer) {
        self.requests = requests
        self.replay = replay
        self.audit = audit
        self.sealer = sealer
    }

    /// Everything in this process's memory, sealed with a fresh key unless one is given: tests, and a single
    /// instance that may forget open requests on restart.
    public static func inMemory(sealer: RequestSealer = RequestSealer(key: .generate())) -> RelyingPartyStorage {
        RelyingPartyStorage(requests: InMemoryOpenRequestStore(), replay: InMemoryReplayStore(), audit: InMemoryAuditLog(), sealer: sealer)
    }
}
