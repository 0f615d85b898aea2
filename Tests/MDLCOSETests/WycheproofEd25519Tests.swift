import Testing

@testable import MDLCOSE

/// Every case of Wycheproof's `ed25519_test.json` through ``SignaturePublicKey`` (libsodium underneath).
/// The file has no `acceptable` cases; the test fails if one appears, so a new choice is made consciously.
@Suite(.enabled(if: WycheproofVectors.isAvailable, "skipped: ../shared/vectors/wycheproof (next to the package root) is absent"))
struct WycheproofEd25519Tests {
    struct Group: Decodable {
        struct PublicKey: Decodable { let pk: String }
        struct Case: Decodable {
            let tcId: Int
            let comment: String
            let flags: [String]
            let msg: String
            let sig: String
            let result: WycheproofResult
        }
        let publicKey: PublicKey
        let tests: [Case]
    }

    @Test func everyCase() throws {
        let file = try WycheproofVectors.load("ed25519_test.json", as: Group.self)
        var run = 0
        for group in file.testGroups {
            let encoding = try #require([UInt8](hex: group.publicKey.pk))
            for test in group.tests {
                let message = try #require([UInt8](hex: test.msg))
                let signature = try #require([UInt8](hex: test.sig))
                let accepted: Bool
                do {
                    let key = try SignaturePublicKey(ed25519RawRepresentation: encoding)
                    try key.verify(signature: signature, message: message, algorithm: .edDSA)
                    accepted = true
                } catch is COSEError {
                    accepted = false
                }
                switch test.result {
                case .valid: #expect(accepted, "tcId \(test.tcId) \(test.comment) must verify")
                case .invalid: #expect(!accepted, "tcId \(test.tcId) \(test.comment) \(test.flags) must be rejected")
                case .acceptable:
                    Issue.record("tcId \(test.tcId): an acceptable Ed25519 case appeared; decide its flags \(test.flags)")
                }
                run += 1
            }
        }
        #expect(run == file.numberOfTests)
        #expect(run > 0)
    }
}
