import Foundation
import MDLKit

/// `verify --vical FILE --vical-signer-anchor PEM`: the IACAs of a verified VICAL as trust anchors.
enum VICALAnchors {
    /// Verifies the VICAL in `vical` (raw CBOR, hex or base64url) against the certificates in the PEM file
    /// `signerAnchor` at `time`, and returns its mDL IACAs (retired ones with their retirement dates).
    ///
    /// - Throws: `InputError` for unreadable files; ``MDLError`` (`trustListUntrusted`, `trustListSignatureInvalid`,
    ///   `trustListExpired`, …) when the list is refused.
    static func load(vical: String, signerAnchor: String, at time: Date) async throws -> [TrustAnchor] {
        let bytes = try InputBytes.read(vical)
        let signers = try PEMFiles.anchors(signerAnchor).map(\.certificate)
        let verified = try await VICALVerifier(signerAnchors: signers).verify(bytes, at: time)
        return verified.trustAnchors(docType: MDLProfile.docType)
    }
}
