import Foundation
import MDLVerifier
import SwiftASN1
import X509

extension RelyingPartyIdentity {
    /// The Chinese name for receipts and consent: the registration's, else the certificate's organisation or
    /// common name.
    public var displayNameZH: String { registration?.nameZH ?? certificateName }

    /// The English name for receipts and consent: the registration's, else the certificate's organisation or
    /// common name.
    public var displayNameEN: String { registration?.nameEN ?? certificateName }

    private var certificateName: String {
        guard let leaf = certificateChain.first else { return "" }
        return leaf.subject.firstText(of: .RDNAttributeType.organizationName) ?? leaf.subject.firstText(of: .RDNAttributeType.commonName)
            ?? Self.dnsNames(of: leaf).first ?? ""
    }

    /// The `verifier_info` entries of a request: the registration attestation, when there is one.
    public var verifierInfo: [VerifierInfo]? {
        registrationAttestation.map { [VerifierInfo(format: RelyingPartyRegistrationAttestation.verifierInfoFormat, data: $0)] }
    }

    /// Checks that `url` may serve this relying party's requests and take its responses: `https` with a host that
    /// is a DNS name of the leaf certificate; with ``EndpointPolicy/sandboxLoopback`` also `http`/`https` on
    /// loopback. Throws `requestInvalid` otherwise (a wallet would refuse the request).
    public func checkEndpoint(_ url: URL) throws(MDLError) {
        guard let components = URLComponents(url: url, resolvingAgainstBaseURL: false), let scheme = components.scheme?.lowercased(),
            let host = components.host?.lowercased(), !host.isEmpty
        else { throw MDLError(code: .requestInvalid, message: "the endpoint URL has no scheme or host") }
        if endpointPolicy == .sandboxLoopback, scheme == "http" || scheme == "https", WebOrigin.loopbackHosts.contains(host) {
            return
        }
        guard scheme == "https" else {
            throw MDLError(code: .requestInvalid, message: "the response_uri must be https (loopback http only in sandbox mode)")
        }
        guard let leaf = certificateChain.first, Self.dnsNames(of: leaf).contains(where: { $0.lowercased() == host }) else {
            throw MDLError(code: .requestInvalid, message: "the response_uri's host is not a DNS name of the relying-party certificate")
        }
    }
}
