import Crypto
import Foundation
import MDLJOSE
import MDLVerifier
import SwiftASN1
import X509

/// A relying party's certificate chain and its private key: what signs its requests.
///
/// The certificate may come from any CA the wallets trust for relying parties; it names the relying party's DNS
/// name (`x509_san_dns`) or is named by its hash (`x509_hash`). What the relying party may ask for (its
/// ``registration``) is optional and separate: a registrar's attestation (``RelyingPartyRegistrationAttestation``,
/// sent as `verifier_info`), or, in the sandbox, MDLKit's certificate extension.
///
/// ```swift
/// let identity = try RelyingPartyIdentity(chainPEM: chainText, keyPEM: keyText, registrationAttestation: attestationJWS)
/// print(identity.clientID)   // "x509_san_dns:rental.example.cn"
/// ```
public struct RelyingPartyIdentity: Sendable {
    /// How the client_id names the relying party (OpenID4VP 1.0 client identifier prefixes).
    public enum ClientIDPrefix: String, Sendable, Hashable, CaseIterable {
        /// `x509_san_dns:<a DNS name of the leaf's subjectAltName>`.
        case x509SanDNS = "x509_san_dns"
        /// `x509_hash:<base64url SHA-256 of the leaf's DER>`.
        case x509Hash = "x509_hash"
    }

    /// Where the relying party's `response_uri` (and `request_uri`) may point.
    public enum EndpointPolicy: Sendable, Hashable {
        /// `https` URLs whose host is a DNS name of the leaf certificate (OpenID4VP 1.0 §5.9.3): production.
        case production
        /// Also `http` or `https` on loopback (`127.0.0.1`, `::1`, `localhost`): the sandbox and local development
        /// only; wallets in production refuse such requests.
        case sandboxLoopback
    }

    /// The chain, leaf first (the CA's root may be left out).
    public let certificateChain: [Certificate]
    /// The key of the leaf certificate.
    public let signingKey: JWSSigningKey
    /// The client identifier prefix used in requests.
    public let clientIDPrefix: ClientIDPrefix
    /// What the relying party may ask for, when a registrar said so: from ``registrationAttestation``, else from
    /// the sandbox certificate extension; `nil` for a plain certificate.
    public let registration: RelyingPartyRegistration?
    /// The registrar's attestation (compact JWS), sent in requests as `verifier_info`.
    public let registrationAttestation: String?
    /// Where endpoints may point.
    public let endpointPolicy: EndpointPolicy

    /// Creates an identity and checks that the key belongs to the leaf, that an `x509_san_dns` leaf names a DNS
    /// name, and that an attestation, when given, is about this leaf.
    public init(
        certificateChain: [Certificate], signingKey: JWSSigningKey, clientIDPrefix: ClientIDPrefix = .x509SanDNS,
        registrationAttestation: String? = nil, endpointPolicy: EndpointPolicy = .production
    ) throws(MDLError) {
        guard let leaf = certificateChain.first else {
            throw MDLError(code: .certificateMissing, message: "the relying-party chain is empty")
        }
        guard SignerPublicKey(leaf) == signingKey.publicKey else {
            throw MDLError(code: .relyingPartyUntrusted, message: "the signing key does not belong to the leaf certificate")
        }
        if let registrationAttestation {
            let claims = try RelyingPartyRegistrationAttestation.unverifiedClaims(of: registrationAttestation)
            guard claims.certificateHash == Base64URL.encode(SHA256.hash(data: Self.der(leaf))) else {
                throw MDLError(code: .relyingPartyUntrusted, message: "the registration attestation is about another certificate")
            }
            registration = claims.registration
        } else if leaf.extensions[oid: .mdlRelyingPartyRegistration] != nil {
            registration = try RelyingPartyRegistration(certificate: leaf)
        } else {
            registration = nil
        }
        self.certificateChain = certificateChain
        self.signingKey = signingKey
        self.clientIDPrefix = clientIDPrefix
        self.registrationAttestation = registrationAttestation
        self.endpointPolicy = endpointPolicy
        if clientIDPrefix == .x509SanDNS && Self.dnsNames(of: leaf).isEmpty {
            throw MDLError(code: .relyingPartyUntrusted, message: "x509_san_dns needs a dNSName in the leaf's subjectAltName")
        }
    }

    /// Loads an identity from PEM text: the chain (leaf first) and a PKCS#8 private key (P-256 or Ed25519).
    public init(
        chainPEM: String, keyPEM: String, clientIDPrefix: ClientIDPrefix = .x509SanDNS, registrationAttestation: String? = nil,
        endpointPolicy: EndpointPolicy = .production
    ) throws(MDLError) {
        let chain: [Certificate]
        do {
            chain = try PEMDocument.parseMultiple(pemString: chainPEM).map { try Certificate(pemDocument: $0) }
        } catch {
            throw MDLError(code: .certificateMissing, message: "the relying-party chain is not PEM certificates")
        }
        try self.init(
            certificateChain: chain, signingKey: try JWSSigningKey(pemEncoded: keyPEM), clientIDPrefix: clientIDPrefix,
            registrationAttestation: registrationAttestation, endpointPolicy: endpointPolicy)
    }

    /// The OpenID4VP client_id, prefix included.
    public var clientID: String {
        guard let leaf = certificateChain.first else { return "" }
        switch clientIDPrefix {
        case .x509SanDNS: return "x509_san_dns:" + (Self.dnsNames(of: leaf).first ?? "")
        case .x509Hash: return "x509_hash:" + Base64URL.encode(SHA256.hash(data: Self.der(leaf)))
        }
    }

    /// The `x5c` header: standard base64 DER, leaf first.
    public var x5c: [String] { certificateChain.map { Data(Self.der($0)).base64EncodedString() } }

    static func der(_ certificate: Certificate) -> [UInt8] {
        var serializer = DER.Serializer()
        do { try serializer.serialize(certificate) } catch { return [] }
        return serializer.serializedBytes
    }

    /// The dNSName entries of the certificate's subjectAltName.
    package static func dnsNames(of certificate: Certificate) -> [String] {
        guard let names = try? certificate.extensions.subjectAlternativeNames else { return [] }
        return names.compactMap { name in
            if case .dnsName(let dns) = name { return dns }
            return nil
        }
    }
}
