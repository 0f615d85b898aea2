import Crypto
import Testing

@testable import MDLCOSE

/// Every case of Wycheproof's `hmac_sha256_test.json` through ``MessageAuthentication``.
/// Groups with 256-bit tags go through ``MessageAuthentication/verifyHMACSHA256(tag:key:message:)`` (COSE's
/// HMAC 256/256); groups with 128-bit tags compare the tag's prefix with ``ConstantTime/equals(_:_:)``.
@Suite(.enabled(if: WycheproofVectors.isAvailable, "skipped: ../shared/vectors/wycheproof (next to the package root) is absent"))
struct WycheproofHMACTests {
    struct Group: Decodable {
        struct Case: Decodable {
            let tcId: Int
            let comment: String
            let flags: [String]
            let key: String
            let msg: String
            let tag: String
            let result: WycheproofResult
        }
        let keySize: Int
        let tagSize: Int
        let tests: [Case]
    }

    @Test func everyCase() throws {
        let file = try WycheproofVectors.load("hmac_sha256_test.json", as: Group.self)
        var run = 0
        var fullTagCases = 0
        for group in file.testGroups {
            for test in group.tests {
                let key = SymmetricKey(data: try #require([UInt8](hex: test.key)))
                let message = try #require([UInt8](hex: test.msg))
                let tag = try #require([UInt8](hex: test.tag))
                let accepted: Bool
                if group.tagSize == 256 {
                    fullTagCases += 1
                    do {
                        try MessageAuthentication.verifyHMACSHA256(tag: tag, key: key, message: message)
                        accepted = true
                    } catch {
                        #expect(error as? COSEError == COSEError(code: .macInvalid))
                        accepted = false
                    }
                } else {
                    let full = MessageAuthentication.hmacSHA256(key: key, message: message)
                    accepted = ConstantTime.equals(Array(full.prefix(group.tagSize / 8)), tag)
                }
                let label = "tcId \(test.tcId) \(test.comment) \(test.flags)"
                switch test.result {
                case .valid: #expect(accepted, "\(label) must verify")
                case .invalid: #expect(!accepted, "\(label) must be rejected")
                case .acceptable: Issue.record("\(label): an acceptable HMAC case appeared; decide its flags")
                }
                run += 1
            }
        }
        #expect(run == file.numberOfTests)
        #expect(fullTagCases > 0)
        #expect(run > 0)
    }
}
