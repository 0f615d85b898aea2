import Foundation
import MDLCBOR
import MDLCOSE
import MDLKit
import MDLSandbox

/// One sandbox presentation prepared for timing: its bytes, a verifier that trusts its IACA, and the two signature
/// checks it contains (IssuerAuth over MobileSecurityObjectBytes, DeviceSignature over DeviceAuthenticationBytes),
/// precomputed so they can be timed bare.
public struct BenchmarkPresentation: Sendable {
    /// E.g. `"Ed25519, 12 elements"`.
    public let name: String
    /// The DeviceResponse as received.
    public let bytes: [UInt8]
    /// The session's transcript.
    public let transcript: SessionTranscript
    /// A verifier trusting the issuing IACA; its chain cache warms on the first verification.
    public let verifier: PresentationVerifier
    /// The verification time.
    public let time: Date
    /// The IACA, PEM.
    public let iacaPEM: String
    /// The number of issued and presented elements.
    public let elementCount: Int

    let issuerCheck: SignatureCheck
    let deviceCheck: SignatureCheck

    struct SignatureCheck: Sendable {
        let key: SignaturePublicKey
        let message: [UInt8]
        let signature: [UInt8]
        let algorithm: COSEAlgorithm

        func run() throws { try key.verify(signature: signature, message: message, algorithm: algorithm) }

        /// The IssuerAuth's check: its signature over the Sig_structure of its protected header and `payload`.
        static func issuer(_ issuerAuth: COSESign1, payload: [UInt8], key: SignaturePublicKey, algorithm: COSEAlgorithm) -> SignatureCheck {
            SignatureCheck(
                key: key, message: COSESign1.signatureStructure(protectedBytes: issuerAuth.headers.protectedBytes, payload: payload),
                signature: issuerAuth.signature, algorithm: algorithm)
        }

        /// The DeviceSignature's check: over this session's DeviceAuthenticationBytes for `document`.
        static func device(
            _ signature: COSESign1, document: Document, deviceSigned: DeviceSigned, transcript: SessionTranscript,
            key: SignaturePublicKey, algorithm: COSEAlgorithm
        ) -> SignatureCheck {
            SignatureCheck(
                key: key,
                message: COSESign1.signatureStructure(
                    protectedBytes: signature.headers.protectedBytes,
                    payload: transcript.deviceAuthenticationBytes(docType: document.docType, deviceNameSpacesBytes: deviceSigned.nameSpacesBytes)),
                signature: signature.signature, algorithm: algorithm)
        }
    }

    /// Verifies the presentation (pipeline steps 1, 3, 4, 5).
    public func verify() async throws -> VerifiedPresentation {
        try await verifier.verify(bytes, sessionTranscript: transcript, at: time)
    }

    /// The presentation's two signature verifications alone, with the SDK's signature primitive
    /// (`SignaturePublicKey.verify`: libsodium for Ed25519, swift-crypto for ECDSA) on precomputed messages.
    public func verifySignatures() throws {
        try issuerCheck.run()
        try deviceCheck.run()
    }

    /// The issuer's signature check alone.
    public func verifyIssuerSignature() throws { try issuerCheck.run() }

    /// The device's signature check alone.
    public func verifyDeviceSignature() throws { try deviceCheck.run() }

    /// Decodes the DeviceResponse (CBOR and the mdoc model).
    public func decode() throws -> DeviceResponse { try DeviceResponse(bytes: bytes) }

    /// Issues a licence with `elements` data elements (the clean C1 persona's, padded with `age_over_NN`) signed
    /// with `algorithm` (document signer and device key alike) and presents all of them.
    public static func make(
        _ algorithm: SigningKey.Algorithm, elements: Int, authority: IssuingAuthority? = nil,
        status: MobileSecurityObject.StatusReference? = nil, now: Date = Date()
    ) throws -> BenchmarkPresentation {
        let today = FullDate(daysSinceEpoch: Int(now.timeIntervalSince1970 / 86_400))
        let authority = try authority ?? IssuingAuthority(region: .shanghai, keyAlgorithm: algorithm, now: now)
        var wallet = HolderWallet(deviceKeyAlgorithm: algorithm)
        let record = Self.record(Persona.cleanC1(today: today, asOf: now).record, elements: elements)
        wallet.store(try authority.issue(record, deviceKey: wallet.deviceCOSEKey, now: now, status: status))
        let transcript = SessionTranscript.openID4VP(
            clientID: "x509_san_dns:rp.example.cn", nonce: "bench-nonce", jwkThumbprint: Array(repeating: 1, count: 32),
            responseURI: "https://rp.example.cn/response")
        let response = try wallet.present(elements: nil, transcript: transcript)
        guard let document = response.documents.first, let deviceSigned = document.deviceSigned,
            case .signature(let deviceSignature) = deviceSigned.deviceAuth, let payload = document.issuerSigned.issuerAuth.payload
        else { throw FixtureError("the sandbox presentation lacks a document, payload or device signature") }
        let issuerAuth = document.issuerSigned.issuerAuth
        let coseAlgorithm: COSEAlgorithm = algorithm == .ed25519 ? .edDSA : .es256
        let anchor = try authority.iaca.trustAnchor()
        return BenchmarkPresentation(
            name: "\(algorithm == .ed25519 ? "Ed25519" : "ES256"), \(elements) elements", bytes: response.encoded,
            transcript: transcript,
            verifier: PresentationVerifier(configuration: .init(trustAnchors: [anchor])), time: now,
            iacaPEM: try authority.iaca.pemEncoded(), elementCount: record.elements.values.map(\.count).reduce(0, +),
            issuerCheck: .issuer(
                issuerAuth, payload: payload, key: try authority.documentSigner.signingKey.coseKey.signaturePublicKey(),
                algorithm: coseAlgorithm),
            deviceCheck: .device(
                deviceSignature, document: document, deviceSigned: deviceSigned, transcript: transcript,
                key: try wallet.deviceCOSEKey.signaturePublicKey(), algorithm: coseAlgorithm))
    }

    /// The first `count` elements of `record` (ISO namespace first), padded with `age_over_NN` booleans.
    static func record(_ record: LicenseRecord, elements count: Int) -> LicenseRecord {
        var all: [(String, String, CBOR)] = []
        for nameSpace in record.elements.keys.sorted(by: { ($0 == MDLProfile.isoNameSpace ? 0 : 1, $0) < ($1 == MDLProfile.isoNameSpace ? 0 : 1, $1) }) {
            for (identifier, value) in (record.elements[nameSpace] ?? [:]).sorted(by: { $0.key < $1.key }) {
                all.append((nameSpace, identifier, value))
            }
        }
        var age = 19
        while all.count < count {
            all.append((MDLProfile.isoNameSpace, "age_over_\(age)", .bool(true)))
            age += 1
        }
        var result = LicenseRecord(elements: [:])
        for (nameSpace, identifier, value) in all.prefix(count) { result.elements[nameSpace, default: [:]][identifier] = value }
        return result
    }
}

/// A fixture could not be built.
public struct FixtureError: Error, CustomStringConvertible {
    /// What went wrong.
    public let description: String
    init(_ description: String) { self.description = description }
}
