import Foundation
import MDLCBOR
import MDLCOSE
import MDLKit
import MDLSandbox
import SwiftASN1
import X509

/// A sandbox presentation whose IssuerAuth `x5chain` is a self-issued certificate mesh (one subject, one key,
/// different SANs): before issue 14, swift-certificates' path search tried about e·M! paths on it (7 certificates:
/// 23 s; 12: never finished). Now it is refused on its shape, before any signature, as fast as any untrusted chain.
public struct X5ChainMeshFixture: Sendable {
    /// The DeviceResponse with the mesh in its IssuerAuth.
    public let bytes: [UInt8]
    /// The session's transcript.
    public let transcript: SessionTranscript
    /// A verifier trusting the issuing IACA.
    public let verifier: PresentationVerifier
    /// The verification time.
    public let time: Date

    /// Verifies the presentation; returns the refusal's code (`nil` if it was accepted, which it must never be).
    public func refuse() async -> MDLError.Code? {
        do {
            _ = try await verifier.verify(bytes, sessionTranscript: transcript, at: time)
            return nil
        } catch {
            return error.code
        }
    }

    /// A presentation whose IssuerAuth carries `count` mesh certificates.
    public static func make(count: Int) throws -> X5ChainMeshFixture {
        let now = Date()
        let today = FullDate(daysSinceEpoch: Int(now.timeIntervalSince1970 / 86_400))
        let authority = try IssuingAuthority(region: .shanghai, keyAlgorithm: .p256, now: now)
        var wallet = HolderWallet(deviceKeyAlgorithm: .p256)
        wallet.store(try authority.issue(Persona.cleanC1(today: today, asOf: now).record, deviceKey: wallet.deviceCOSEKey, now: now))
        let transcript = SessionTranscript.openID4VP(
            clientID: "x509_san_dns:rp.example.cn", nonce: "bench-nonce", jwkThumbprint: Array(repeating: 1, count: 32),
            responseURI: "https://rp.example.cn/response")
        let response = try CBORDecoder().decode(try wallet.present(elements: nil, transcript: transcript).encoded)
        let mesh: CBOR = .map([.int(COSEHeaders.Label.x5chain): .array(try certificates(count: count, at: now).map(CBOR.bytes))])
        guard let hostile = replacingUnprotectedHeader(of: response, with: mesh) else {
            throw FixtureError("the sandbox presentation has no IssuerAuth to replace")
        }
        return X5ChainMeshFixture(
            bytes: CBOREncoder.encode(hostile), transcript: transcript,
            verifier: PresentationVerifier(configuration: .init(trustAnchors: [try authority.iaca.trustAnchor()])), time: now)
    }

    /// `count` self-issued CA certificates with one subject and one key and different SANs, DER-encoded.
    static func certificates(count: Int, at time: Date) throws -> [[UInt8]] {
        let key = SigningKey(generating: .p256)
        let name = try CertificateSubject(country: "CN", commonName: "mesh CA").distinguishedName()
        return try (0..<count).map { index in
            var extensions = Certificate.Extensions()
            try extensions.append(
                Certificate.Extension(BasicConstraints.isCertificateAuthority(maxPathLength: nil), critical: true))
            try extensions.append(
                Certificate.Extension(SubjectAlternativeNames([.dnsName("mesh\(index).example")]), critical: false))
            let certificate = try Certificate(
                version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: key.certificatePublicKey,
                notValidBefore: time.addingTimeInterval(-86_400), notValidAfter: time.addingTimeInterval(86_400),
                issuer: name, subject: name, extensions: extensions, issuerPrivateKey: key.certificatePrivateKey)
            var serializer = DER.Serializer()
            try serializer.serialize(certificate)
            return serializer.serializedBytes
        }
    }

    /// `response` with documents[0].issuerSigned.issuerAuth's unprotected header replaced.
    static func replacingUnprotectedHeader(of response: CBOR, with header: CBOR) -> CBOR? {
        guard case .map(let root) = response, case .array(var documents)? = root["documents"], !documents.isEmpty,
            case .map(let document) = documents[0], case .map(let issuerSigned)? = document["issuerSigned"],
            let issuerAuth = issuerSigned["issuerAuth"]
        else { return nil }
        let replacedAuth: CBOR
        switch issuerAuth {
        case .array(var parts) where parts.count == 4:
            parts[1] = header
            replacedAuth = .array(parts)
        case .tagged(let tag, .array(var parts)) where parts.count == 4:
            parts[1] = header
            replacedAuth = .tagged(tag, .array(parts))
        default:
            return nil
        }
        documents[0] = .map(replacing(in: document, key: "issuerSigned", with: .map(replacing(in: issuerSigned, key: "issuerAuth", with: replacedAuth))))
        return .map(replacing(in: root, key: "documents", with: .array(documents)))
    }

    static func replacing(in map: CBORMap, key: String, with value: CBOR) -> CBORMap {
        CBORMap(map.entries.map { $0.key == .text(key) ? CBORMap.Entry(key: $0.key, value: value) : $0 })
    }
}
