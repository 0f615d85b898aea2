import Crypto
import Foundation
import MDLKit
import MDLSandbox
import Testing
import X509

/// swift-crypto accepts small-order Ed25519 keys; the validator must refuse them wherever they appear.
struct DocumentSignerWeakKeyTests {
    /// Small-order Ed25519 points: the identity, and a point of order 8.
    static let smallOrderPoints: [[UInt8]] = [
        [0x01] + [UInt8](repeating: 0, count: 31),
        hex("c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a"),
    ]

    static func hex(_ text: String) -> [UInt8] {
        var bytes: [UInt8] = []
        var index = text.startIndex
        while index < text.endIndex {
            let next = text.index(index, offsetBy: 2)
            bytes.append(UInt8(text[index..<next], radix: 16) ?? 0)
            index = next
        }
        return bytes
    }

    /// A DS certificate for `raw` issued by the sandbox IACA, in DER.
    static func documentSigner(publicKey raw: [UInt8], pki: SandboxPKI) throws -> Certificate {
        let key = Certificate.PublicKey(try Curve25519.Signing.PublicKey(rawRepresentation: raw))
        let template = pki.iaca.documentSignerTemplate(
            commonName: "weak DS", notBefore: SandboxPKI.start,
            notAfter: SandboxPKI.start.addingTimeInterval(365 * SandboxPKI.day))
        return try pki.iaca.authority.issue(template, for: key)
    }

    @Test(arguments: smallOrderPoints)
    func documentSignerWithASmallOrderKeyIsRefused(_ point: [UInt8]) async throws {
        let pki = try SandboxPKI(.ed25519)
        let certificate = try Self.documentSigner(publicKey: point, pki: pki)
        await #expect(throws: MDLError(code: .weakKey)) {
            try await pki.validator().validate(leaf: certificate, at: SandboxPKI.now)
        }
    }

    @Test func aProperKeyIssuedTheSameWayValidates() async throws {
        let pki = try SandboxPKI(.ed25519)
        let raw = Array(Curve25519.Signing.PrivateKey().publicKey.rawRepresentation)
        let certificate = try Self.documentSigner(publicKey: raw, pki: pki)
        let validated = try await pki.validator().validate(leaf: certificate, at: SandboxPKI.now)
        #expect(validated.publicKey == .ed25519(raw))
    }

    @Test(arguments: smallOrderPoints)
    func trustAnchorWithASmallOrderKeyIsRefused(_ point: [UInt8]) throws {
        let pki = try SandboxPKI(.ed25519)
        let certificate = try Self.documentSigner(publicKey: point, pki: pki)
        #expect(throws: MDLError(code: .weakKey)) { try TrustAnchor(certificate: certificate) }
    }
}
