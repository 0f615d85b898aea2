import Crypto
import Foundation
import Testing

/// Issue 18, item 5: `sandbox serve` runs the trust-list operator and the registrar beside the issuing authority and
/// the status service, as the demo does in-process.
struct SandboxTrustServicesTests {
    /// A relying party that trusts the operator's root (not the IACA file) fetches the VICAL, `vical` verifies it,
    /// and `verify --vical` accepts a presentation from the state's issuer with its status checked.
    @Test(.enabled(if: CLIRun.binaryExists, "needs the built mdl-rp"))
    func aPresentationVerifiesThroughTheServedVICAL() async throws {
        let scratch = try Scratch()
        let state = scratch.url("state").path
        let server = try ServerProcess(state: state)
        defer { server.stop() }
        let base = "http://127.0.0.1:\(server.port)"
        let vical = try await HTTP.get("\(base)/vical.cose", retryingFor: 5)
        #expect(vical.status == 200)
        let vicalFile = scratch.url("vical.cose")
        try Data(vical.body).write(to: vicalFile)
        let anchor = "\(state)/trust-list-root.pem"
        let servedRoot = try await HTTP.get("\(base)/trust-list-root.pem")
        #expect(String(decoding: servedRoot.body, as: UTF8.self) == (try String(contentsOfFile: anchor, encoding: .utf8)))

        let listed = try CLIRun.run(["vical", vicalFile.path, "--signer-anchor", anchor, "--json"])
        #expect(listed.status == 0, "\(listed.stdout) \(listed.stderr)")
        let iacas = try #require(try listed.json()["iacas"] as? [[String: Any]])
        #expect(iacas.count == 1)
        #expect(iacas.first?["usable"] as? Bool == true)

        let out = scratch.url("clean.cbor").path
        let issued = try CLIRun.run(["sandbox", "issue", "--persona", "clean-c1", "--state", state, "--out", out, "--json"])
        #expect(issued.status == 0, "\(issued.stderr)")
        let verified = try CLIRun.run(
            ["verify", out, "--vical", vicalFile.path, "--vical-signer-anchor", anchor, "--status", "check", "--json", "--openid4vp"]
                + SandboxCommandTests.session)
        #expect(verified.status == 0, "\(verified.stdout) \(verified.stderr)")
        #expect(try verified.json()["verified"] as? Bool == true)

        // The registrar's root is not a trust-list signer anchor: the same VICAL is refused under it.
        let wrongAnchor = try CLIRun.run(["vical", vicalFile.path, "--signer-anchor", "\(state)/registrar.pem", "--json"])
        #expect(wrongAnchor.status == 1)
        #expect((try wrongAnchor.json()["error"] as? [String: Any])?["code"] as? String == "trustListUntrusted")
    }

    /// The registrar lists the sandbox relying parties and, for the operator only, certifies a new one for no more
    /// than its use case's elements.
    @Test(.enabled(if: CLIRun.binaryExists, "needs the built mdl-rp"))
    func theRegistrarCertifiesOnlyForTheOperatorAndOnlyTheUseCasesElements() async throws {
        let scratch = try Scratch()
        let state = scratch.url("state").path
        let server = try ServerProcess(state: state)
        defer { server.stop() }
        let base = "http://127.0.0.1:\(server.port)"
        let listed = try await HTTP.get("\(base)/relying-parties", retryingFor: 5)
        let parties = try #require(try JSONSerialization.jsonObject(with: Data(listed.body)) as? [[String: Any]])
        #expect(Set(parties.compactMap { $0["dnsName"] as? String }) == [
            "rental.sandbox.mdlkit.cn", "claims.sandbox.mdlkit.cn", "jobs.sandbox.mdlkit.cn",
        ])
        #expect(try await HTTP.get("\(base)/registrar.pem").status == 200)

        let key = P256.Signing.PrivateKey().publicKey.pemRepresentation
        func application(_ elements: [String]?) throws -> [UInt8] {
            var body: [String: Any] = [
                "dnsName": "counter.rent.example", "nameZH": "示例租车", "nameEN": "Example Rent", "purpose": "carRental",
                "publicKey": key,
            ]
            if let elements { body["elements"] = elements }
            return Array(try JSONSerialization.data(withJSONObject: body))
        }
        #expect(try await HTTP.post("\(base)/relying-parties", body: try application(nil)).status == 401)
        let token = try #require(server.operatorToken)
        let refused = try await HTTP.post(
            "\(base)/relying-parties", body: try application(["org.iso.18013.5.1/resident_address"]), token: token)
        #expect(refused.status == 400)
        #expect(String(decoding: refused.body, as: UTF8.self).contains("resident_address"))
        let certified = try await HTTP.post(
            "\(base)/relying-parties", body: try application(["org.iso.18013.5.1/driving_privileges"]), token: token)
        #expect(certified.status == 200, "\(String(decoding: certified.body, as: UTF8.self))")
        let result = try #require(try JSONSerialization.jsonObject(with: Data(certified.body)) as? [String: Any])
        #expect((result["certificate"] as? String)?.hasPrefix("-----BEGIN CERTIFICATE-----") == true)
        let permissions = try #require(result["permissions"] as? [[String: Any]])
        #expect(permissions.first?["elements"] as? [String] == ["org.iso.18013.5.1/driving_privileges"])
    }
}
