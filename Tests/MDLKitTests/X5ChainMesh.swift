import Foundation
import MDLCBOR
import MDLCOSE
import MDLKit
import MDLSandbox
import SwiftASN1
import X509

/// Hostile `x5chain`s for the path-search bound (issue 14): certificates that swift-certificates' path search could
/// combine in factorially many ways, and COSE messages that carry them.
enum X5ChainMesh {
    /// `count` self-issued CA certificates with one subject and one key, told apart only by their SAN: each one's
    /// signature verifies under every other's key, so an unbounded path search tries about e·count! paths.
    static func certificates(
        count: Int, key: SigningKey = SigningKey(generating: .p256), at time: Date = SandboxFixture.now
    ) throws -> [Certificate] {
        let name = try CertificateSubject(country: "CN", commonName: "mesh CA").distinguishedName()
        return try (0..<count).map { index in
            var extensions = Certificate.Extensions()
            try extensions.append(
                Certificate.Extension(BasicConstraints.isCertificateAuthority(maxPathLength: nil), critical: true))
            try extensions.append(Certificate.Extension(KeyUsage(keyCertSign: true), critical: true))
            try extensions.append(
                Certificate.Extension(SubjectAlternativeNames([.dnsName("mesh\(index).example")]), critical: false))
            return try Certificate(
                version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: key.certificatePublicKey,
                notValidBefore: time.addingTimeInterval(-86_400), notValidAfter: time.addingTimeInterval(86_400),
                issuer: name, subject: name, extensions: extensions, issuerPrivateKey: key.certificatePrivateKey)
        }
    }

    /// The DER encodings of `count` mesh certificates, as an `x5chain`.
    static func x5chain(count: Int) throws -> [[UInt8]] {
        try certificates(count: count).map(der)
    }

    /// A certificate's DER encoding.
    static func der(_ certificate: Certificate) throws -> [UInt8] {
        var serializer = DER.Serializer()
        try serializer.serialize(certificate)
        return serializer.serializedBytes
    }

    /// A COSE_Sign1 (ES256, no payload, a zero signature) whose unprotected header carries `x5chain`: whatever reads
    /// it must refuse the chain before any signature matters.
    static func message(x5chain: [[UInt8]]) throws -> COSESign1 {
        let protected = CBOREncoder.encode(.map([.int(COSEHeaders.Label.algorithm): .int(COSEAlgorithm.es256.coseValue)]))
        let unprotected: CBOR = .map([.int(COSEHeaders.Label.x5chain): .array(x5chain.map(CBOR.bytes))])
        return try COSESign1(.array([.bytes(protected), unprotected, .null, .bytes([UInt8](repeating: 0, count: 64))]))
    }

    /// The fixture's presentation with its IssuerAuth's `x5chain` replaced by `x5chain` (the unprotected header is
    /// not signed, so the IssuerAuth signature still holds).
    static func presentation(_ fixture: SandboxFixture, x5chain: [[UInt8]]) throws -> [UInt8] {
        typealias Step = HostileStructureTests.Step
        let response = try CBORDecoder().decode(try fixture.presentation())
        let path: [Step] = [.key("documents"), .index(0), .key("issuerSigned"), .key("issuerAuth"), .index(1)]
        let unprotected: CBOR = .map([.int(COSEHeaders.Label.x5chain): .array(x5chain.map(CBOR.bytes))])
        return CBOREncoder.encode(HostileStructureTests.replacing(in: response, at: path, with: unprotected))
    }
}
