import Foundation
import Hummingbird
import MDLCBOR
import MDLCOSE
import MDLKit
import Testing

/// Status values beyond the registered 0 (valid), 1 (invalid), 2 (suspended) and MDLKit's 3 (superseded) fail
/// closed with `statusUnavailable`, unless the relying party maps them (issue 14).
struct StatusValueMappingTests {
    private static let now = Date(timeIntervalSince1970: 1_764_000_000)

    /// The list: index 0 valid, 1 → 5 (unregistered), 2 → 3 (superseded), 3 → 15.
    private func token(uri: String, key: SigningPrivateKey) throws -> [UInt8] {
        try StatusListToken.sign(
            list: try StatusList(bits: 4, values: [0, 5, 3, 15]), subject: uri, issuedAt: Self.now, expiresAt: Self.now + 3600,
            timeToLive: 300, algorithm: key.algorithm, signer: key.sign)
    }

    private func client(_ applicationValues: [UInt8: LicenseCredentialStatus]? = nil) -> StatusClient {
        var configuration = StatusClient.Configuration()
        if let applicationValues { configuration.applicationValues = applicationValues }
        return StatusClient(
            client: CurlHTTPClient(configuration: .init(proxy: .direct, retry: .none)), configuration: configuration, now: { Self.now })
    }

    /// The status at each index of the list, or the code of the error.
    private func answers(_ applicationValues: [UInt8: LicenseCredentialStatus]?) async throws -> [Result<LicenseCredentialStatus?, MDLError>] {
        let key = try SigningPrivateKey.generate(for: .edDSA)
        let trust = StatusSignerTrust.key(try key.publicKey)
        return try await LoopbackHTTPServer.run({ router in
            router.get("/status") { request, _ in
                let uri = "http://\(request.head.authority ?? request.header("Host") ?? "")/status"
                return loopbackResponse(body: try token(uri: uri, key: key))
            }
        }) { port in
            var results: [Result<LicenseCredentialStatus?, MDLError>] = []
            for index in 0..<4 {
                do {
                    let status = try await client(applicationValues).status(
                        for: .init(index: UInt64(index), uri: "http://127.0.0.1:\(port)/status"), trust: trust)
                    results.append(.success(status.credentialStatus))
                } catch let error as MDLError {
                    results.append(.failure(error))
                }
            }
            return results
        }
    }

    @Test func unregisteredValuesFailClosedByDefault() async throws {
        let results = try await answers(nil)
        #expect(try results[0].get() == .valid)
        #expect(results[1].codeOfFailure == .statusUnavailable)
        #expect(try results[2].get() == .superseded)
        #expect(results[3].codeOfFailure == .statusUnavailable)
    }

    @Test func theRelyingPartyMapsTheValuesItKnows() async throws {
        let results = try await answers([5: .suspended, 15: .invalid])
        #expect(try results[1].get() == .suspended)
        #expect(results[2].codeOfFailure == .statusUnavailable)  // 3 is no longer mapped
        #expect(try results[3].get() == .invalid)
    }

    @Test func aResultOfAnUnmappedValueRefusesWithStatusUnavailable() {
        func result(_ raw: UInt8) -> LicenseStatusResult {
            LicenseStatusResult(index: 0, value: .init(rawValue: raw), asOf: Self.now, expiresAt: nil, age: .zero, degraded: false, fromNetwork: true)
        }
        #expect(result(0).refusal == nil)
        #expect(result(1).refusal?.code == .statusRevoked)
        #expect(result(2).refusal?.code == .statusSuspended)
        #expect(result(3).refusal?.code == .statusSuperseded)
        #expect(result(4).refusal?.code == .statusUnavailable)
        #expect(result(255).refusal?.code == .statusUnavailable)
        let mapped = LicenseStatusResult(
            index: 0, value: .applicationSpecific(12), asOf: Self.now, expiresAt: nil, age: .zero, degraded: false, fromNetwork: true,
            credentialStatus: .suspended)
        #expect(mapped.refusal?.code == .statusSuspended)
    }
}

extension Result where Failure == MDLError {
    /// The failure's code, `nil` on success.
    fileprivate var codeOfFailure: MDLError.Code? {
        if case .failure(let error) = self { return error.code }
        return nil
    }
}
