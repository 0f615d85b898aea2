import Foundation
import MDLCBOR
import MDLCOSE
import MDLKit
import MDLSandbox
import Testing

/// Point statements as of a past instant (issue 19): the sandbox status service keeps each licence's history with
/// effective times, a relying party asks with the holder's presentation for the facts at an accident, and the
/// insurance claim policy judges them.
struct PointStatementHistoryTests {
    static let clientID = "x509_san_dns:claims.insurer.example.cn"
    static let responseURI = "https://claims.insurer.example.cn/response"
    static let now = SandboxFixture.now
    static let accident = now - 10 * 86_400 + 3_600 * 5 + 17
    static let day: TimeInterval = 86_400

    /// A status service with one licence (clean C1, 0 points) and its holder's wallet; the clock is claim time.
    struct Claim {
        let world: StatusServiceTests.World
        let wallet: HolderWallet
        let url: URL

        static func start() async throws -> Claim {
            let clock = ManualClock(PointStatementHistoryTests.now)
            let authority = try IssuingAuthority(region: .shanghai, now: PointStatementHistoryTests.now)
            let service = try StatusService(authorities: [authority], now: { clock.now })
            try await service.start()
            var wallet = HolderWallet()
            let persona = Persona.cleanC1(today: SandboxFixture.today, asOf: PointStatementHistoryTests.now)
            let credential = try service.issue(
                persona.record,
                by: authority,
                deviceKey: wallet.deviceCOSEKey,
                now: PointStatementHistoryTests.now
            )
            wallet.store(credential)
            let world = StatusServiceTests.World(
                clock: clock,
                authority: authority,
                service: service,
                credential: credential
            )
            return Claim(world: world, wallet: wallet, url: try service.pointStatementURL(for: authority))
        }

        func presentation(nonce: String) throws -> [UInt8] {
            let transcript = SessionTranscript.openID4VP(
                clientID: PointStatementHistoryTests.clientID,
                nonce: nonce,
                jwkThumbprint: nil,
                responseURI: PointStatementHistoryTests.responseURI
            )
            return try wallet.present(elements: nil, transcript: transcript).encoded
        }

        func request(nonce: String, at instant: Date? = PointStatementHistoryTests.accident) throws
            -> PointStatementRequest
        {
            PointStatementRequest(
                presentation: try presentation(nonce: nonce),
                clientID: PointStatementHistoryTests.clientID,
                nonce: nonce,
                responseURI: PointStatementHistoryTests.responseURI,
                at: instant
            )
        }

        func statement(nonce: String, at instant: Date = PointStatementHistoryTests.accident) async throws
            -> PointStatement
        {
            try await world.client().pointStatement(
                from: url,
                request: try request(nonce: nonce, at: instant),
                trust: try world.trust()
            )
        }

        func facts() async throws -> LicenseFacts {
            let transcript = SessionTranscript.openID4VP(
                clientID: PointStatementHistoryTests.clientID,
                nonce: "facts",
                jwkThumbprint: nil,
                responseURI: PointStatementHistoryTests.responseURI
            )
            let verifier = PresentationVerifier(
                configuration: .init(
                    trustAnchors: [try world.authority.iaca.trustAnchor()],
                    clock: { PointStatementHistoryTests.now },
                    // The claim is judged by the statement as of the accident, not today's list.
                    status: .skip(reason: "judged by a statement as of the accident")
                )
            )
            let verified = try await verifier.verify(try presentation(nonce: "facts"), sessionTranscript: transcript)
            return try #require(verified.license)
        }

        func key() throws -> SignaturePublicKey {
            try StatusSignerKey.read(try world.service.statusSigner(for: world.authority).pemEncoded())
        }

        var binding: [UInt8] { PointStatement.binding(issuerAuth: world.credential.issuerAuth) }
    }

    @Test func aLicenceSuspendedAfterTheAccidentPassesTheClaim() async throws {
        let claim = try await Claim.start()
        defer { Task { await claim.world.service.stop() } }
        try claim.world.service.apply(.suspend, to: claim.world.reference, effectiveAt: Self.accident + 5 * Self.day)
        // Today the list says suspended.
        let today = try await claim.world.client().status(for: claim.world.reference, trust: try claim.world.trust())
        #expect(today.credentialStatus == .suspended)
        let statement = try await claim.statement(nonce: "after-1")
        #expect(statement.statusLetters.description == "A")
        #expect(statement.credentialStatus == .valid)
        #expect(statement.answersFor == Self.accident)
        #expect(statement.issuedAt == Self.now)
        let decision = InsuranceClaimPolicy(accidentAt: Self.accident, vehicleClass: "C1", statement: statement)
            .decide(try await claim.facts())
        #expect(decision.outcome == .pass, "\(decision.reasons)")
        #expect(decision.has("statement.atAccident"))
    }

