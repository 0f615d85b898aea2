import Foundation
import MDLKit
import X509

extension RequestVerifier {
    /// The relying party's registration: from a `verifier_info` registration attestation (verified: `x5c` to a
    /// trusted registrar, signature, about this leaf, unexpired), else from the sandbox certificate extension;
    /// `nil` when it has neither.
    ///
    /// - Throws: `relyingPartyUntrusted` for an attestation that does not verify or is about another certificate.
    public func registration(of leaf: Certificate, verifierInfo: [VerifierInfo]?, at time: Date) async throws(MDLError) -> RelyingPartyRegistration? {
        if let attestation = verifierInfo?.first(where: { $0.format == RelyingPartyRegistrationAttestation.verifierInfoFormat }) {
            return try await verifyAttestation(attestation.data, about: leaf, at: time)
        }
        guard leaf.extensions[oid: .mdlRelyingPartyRegistration] != nil else { return nil }
        return try RelyingPartyRegistration(certificate: leaf)
    }

    private func verifyAttestation(_ compact: String, about leaf: Certificate, at time: Date) async throws(MDLError) -> RelyingPartyRegistration {
        let claims = try RelyingPartyRegistrationAttestation.unverifiedClaims(of: compact)
        let jws = try JWS(compact: compact)
        let chain = try certificates(jws.header.x5c ?? [])
        try await checkChain(chain, at: time)
        guard let signer = chain.first, let key = SignerPublicKey(signer) else {
            throw MDLError(code: .relyingPartyUntrusted, message: "the registration attestation's signer key is not supported")
        }
        do { try jws.verify(with: key) } catch {
            throw MDLError(code: .relyingPartyUntrusted, message: "the registration attestation's signature does not verify")
        }
        guard claims.certificateHash == RelyingPartyRegistrationAttestation.certificateHash(leaf) else {
            throw MDLError(code: .relyingPartyUntrusted, message: "the registration attestation is about another certificate")
        }
        guard Double(claims.exp) >= time.timeIntervalSince1970, Double(claims.iat) <= time.timeIntervalSince1970 + 300 else {
            throw MDLError(code: .relyingPartyUntrusted, message: "the registration attestation is outside its validity")
        }
        return claims.registration
    }
}
