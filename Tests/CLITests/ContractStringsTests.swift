import Foundation
import Testing

/// The strings the CLI prints for the SDK's typed verification facts (trust path, device authentication) stay the
/// contract's: the SDK's types changed in issue 15, the output must not.
struct ContractStringsTests {
    @Test(.enabled(if: SharedVectors.available, "needs the shared vectors folder ../shared/vectors"))
    func annexDPrintsTheSameTrustPathAndDeviceAuthentication() throws {
        let jsonArguments = try VerifyCommandTests.annexDArguments(at: "2021-01-01T00:00:00Z")
        let json = try CLIRun.run(jsonArguments)
        #expect(json.status == 0, "\(json.stderr)")
        let document = try #require((try json.json()["documents"] as? [[String: Any]])?.first)
        #expect(document["trustPath"] as? [String] == ["C=US,CN=utopia ds", "C=US,CN=utopia iaca"])

        let human = try CLIRun.run(jsonArguments.filter { $0 != "--json" })
        #expect(human.status == 0, "\(human.stderr)")
        #expect(human.stdout.contains("  trust path:  C=US,CN=utopia ds → C=US,CN=utopia iaca\n"))
        #expect(human.stdout.contains("  device auth: mac\n"))
    }
}
