import Crypto
import Foundation
import MDLCBOR
import MDLCOSE
import MDLKit

/// The sandbox holder's wallet: keeps the device key and the issued mDL, and presents chosen elements,
/// device-signed over the session's transcript.
///
/// ```swift
/// var wallet = HolderWallet()
/// wallet.store(try authority.issue(record, deviceKey: wallet.deviceCOSEKey, now: now))
/// let response = try wallet.present(elements: [MDLProfile.isoNameSpace: ["family_name"]], transcript: transcript)
/// ```
public struct HolderWallet: Sendable {
    /// The device key the MSO binds the licence to. It never leaves the wallet in a real device.
    public let deviceKey: SigningKey
    /// The stored credentials.
    public private(set) var credentials: [IssuedCredential] = []

    /// Creates a wallet with a fresh device key.
    public init(deviceKeyAlgorithm: SigningKey.Algorithm = .ed25519) {
        deviceKey = SigningKey(generating: deviceKeyAlgorithm)
    }

    /// Creates a wallet with a given device key.
    public init(deviceKey: SigningKey) { self.deviceKey = deviceKey }

    /// The device key as the COSE_Key the issuer puts in the MSO.
    public var deviceCOSEKey: COSEKey { deviceKey.coseKey }

    /// Stores a credential.
    public mutating func store(_ credential: IssuedCredential) { credentials.append(credential) }

    /// Presents the first credential of `docType` with only `elements` (all when `nil`), device-signed for `transcript`.
    ///
    /// - Parameter notReturned: elements requested but not returned (declined by the holder), reported in the
    ///   document's `errors` with code 0 as ISO 18013-5 suggests for "data not returned".
    public func present(
        docType: String = MDLProfile.docType, elements: [String: Set<String>]?, transcript: SessionTranscript,
        notReturned: [String: Set<String>] = [:]
    ) throws -> DeviceResponse {
        guard let credential = credentials.first(where: { $0.docType == docType }) else {
            return DeviceResponse(documents: [], documentErrors: [docType: 0], status: 0)
        }
        let nameSpacesBytes = EmbeddedCBOR(.map([:]))
        let payload = transcript.deviceAuthenticationBytes(docType: docType, deviceNameSpacesBytes: nameSpacesBytes)
        let algorithm: COSEAlgorithm = deviceKey.algorithm == .ed25519 ? .edDSA : .es256
        let headers = COSEHeaders(protected: [.int(COSEHeaders.Label.algorithm): .int(algorithm.coseValue)])
        let signature = try COSESign1(signing: payload, headers: headers, detached: true) { try deviceKey.signature(for: $0) }
        let errors = notReturned.filter { !$0.value.isEmpty }.mapValues { Dictionary(uniqueKeysWithValues: $0.map { ($0, Int64(0)) }) }
        let document = Document(
            docType: docType, issuerSigned: credential.issuerSigned(selecting: elements),
            deviceSigned: DeviceSigned(nameSpacesBytes: nameSpacesBytes, deviceAuth: .signature(signature)), errors: errors)
        return DeviceResponse(documents: [document])
    }
}

extension SigningKey {
    /// The public key as a COSE_Key (OKP Ed25519 or EC2 P-256).
    public var coseKey: COSEKey {
        switch self {
        case .ed25519(let key): return COSEKey(keyType: .okp, curve: .ed25519, x: Array(key.publicKey.rawRepresentation), y: nil)
        case .p256(let key):
            let x963 = Array(key.publicKey.x963Representation)
            return COSEKey(keyType: .ec2, curve: .p256, x: Array(x963[1..<33]), y: Array(x963[33..<65]))
        }
    }
}
