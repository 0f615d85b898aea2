import Crypto
import Foundation
import MDLKit
import SwiftASN1
@_spi(FixedExpiryValidationTime) import X509

/// The wallet's checks of a request object before the holder sees anything: JOSE `typ`, the `x5c` chain to a
/// trusted registrar at the current time, the JWS signature with the leaf key, the client_id against the leaf,
/// the OpenID4VP parameters, and every requested element against the registration for the stated purpose.
public struct RequestVerifier: Sendable {
    /// The registrar roots the wallet trusts.
    public let registrarRoots: [Certificate]

    /// Creates a verifier.
    public init(registrarRoots: [Certificate]) { self.registrarRoots = registrarRoots }

    /// Verifies a compact JWS request object.
    ///
    /// - Throws: `MDLError` — `joseMalformed`/`requestInvalid` for malformed requests, `jwsSignatureInvalid`,
    ///   `limitExceeded` (an `x5c` of more than four certificates), `relyingPartyUntrusted` (chain shape, a link
    ///   not issued by a CA, validity, client_id), `requestExpired`, `requestBeyondRegistration`.
    public func verify(_ compact: String, at time: Date) async throws(MDLError) -> ReceivedRequest {
        let jws = try JWS(compact: compact)
        guard jws.header.typ == PresentationRequest.requestObjectType else {
            throw MDLError(code: .requestInvalid, message: "the request object's typ is not \(PresentationRequest.requestObjectType)")
        }
        let chain = try certificates(jws.header.x5c ?? [])
        try await checkChain(chain, at: time)
        guard let leaf = chain.first, let leafKey = SignerPublicKey(leaf) else {
            throw MDLError(code: .relyingPartyUntrusted, message: "the relying-party key type is not supported")
        }
        try jws.verify(with: leafKey)
        let claims: AuthorizationRequestObject
        do { claims = try JOSEJSON.decode(AuthorizationRequestObject.self, from: jws.payload, what: "request object") } catch {
            throw MDLError(code: .requestInvalid, message: "the request object's claims are not OpenID4VP: \(error.message)")
        }
        try checkClientID(claims.clientID, leaf: leaf)
        guard claims.responseType == "vp_token", claims.responseMode == "direct_post.jwt" else {
            throw MDLError(code: .requestInvalid, message: "only response_type vp_token with response_mode direct_post.jwt is supported")
        }
        if let exp = claims.exp, Double(exp) < time.timeIntervalSince1970 {
            throw MDLError(code: .requestExpired, message: "the request expired")
        }
        guard claims.dcqlQuery.credentials.count == 1, let query = claims.dcqlQuery.credentials.first, query.format == "mso_mdoc",
            query.meta.doctypeValue == MDLProfile.docType
        else { throw MDLError(code: .requestInvalid, message: "the sandbox wallet answers one mso_mdoc mDL query") }
        var requested: [RequestedElement] = []
        for claim in query.claims {
            guard let element = claim.element else { throw MDLError(code: .requestInvalid, message: "an mso_mdoc claim path has two parts") }
            requested.append(RequestedElement(element, intentToRetain: claim.intentToRetain ?? false))
        }
        guard let registration = try await self.registration(of: leaf, verifierInfo: claims.verifierInfo, at: time) else {
            throw MDLError(code: .relyingPartyUntrusted, message: "the relying party has no registration (attestation or certificate extension)")
        }
        guard let purpose = claims.purpose, let allowed = registration.allowedElements(for: purpose) else {
            throw MDLError(code: .requestBeyondRegistration, message: "the relying party is not registered for this purpose")
        }
        if let outside = requested.first(where: { !allowed.contains($0.element) }) {
            throw MDLError(code: .requestBeyondRegistration, message: "\(outside.element) is outside the registration for \(purpose)")
        }
        guard let key = claims.clientMetadata.jwks.keys.first(where: { $0.use == nil || $0.use == "enc" }) else {
            throw MDLError(code: .requestInvalid, message: "client_metadata has no encryption key")
        }
        return ReceivedRequest(
            claims: claims, relyingPartyCertificate: leaf, registration: registration, purpose: purpose, requested: requested, queryID: query.id, encryptionJWK: key)
    }

    /// The bounded path validator for relying-party chains: at most four certificates (`limitExceeded`), no
    /// certificate or subject twice, each entry issued by the next (`relyingPartyUntrusted`), ending in a registrar root.
    private var paths: CertificatePathValidator {
        CertificatePathValidator(
            anchors: registrarRoots, untrusted: .relyingPartyUntrusted, malformed: .requestInvalid, role: "relying-party")
    }

    /// The `x5c` chain, shape-checked by the path validator before any signature.
    func certificates(_ x5c: [String]) throws(MDLError) -> [Certificate] {
        guard !x5c.isEmpty else { throw MDLError(code: .certificateMissing, message: "the request object has no x5c") }
        try paths.checkLength(x5c.count)
        var der: [[UInt8]] = []
        for entry in x5c {
            guard let bytes = Data(base64Encoded: entry) else {
                throw MDLError(code: .requestInvalid, message: "an x5c entry is not a DER certificate")
            }
            der.append(Array(bytes))
        }
        return try paths.parse(x5chain: der)
    }

    /// The one path the chain spells, validated by MDLKit's path validator with swift-certificates' RFC 5280 rules at
    /// `time`: each certificate signed by the next, which must be a CA, the last by (or equal to) a registrar root, all
    /// valid at `time`.
    func checkChain(_ chain: [Certificate], at time: Date) async throws(MDLError) {
        let result = try await paths.search(chain) { RFC5280Policy(fixedExpiryValidationTime: time) }
        guard case .validCertificate = result else {
            throw MDLError(
                code: .relyingPartyUntrusted,
                message: "the relying party is not certified by a trusted registrar at \(TDate.format(time))")
        }
    }

    func checkClientID(_ clientID: String, leaf: Certificate) throws(MDLError) {
        if clientID.hasPrefix("x509_san_dns:") {
            let name = String(clientID.dropFirst("x509_san_dns:".count))
            guard RelyingPartyIdentity.dnsNames(of: leaf).contains(name) else {
                throw MDLError(code: .relyingPartyUntrusted, message: "client_id is not a DNS name of the certificate")
            }
        } else if clientID.hasPrefix("x509_hash:") {
            var serializer = DER.Serializer()
            do { try serializer.serialize(leaf) } catch { throw MDLError(code: .requestInvalid, message: "cannot encode the leaf") }
            guard String(clientID.dropFirst("x509_hash:".count)) == Base64URL.encode(SHA256.hash(data: serializer.serializedBytes)) else {
                throw MDLError(code: .relyingPartyUntrusted, message: "client_id is not the hash of the certificate")
            }
        } else {
            throw MDLError(code: .requestInvalid, message: "client_id needs the x509_san_dns or x509_hash prefix")
        }
    }
}
