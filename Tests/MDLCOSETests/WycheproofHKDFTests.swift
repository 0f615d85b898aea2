import Testing

@testable import MDLCOSE

/// Every case of Wycheproof's `hkdf_sha256_test.json` through ``KeyDerivation/hkdfSHA256(inputKeyMaterial:salt:info:outputByteCount:)``.
/// The invalid cases ask for more than 255 × 32 bytes: the wrapper must throw instead of trapping.
@Suite(.enabled(if: WycheproofVectors.isAvailable, "skipped: ../shared/vectors/wycheproof (next to the package root) is absent"))
struct WycheproofHKDFTests {
    struct Group: Decodable {
        struct Case: Decodable {
            let tcId: Int
            let comment: String
            let flags: [String]
            let ikm: String
            let salt: String
            let info: String
            let size: Int
            let okm: String
            let result: WycheproofResult
        }
        let tests: [Case]
    }

    @Test func everyCase() throws {
        let file = try WycheproofVectors.load("hkdf_sha256_test.json", as: Group.self)
        var run = 0
        for group in file.testGroups {
            for test in group.tests {
                let ikm = try #require([UInt8](hex: test.ikm))
                let salt = try #require([UInt8](hex: test.salt))
                let info = try #require([UInt8](hex: test.info))
                let label = "tcId \(test.tcId) \(test.comment) \(test.flags)"
                switch test.result {
                case .valid:
                    let okm = try KeyDerivation.hkdfSHA256(
                        inputKeyMaterial: ikm, salt: salt, info: info, outputByteCount: test.size)
                    #expect(okm.hex == test.okm, "\(label)")
                case .invalid:
                    #expect(throws: COSEError(code: .parameterInvalid), "\(label)") {
                        try KeyDerivation.hkdfSHA256(
                            inputKeyMaterial: ikm, salt: salt, info: info, outputByteCount: test.size)
                    }
                case .acceptable:
                    Issue.record("\(label): an acceptable HKDF case appeared; decide its flags")
                }
                run += 1
            }
        }
        #expect(run == file.numberOfTests)
        #expect(run > 0)
    }
}
