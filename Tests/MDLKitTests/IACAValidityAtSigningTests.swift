import Foundation
import MDLKit
import MDLSandbox
import Testing
import X509

/// Issue 14: the IACA must be valid at the MSO's signing time, like the document signer.
struct IACAValidityAtSigningTests {
    /// A document signer whose validity starts before its IACA's (the certificate does not forbid it): an MSO
    /// signed in that gap is inside the DS validity but outside the IACA's. Before: only the DS was checked.
    @Test func signedBeforeTheIACAWasValidIsExpired() async throws {
        let pki = try SandboxPKI(.p256)
        let iacaStart = pki.iaca.certificate.notValidBefore
        let signer = try pki.documentSigner(
            notBefore: iacaStart.addingTimeInterval(-30 * SandboxPKI.day), notAfter: SandboxPKI.start.addingTimeInterval(365 * SandboxPKI.day))
        let validated = try await pki.validator().validate(x5chain: signer.x5chain, at: SandboxPKI.now)
        try validated.checkSigned(iacaStart.addingTimeInterval(SandboxPKI.day))
        #expect(throws: MDLError(code: .certificateExpired)) {
            try validated.checkSigned(iacaStart.addingTimeInterval(-SandboxPKI.day))
        }
    }

    /// The same at the other end: an MSO dated after the IACA expired, within a DS validity that outlives it.
    @Test func signedAfterTheIACAExpiredIsExpired() async throws {
        let pki = try SandboxPKI(.p256)
        let iacaEnd = pki.iaca.certificate.notValidAfter
        let signer = try pki.documentSigner(notBefore: SandboxPKI.start, notAfter: iacaEnd.addingTimeInterval(30 * SandboxPKI.day))
        let validated = try await pki.validator().validate(x5chain: signer.x5chain, at: SandboxPKI.now)
        #expect(throws: MDLError(code: .certificateExpired)) {
            try validated.checkSigned(iacaEnd.addingTimeInterval(SandboxPKI.day))
        }
    }
}