    @Test func aLicenceSuspendedBeforeTheAccidentFailsTheClaim() async throws {
        let claim = try await Claim.start()
        defer { Task { await claim.world.service.stop() } }
        try claim.world.service.apply(.suspend, to: claim.world.reference, effectiveAt: Self.accident - 5 * Self.day)
        let statement = try await claim.statement(nonce: "before-1")
        #expect(statement.statusLetters.description == "D")
        #expect(statement.credentialStatus == .suspended)
        let decision = InsuranceClaimPolicy(accidentAt: Self.accident, vehicleClass: "C1", statement: statement)
            .decide(try await claim.facts())
        #expect(decision.outcome == .fail)
        #expect(decision.reasons(.fail).map(\.code) == ["credential.suspended", "status.disqualifying"])
    }

    @Test func pointsCrossingTwelveAfterTheAccidentAreJudgedAsAtTheAccident() async throws {
        let claim = try await Claim.start()
        defer { Task { await claim.world.service.stop() } }
        try claim.world.service.apply(
            .deductPoints(6),
            to: claim.world.reference,
            effectiveAt: Self.accident - 20 * Self.day
        )
        let now = try claim.world.service.apply(
            .deductPoints(6),
            to: claim.world.reference,
            effectiveAt: Self.accident + 3 * Self.day
        )
        #expect(now.points == 12)
        #expect(now.statusLetters.description == "BU")
        let statement = try await claim.statement(nonce: "points-1")
        #expect(statement.points.pointsInCycle == 6)
        #expect(statement.statusLetters.description == "A")
        let facts = try await claim.facts()
        let decision = InsuranceClaimPolicy(accidentAt: Self.accident, vehicleClass: "C1", statement: statement).decide(
            facts
        )
        #expect(decision.outcome == .pass, "\(decision.reasons)")
        #expect(decision.reasons(.info).contains { $0.code == "points.withinLimit" && $0.en.hasPrefix("6 points") })
        // A deduction recorded today but effective before the accident counts at the accident.
        try claim.world.service.apply(
            .deductPoints(6),
            to: claim.world.reference,
            effectiveAt: Self.accident - Self.day
        )
        let later = try await claim.statement(nonce: "points-2")
        #expect(later.points.pointsInCycle == 12)
        let failed = InsuranceClaimPolicy(accidentAt: Self.accident, vehicleClass: "C1", statement: later).decide(facts)
        #expect(failed.reasons(.fail).map(\.code) == ["credential.suspended", "status.disqualifying", "points.full"])
    }

    @Test func aStatementForAnotherInstantRelyingPartyOrNonceIsRefused() async throws {
        let claim = try await Claim.start()
        defer { Task { await claim.world.service.stop() } }
        let statement = try await claim.statement(nonce: "bound-1")
        let key = try claim.key()
        func verify(nonce: String = "bound-1", rp: String = Self.clientID, instant: Date? = Self.accident) throws {
            try statement.verify(
                with: key,
                binding: claim.binding,
                nonce: nonce,
                relyingParty: rp,
                at: Self.now,
                maxAge: 300,
                answeringFor: instant
            )
        }
        try verify()
        #expect(throws: MDLError(code: .pointStatementMismatch)) { try verify(instant: Self.accident + 1) }
        #expect(throws: MDLError(code: .pointStatementMismatch)) { try verify(instant: nil) }
        #expect(throws: MDLError(code: .pointStatementMismatch)) { try verify(rp: "x509_san_dns:rental.example.cn") }
        #expect(throws: MDLError(code: .pointStatementMismatch)) { try verify(nonce: "bound-2") }
        // The policy does not take it for another accident either.
        let other = InsuranceClaimPolicy(accidentAt: Self.accident - Self.day, vehicleClass: "C1", statement: statement)
            .decide(try await claim.facts())
        #expect(other.outcome == .refer)
        #expect(other.reasons(.refer).map(\.code).contains("statement.otherInstant"))
    }

