import Foundation
import MDLKit
import MDLSandbox
import Testing
import X509

/// The validator remembers validated chains; remembering must never widen what validates.
struct DocumentSignerCacheTests {
    @Test(arguments: [0, 8])
    func aRememberedChainStillExpiresAndIsRestamped(capacity: Int) async throws {
        let pki = try SandboxPKI(.ed25519)
        let signer = try pki.documentSigner()
        let validator = DocumentSignerValidator(anchors: [try pki.iaca.trustAnchor()], cacheCapacity: capacity)
        let first = try await validator.validate(x5chain: signer.x5chain, at: SandboxPKI.now)
        let later = SandboxPKI.now.addingTimeInterval(30 * SandboxPKI.day)
        let second = try await validator.validate(x5chain: signer.x5chain, at: later)
        #expect(first.validationTime == SandboxPKI.now)
        #expect(second.validationTime == later)
        #expect(second.chain == first.chain)
        #expect(second.publicKey == first.publicKey)
        let afterExpiry = signer.certificate.notValidAfter.addingTimeInterval(1)
        await #expect(throws: MDLError(code: .certificateExpired)) {
            try await validator.validate(x5chain: signer.x5chain, at: afterExpiry)
        }
        let beforeStart = signer.certificate.notValidBefore.addingTimeInterval(-1)
        await #expect(throws: MDLError(code: .certificateExpired)) {
            try await validator.validate(x5chain: signer.x5chain, at: beforeStart)
        }
    }

    @Test func aRememberedChainDoesNotVouchForAnotherChain() async throws {
        let pki = try SandboxPKI(.p256)
        let good = try pki.documentSigner()
        let bad = try pki.documentSigner(defects: [.noExtendedKeyUsage])
        let validator = try pki.validator()
        _ = try await validator.validate(x5chain: good.x5chain, at: SandboxPKI.now)
        await #expect(throws: MDLError(code: .certificateProfile)) {
            try await validator.validate(x5chain: bad.x5chain, at: SandboxPKI.now)
        }
        _ = try await validator.validate(x5chain: good.x5chain, at: SandboxPKI.now)
    }
}
