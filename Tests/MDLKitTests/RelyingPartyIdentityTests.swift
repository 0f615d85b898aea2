import Foundation
import MDLKit
import MDLSandbox
import Testing
import X509

/// Real relying-party identities (issue 17): a certificate from any CA, the registration as a separate attestation,
/// and endpoints bound to the certificate's DNS name outside the sandbox.
struct RelyingPartyIdentityTests {
    static let registration = RelyingPartyApplication.sandboxRental.registration

    /// A plain certificate (no registration extension) for `rental.example.cn`, and its key.
    private static func plain(_ world: RequestWorld) throws -> (Certificate, SigningKey) {
        try world.registrar.certifyWithoutRegistration(dnsName: "rental.example.cn", organization: "Example Rental", now: SandboxFixture.now)
    }

    @Test func plainCertificateNeedsNoRegistration() throws {
        let world = try RequestWorld()
        let (certificate, key) = try Self.plain(world)
        let identity = try RelyingPartyIdentity(certificateChain: [certificate], signingKey: key.jwsSigningKey)
        #expect(identity.registration == nil)
        #expect(identity.displayNameEN == "Example Rental")
        #expect(identity.clientID == "x509_san_dns:rental.example.cn")
        #expect(identity.verifierInfo == nil)
    }

    @Test(arguments: RelyingPartyIdentity.ClientIDPrefix.allCases)
    func attestedRegistrationTravelsAsVerifierInfoAndTheWalletHoldsTheRequestToIt(_ prefix: RelyingPartyIdentity.ClientIDPrefix) async throws {
        let world = try RequestWorld()
        let (certificate, key) = try Self.plain(world)
        let attestation = try world.registrar.attest(Self.registration, about: certificate, now: SandboxFixture.now)
        let identity = try RelyingPartyIdentity(
            certificateChain: [certificate], signingKey: key.jwsSigningKey, clientIDPrefix: prefix, registrationAttestation: attestation)
        #expect(identity.registration == Self.registration)
        let rp = RelyingParty(identity: identity, verifier: try world.sandbox.verifier(), storage: .inMemory(), clock: { SandboxFixture.now })
        let request = try await rp.createRequest(.carRental, baseURL: URL(string: "https://rental.example.cn/oid4vp")!)
        let received = try await world.walletVerifier.verify(request.requestObject, at: SandboxFixture.now)
        #expect(received.registration == Self.registration)
        #expect(received.claims.verifierInfo?.first?.format == "jwt")
        // The attestation allows car rental only.
        let beyond = try await rp.createRequest(.drivingJob, baseURL: URL(string: "https://rental.example.cn/oid4vp")!)
        await #expect(throws: MDLError(code: .requestBeyondRegistration)) { _ = try await world.walletVerifier.verify(beyond.requestObject, at: SandboxFixture.now) }
    }

    @Test func attestationAboutAnotherCertificateIsRefused() async throws {
        let world = try RequestWorld()
        let (certificate, key) = try Self.plain(world)
        let attestation = try world.registrar.attest(Self.registration, about: world.rental.certificate, now: SandboxFixture.now)
        #expect(throws: MDLError(code: .relyingPartyUntrusted)) {
            _ = try RelyingPartyIdentity(certificateChain: [certificate], signingKey: key.jwsSigningKey, registrationAttestation: attestation)
        }
        // A wallet given an attestation from a registrar it does not trust refuses it too.
        let stranger = try Registrar(now: SandboxFixture.now)
        let foreign = try stranger.attest(Self.registration, about: certificate, now: SandboxFixture.now)
        await #expect(throws: MDLError(code: .relyingPartyUntrusted)) {
            _ = try await world.walletVerifier.registration(of: certificate, verifierInfo: [VerifierInfo(format: "jwt", data: foreign)], at: SandboxFixture.now)
        }
    }

    @Test func productionEndpointsAreHTTPSOnTheCertificatesName() async throws {
        let world = try RequestWorld()
        let (certificate, key) = try Self.plain(world)
        let identity = try RelyingPartyIdentity(certificateChain: [certificate], signingKey: key.jwsSigningKey)
        let rp = RelyingParty(identity: identity, verifier: try world.sandbox.verifier(), storage: .inMemory(), clock: { SandboxFixture.now })
        for refused in ["http://rental.example.cn/oid4vp", "https://other.example.cn/oid4vp", "http://127.0.0.1:8080/oid4vp"] {
            await #expect(throws: MDLError(code: .requestInvalid), "\(refused)") {
                _ = try await rp.createRequest(.carRental, baseURL: URL(string: refused)!)
            }
        }
        let request = try await rp.createRequest(.carRental, baseURL: URL(string: "https://RENTAL.example.cn/oid4vp")!)
        #expect(request.responseURI.hasPrefix("https://RENTAL.example.cn/oid4vp/response/"))
    }

    @Test func sandboxIdentitiesMayUseLoopbackOnly() async throws {
        let world = try RequestWorld()
        let rp = try world.relyingParty()
        #expect(rp.identity.endpointPolicy == .sandboxLoopback)
        _ = try await rp.createRequest(.carRental, baseURL: URL(string: "http://127.0.0.1:8080/oid4vp")!)
        _ = try await rp.createRequest(.carRental, baseURL: URL(string: "http://[::1]:8080/oid4vp")!)
        await #expect(throws: MDLError(code: .requestInvalid)) {
            _ = try await rp.createRequest(.carRental, baseURL: URL(string: "http://rp.example.cn/oid4vp")!)
        }
    }

    @Test func originsAreSerializedAndSecure() throws {
        #expect(try WebOrigin("https://rent.example.cn").serialized == "https://rent.example.cn")
        #expect(try WebOrigin("http://localhost:8080").isLoopback)
        for bad in ["https://rent.example.cn/", "http://rent.example.cn", "https://rent.example.cn:443", "HTTPS://rent.example.cn", "rent.example.cn"] {
            #expect(throws: MDLError(code: .requestInvalid), "\(bad)") { _ = try WebOrigin(bad) }
        }
    }
}
