import Foundation
import MDLCBOR
import MDLKit
import MDLSandbox
import Testing
import X509

/// A sandbox for request tests: an issuer and a holder's wallet (``SandboxFixture``), a registrar with three
/// registered relying parties, and a fixed clock.
struct RequestWorld {
    static let baseURL = URL(string: "http://127.0.0.1/oid4vp")!  // sandbox identities may use loopback endpoints only
    let sandbox: SandboxFixture
    let registrar: Registrar
    let rental: RegisteredRelyingParty
    let insurer: RegisteredRelyingParty

    init() throws {
        sandbox = try SandboxFixture()
        registrar = try Registrar(now: SandboxFixture.now)
        rental = try registrar.register(.sandboxRental, now: SandboxFixture.now)
        insurer = try registrar.register(.sandboxInsurer, now: SandboxFixture.now, keyAlgorithm: .ed25519)
    }

    var walletVerifier: RequestVerifier { RequestVerifier(registrarRoots: [registrar.authority.certificate]) }

    func relyingParty(
        _ registered: RegisteredRelyingParty? = nil, replayStore: any ReplayStore = InMemoryReplayStore(),
        auditLog: any AuditLog = InMemoryAuditLog(), clock: @escaping @Sendable () -> Date = { SandboxFixture.now }
    ) throws -> RelyingParty {
        RelyingParty(
            identity: try (registered ?? rental).identity(), verifier: try sandbox.verifier(), replayStore: replayStore, auditLog: auditLog,
            clock: clock)
    }

    func relyingParty(
        _ registered: RegisteredRelyingParty? = nil, storage: RelyingPartyStorage, clock: @escaping @Sendable () -> Date = { SandboxFixture.now }
    ) throws -> RelyingParty {
        RelyingParty(identity: try (registered ?? rental).identity(), verifier: try sandbox.verifier(), storage: storage, clock: clock)
    }

    /// The wallet verifies `request` and answers with `decision`.
    func answer(_ request: PresentationRequest, _ decision: ConsentDecision) async throws -> WalletReply {
        try sandbox.wallet.answer(try await walletVerifier.verify(request.requestObject, at: SandboxFixture.now), decision: decision)
    }
}

struct RequestWorldTests {
    @Test func registrarCertificateCarriesTheRegistration() throws {
        let world = try RequestWorld()
        let registration = try RelyingPartyRegistration(certificate: world.rental.certificate)
        #expect(registration.nameZH == "沙箱租车有限公司")
        #expect(registration.allowedElements(for: .carRental) == Set(RequestTemplate.carRental.elementReferences))
        #expect(registration.allowedElements(for: .insuranceClaim) == nil)
        let identity = try world.rental.identity()
        #expect(identity.clientID == "x509_san_dns:rental.sandbox.mdlkit.cn")
        #expect(try world.rental.identity(clientIDPrefix: .x509Hash).clientID.hasPrefix("x509_hash:"))
    }

    @Test func identityLoadsFromPEM() throws {
        let world = try RequestWorld()
        let identity = try RelyingPartyIdentity(chainPEM: try world.rental.certificatePEM(), keyPEM: world.rental.signingKey.jwsSigningKey.pemRepresentation)
        #expect(identity.registration?.nameEN == "Sandbox Car Rental Ltd.")
        let edIdentity = try RelyingPartyIdentity(chainPEM: try world.insurer.certificatePEM(), keyPEM: world.insurer.signingKey.jwsSigningKey.pemRepresentation)
        #expect(edIdentity.signingKey.algorithm == "EdDSA")
        #expect(throws: MDLError(code: .relyingPartyUntrusted)) {
            try RelyingPartyIdentity(chainPEM: try world.rental.certificatePEM(), keyPEM: world.insurer.signingKey.jwsSigningKey.pemRepresentation)
        }
    }
}
