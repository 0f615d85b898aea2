import Crypto
import Foundation
import MDLJOSE
import MDLVerifier
import X509

/// A registrar's signed statement of what a relying party may ask for, kept apart from the relying party's
/// certificate (which may come from any CA): a compact JWS with `typ: rp-registration+jwt` and `x5c` leading to
/// the registrar's root, whose payload names the certificate it is about by the SHA-256 of its DER.
///
/// The relying party sends it in each request as `verifier_info` (`{"format": "jwt", "data": "<JWS>"}`, OpenID4VP
/// 1.0 §5.1); a wallet that trusts the registrar verifies it and holds the request to it.
///
/// ```swift
/// let jws = try RelyingPartyRegistrationAttestation.sign(registration, about: leaf, key: registrarKey,
///                                                         x5c: registrarX5C, issuedAt: now, expiresAt: now + 365 * 86_400)
/// let identity = try RelyingPartyIdentity(chainPEM: chain, keyPEM: key, registrationAttestation: jws)
/// ```
public enum RelyingPartyRegistrationAttestation {
    /// The JOSE `typ` of an attestation.
    public static let type = "rp-registration+jwt"
    /// The `verifier_info` format it travels under.
    public static let verifierInfoFormat = "jwt"

    /// The payload.
    public struct Claims: Sendable, Hashable, Codable {
        /// base64url SHA-256 of the relying party's leaf certificate (DER).
        public var certificateHash: String
        /// What the relying party may ask for.
        public var registration: RelyingPartyRegistration
        /// Issued at, seconds since 1970.
        public var iat: Int64
        /// Expiry, seconds since 1970.
        public var exp: Int64

        /// Creates claims.
        public init(certificateHash: String, registration: RelyingPartyRegistration, iat: Int64, exp: Int64) {
            self.certificateHash = certificateHash
            self.registration = registration
            self.iat = iat
            self.exp = exp
        }

        enum CodingKeys: String, CodingKey {
            case registration, iat, exp
            case certificateHash = "cert_hash"
        }
    }

    /// Signs an attestation of `registration` about `certificate` with the registrar's key (`x5c`: the registrar's
    /// chain, standard base64 DER, signer first).
    public static func sign(
        _ registration: RelyingPartyRegistration, about certificate: Certificate, key: JWSSigningKey, x5c: [String], issuedAt: Date,
        expiresAt: Date
    ) throws(MDLError) -> String {
        let claims = Claims(
            certificateHash: certificateHash(certificate), registration: registration, iat: Int64(issuedAt.timeIntervalSince1970),
            exp: Int64(expiresAt.timeIntervalSince1970))
        return try JWS.sign(payload: try JOSEJSON.encode(claims), header: JOSEHeader(alg: key.algorithm, typ: type, x5c: x5c), key: key)
    }

    /// The claims of an attestation, **without** checking its signature (the relying party reading its own
    /// attestation; wallets verify it against the registrars they trust). Throws `relyingPartyUntrusted` when it is
    /// not an attestation.
    public static func unverifiedClaims(of compact: String) throws(MDLError) -> Claims {
        let jws: JWS
        do { jws = try JWS(compact: compact) } catch {
            throw MDLError(code: .relyingPartyUntrusted, message: "the registration attestation is not a JWS")
        }
        guard jws.header.typ == type else {
            throw MDLError(code: .relyingPartyUntrusted, message: "the registration attestation's typ is not \(type)")
        }
        do { return try JOSEJSON.decode(Claims.self, from: jws.payload, what: "registration attestation") } catch {
            throw MDLError(code: .relyingPartyUntrusted, message: "the registration attestation's claims are unreadable")
        }
    }

    /// base64url SHA-256 of the certificate's DER: how an attestation names the certificate it is about.
    public static func certificateHash(_ certificate: Certificate) -> String {
        Base64URL.encode(SHA256.hash(data: RelyingPartyIdentity.der(certificate)))
    }
}
