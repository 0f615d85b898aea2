import Testing

@testable import MDLCOSE

/// Every case of Wycheproof's ECDSA P1363 files (raw `r ‖ s`, COSE's form) for ES256 and ES384, through
/// ``SignaturePublicKey``. The files have no `acceptable` cases; the test fails if one appears.
@Suite(.enabled(if: WycheproofVectors.isAvailable, "skipped: ../shared/vectors/wycheproof (next to the package root) is absent"))
struct WycheproofECDSATests {
    struct Group: Decodable {
        struct PublicKey: Decodable {
            let curve: String
            let uncompressed: String
            let wx: String
            let wy: String
        }
        struct Case: Decodable {
            let tcId: Int
            let comment: String
            let flags: [String]
            let msg: String
            let sig: String
            let result: WycheproofResult
        }
        let publicKey: PublicKey
        let sha: String
        let tests: [Case]
    }

    @Test(arguments: [
        ("ecdsa_secp256r1_sha256_p1363_test.json", COSECurve.p256, COSEAlgorithm.es256),
        ("ecdsa_secp384r1_sha384_p1363_test.json", COSECurve.p384, COSEAlgorithm.es384),
    ])
    func everyCase(file name: String, curve: COSECurve, algorithm: COSEAlgorithm) throws {
        let file = try WycheproofVectors.load(name, as: Group.self)
        var run = 0
        for group in file.testGroups {
            // Both constructors must give the same key: from the COSE_Key coordinates and from X9.63.
            let size = curve.coordinateByteCount
            let x = try #require([UInt8](hex: group.publicKey.wx)?.leftPadded(to: size))
            let y = try #require([UInt8](hex: group.publicKey.wy)?.leftPadded(to: size))
            let uncompressed = try #require([UInt8](hex: group.publicKey.uncompressed))
            let fromCoordinates = try SignaturePublicKey(ec2: curve, x: x, y: y)
            let fromX963 = try SignaturePublicKey(curve: curve, x963Representation: uncompressed)
            for test in group.tests {
                let message = try #require([UInt8](hex: test.msg))
                let signature = try #require([UInt8](hex: test.sig))
                let accepted = Self.accepts(fromCoordinates, signature, message, algorithm)
                #expect(accepted == Self.accepts(fromX963, signature, message, algorithm), "tcId \(test.tcId)")
                switch test.result {
                case .valid: #expect(accepted, "tcId \(test.tcId) \(test.comment) must verify")
                case .invalid: #expect(!accepted, "tcId \(test.tcId) \(test.comment) \(test.flags) must be rejected")
                case .acceptable:
                    Issue.record("tcId \(test.tcId): an acceptable ECDSA case appeared; decide its flags \(test.flags)")
                }
                run += 1
            }
        }
        #expect(run == file.numberOfTests)
        #expect(run > 0)
    }

    private static func accepts(
        _ key: SignaturePublicKey, _ signature: [UInt8], _ message: [UInt8], _ algorithm: COSEAlgorithm
    ) -> Bool {
        do {
            try key.verify(signature: signature, message: message, algorithm: algorithm)
            return true
        } catch {
            return false
        }
    }
}
