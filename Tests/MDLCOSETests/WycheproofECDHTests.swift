import Crypto
import Testing

@testable import MDLCOSE

/// Every case of Wycheproof's `ecdh_secp256r1_test.json` through ``ECDHP256``.
///
/// The vectors give the peer key as a DER SubjectPublicKeyInfo. MDLKit never receives ECDH keys in DER (DeviceMac's
/// device key is a COSE_Key, JWE's ephemeral key a JWK: coordinates with a named curve), so the test accepts exactly
/// the named-curve P-256 SPKI (`id-ecPublicKey`, `prime256v1`, uncompressed or compressed point), takes the point's
/// coordinates out and feeds them to ``ECDHP256/publicKey(x:y:)`` or ``ECDHP256/publicKey(x:yIsOdd:)``. Everything
/// about the point (on the curve, in range, compressed form) is decided by MDLKit's API.
///
/// Not used: swift-crypto's `P256.KeyAgreement.PublicKey(derRepresentation:)`. With swift-crypto 4.5.2 it accepts
/// SPKIs with a wrong or mangled algorithm OID and with explicit curve parameters (Wycheproof tcIds 352–363, 366 and
/// the "oid" InvalidAsn cases): it reads the point and ignores the AlgorithmIdentifier. The point is still checked on
/// P-256, so the secret is right, but such a key would pass as P-256 whatever curve it names.
@Suite(.enabled(if: WycheproofVectors.isAvailable, "skipped: ../shared/vectors/wycheproof (next to the package root) is absent"))
struct WycheproofECDHTests {
    struct Group: Decodable {
        struct Case: Decodable {
            let tcId: Int
            let comment: String
            let flags: [String]
            let `public`: String
            let `private`: String
            let shared: String
            let result: WycheproofResult
        }
        let curve: String
        let encoding: String
        let tests: [Case]
    }

    /// Our choice for `acceptable` cases, by flag.
    ///
    /// - `CompressedPublic`, `CompressedPoint`: **accept** (with the right secret). COSE_Key EC2 may carry `y` as a
    ///   sign bit (RFC 9053 §7.1.1), so a compressed device key is legitimate.
    /// - `InvalidAsn`: **reject**. MDLKit takes ECDH keys as coordinates only; the one DER form this test lets through
    ///   is the exact named-curve encoding, so any other encoding is refused (no lax parsing, no malleability).
    /// - `UnnamedCurve` (with `UnusedParam`, `WrongOrder`, `ModifiedGenerator`, `ModifiedCofactor`, `NoCofactor`,
    ///   `ModifiedCurveParameter`): **reject**. Explicit curve parameters have no COSE or JWK form, RFC 5480 §2.1.1
    ///   requires a named curve, and accepting tampered parameters invites invalid-curve attacks.
    static func acceptableDecision(flags: [String]) -> Bool? {
        if flags.contains("UnnamedCurve") || flags.contains("InvalidAsn") { return false }
        if flags.contains("CompressedPublic") || flags.contains("CompressedPoint") { return true }
        return nil
    }

    /// DER prefix of a named-curve P-256 SubjectPublicKeyInfo holding a 65-byte uncompressed point.
    static let uncompressedPrefix = [UInt8](hex: "3059301306072a8648ce3d020106082a8648ce3d030107034200") ?? []
    /// DER prefix of a named-curve P-256 SubjectPublicKeyInfo holding a 33-byte compressed point.
    static let compressedPrefix = [UInt8](hex: "3039301306072a8648ce3d020106082a8648ce3d030107032200") ?? []

    /// The shared secret MDLKit computes for this peer key, or `nil` when MDLKit refuses the key or the agreement.
    static func sharedSecret(peerDER: [UInt8], privateKey: P256.KeyAgreement.PrivateKey) -> [UInt8]? {
        let peer: P256.KeyAgreement.PublicKey
        if peerDER.count == uncompressedPrefix.count + 65, peerDER.starts(with: uncompressedPrefix) {
            let point = Array(peerDER.dropFirst(uncompressedPrefix.count))
            guard point[0] == 0x04, let key = try? ECDHP256.publicKey(x: Array(point[1...32]), y: Array(point[33...64]))
            else { return nil }
            peer = key
        } else if peerDER.count == compressedPrefix.count + 33, peerDER.starts(with: compressedPrefix) {
            let point = Array(peerDER.dropFirst(compressedPrefix.count))
            guard point[0] == 0x02 || point[0] == 0x03,
                let key = try? ECDHP256.publicKey(x: Array(point[1...32]), yIsOdd: point[0] == 0x03)
            else { return nil }
            peer = key
        } else {
            return nil
        }
        return try? ECDHP256.sharedSecret(privateKey: privateKey, publicKey: peer)
    }

    @Test func everyCase() throws {
        let file = try WycheproofVectors.load("ecdh_secp256r1_test.json", as: Group.self)
        var run = 0
        for group in file.testGroups {
            #expect(group.curve == "secp256r1" && group.encoding == "asn")
            for test in group.tests {
                let peerDER = try #require([UInt8](hex: test.public))
                let scalar = try #require([UInt8](hex: test.private)?.leftPadded(to: 32))
                let expected = try #require([UInt8](hex: test.shared))
                let privateKey = try P256.KeyAgreement.PrivateKey(rawRepresentation: scalar)
                let secret = Self.sharedSecret(peerDER: peerDER, privateKey: privateKey)
                let label = "tcId \(test.tcId) \(test.comment) \(test.flags)"
                switch test.result {
                case .valid:
                    #expect(secret == expected, "\(label) must give the shared secret")
                case .invalid:
                    #expect(secret == nil, "\(label) must be rejected")
                case .acceptable:
                    guard let accept = Self.acceptableDecision(flags: test.flags) else {
                        Issue.record("\(label): no decision for these acceptable flags")
                        continue
                    }
                    if accept {
                        #expect(secret == expected, "\(label): we accept it, so the secret must be right")
                    } else {
                        #expect(secret == nil, "\(label): we reject it")
                    }
                }
                run += 1
            }
        }
        #expect(run == file.numberOfTests)
        #expect(run > 0)
    }
}