    @Test func anInstantInTheFutureOrPastTheLookBackIsRefused() async throws {
        let claim = try await Claim.start()
        defer { Task { await claim.world.service.stop() } }
        let client = claim.world.client()
        let trust = try claim.world.trust()
        let threeYears = PointStatement.defaultLookBack
        // Refused by the relying party before asking.
        for instant in [Self.now + Self.day, Self.now - threeYears - Self.day] {
            await #expect(throws: MDLError(code: .pointStatementInstantOutOfRange)) {
                _ = try await client.pointStatement(
                    from: claim.url,
                    request: try claim.request(nonce: "range-1", at: instant),
                    trust: trust
                )
            }
        }
        // Refused by the service when the relying party's own bound is longer.
        await #expect(throws: MDLError(code: .pointStatementInstantOutOfRange)) {
            _ = try await client.pointStatement(
                from: claim.url,
                request: try claim.request(nonce: "range-2", at: Self.now - threeYears - Self.day),
                trust: trust,
                lookBack: 2 * threeYears
            )
        }
        // A signed statement answering for an instant past the bound is refused; within a longer bound it verifies.
        let signer = try SigningPrivateKey.generate(for: .edDSA)
        let old = Self.now - threeYears - Self.day
        let points = PointsRecord(
            pointsInCycle: 0,
            cycleStart: SandboxFixture.today,
            cycleEnd: SandboxFixture.today.adding(days: 364),
            fullPointCyclesInLastThree: 0,
            asOf: Self.now
        )
        let bytes = try PointStatement.sign(
            points: points,
            statusLetters: LicenseStatusLetters([.a]),
            expiresAt: Self.now + 300,
            nonce: "n",
            relyingParty: Self.clientID,
            binding: claim.binding,
            answersFor: old,
            credentialStatus: .valid,
            algorithm: .edDSA,
            x5chain: [],
            signer: signer.sign
        )
        let statement = try PointStatement(bytes: bytes)
        #expect(throws: MDLError(code: .pointStatementInstantOutOfRange)) {
            try statement.verify(
                with: signer.publicKey,
                binding: claim.binding,
                nonce: "n",
                relyingParty: Self.clientID,
                at: Self.now,
                maxAge: 300,
                answeringFor: old
            )
        }
        try statement.verify(
            with: signer.publicKey,
            binding: claim.binding,
            nonce: "n",
            relyingParty: Self.clientID,
            at: Self.now,
            maxAge: 300,
            answeringFor: old,
            lookBack: 2 * threeYears
        )
    }

    @Test func aForgedOrExpiredStatementIsRefused() async throws {
        let claim = try await Claim.start()
        defer { Task { await claim.world.service.stop() } }
        try claim.world.service.apply(.revoke, to: claim.world.reference, effectiveAt: Self.accident - Self.day)
        let statement = try await claim.statement(nonce: "forged-1")
        #expect(statement.statusLetters.description == "F")
        let key = try claim.key()
        // The claims rewritten to status A and re-signed by a key the relying party does not trust.
        let payload = try #require(statement.message.payload)
        var claims = try #require(try CBORDecoder().decode(payload).map)
        claims["status_letters"] = .text("A")
        claims["credential_status"] = .int(0)
        let forger = try SigningPrivateKey.generate(for: .edDSA)
        let forged = try COSESign1(
            signing: CBOREncoder.encode(.map(claims)),
            headers: statement.message.headers,
            signer: forger.sign
        )
        let forgedStatement = try PointStatement(bytes: CBOREncoder.encode(.tagged(COSESign1.tag, forged.cbor)))
        #expect(forgedStatement.statusLetters.description == "A")
        #expect(throws: MDLError(code: .statusSignatureInvalid)) {
            try forgedStatement.verify(
                with: key,
                binding: claim.binding,
                nonce: "forged-1",
                relyingParty: Self.clientID,
                at: Self.now,
                maxAge: 300,
                answeringFor: Self.accident
            )
        }
        // Too old for the relying party's bound, and past its exp.
        #expect(throws: MDLError(code: .pointStatementExpired)) {
            try statement.verify(
                with: key,
                binding: claim.binding,
                nonce: "forged-1",
                relyingParty: Self.clientID,
                at: Self.now + 400,
                maxAge: 300,
                answeringFor: Self.accident
            )
        }
        #expect(throws: MDLError(code: .pointStatementExpired)) {
            try statement.verify(
                with: key,
                binding: claim.binding,
                nonce: "forged-1",
                relyingParty: Self.clientID,
                at: Self.now + 400,
                maxAge: 3_600,
                answeringFor: Self.accident
            )
        }
    }

    @Test func withoutAStatementTheClaimRefersEvenOnACleanLicence() async throws {
        let claim = try await Claim.start()
        defer { Task { await claim.world.service.stop() } }
        let decision = InsuranceClaimPolicy(accidentAt: Self.accident, vehicleClass: "C1", statement: nil)
            .decide(try await claim.facts())
        #expect(decision.outcome == .refer)
        #expect(decision.reasons(.refer).map(\.code) == ["statement.none", "status.notAtEvent", "credential.statusNotChecked"])
    }

    @Test func anOperationCannotTakeEffectAfterItIsRecorded() async throws {
        let claim = try await Claim.start()
        defer { Task { await claim.world.service.stop() } }
        #expect(throws: StatusServiceError.invalidOperation("an operation cannot take effect after it is recorded")) {
            try claim.world.service.apply(.suspend, to: claim.world.reference, effectiveAt: Self.now + Self.day)
        }
    }
}

extension PointStatementConsentReplayTests {
    /// The coordinator's finding on issue 19: a consented presentation answered one statement request and could be
    /// sent again for more. Now one presentation (one session's consent) gets one statement.
    @Test func theSameConsentGetsOneStatementNotMore() async throws {
        let claim = try await PointStatementHistoryTests.Claim.start()
        defer { Task { await claim.world.service.stop() } }
        let client = claim.world.client()
        let trust = try claim.world.trust()
        let request = try claim.request(nonce: "once", at: nil)
        _ = try await client.pointStatement(from: claim.url, request: request, trust: trust)
        await #expect(throws: MDLError(code: .statusUnavailable)) {
            _ = try await client.pointStatement(from: claim.url, request: request, trust: trust)
        }
        // Nor for another instant with the same consent.
        var asOfAccident = request
        asOfAccident.at = PointStatementHistoryTests.accident
        await #expect(throws: MDLError(code: .statusUnavailable)) {
            _ = try await client.pointStatement(from: claim.url, request: asOfAccident, trust: trust)
        }
    }
}
