import Crypto
import Foundation
import MDLCBOR
import MDLCOSE

/// Pipeline step 5: holder binding. The DeviceSignature with the MSO's device key, or the DeviceMac with the key
/// agreed between the reader's ephemeral key and the device key, over `DeviceAuthenticationBytes` built from the
/// RP's own SessionTranscript; and every device-signed element authorised by the MSO.
struct DeviceAuthenticationCheck {
    let configuration: VerifierConfiguration

    struct Result {
        let method: DeviceAuthenticationMethod
        let elements: [String: [String: CBOR]]
        let relaxationsUsed: [VerificationPolicy.Relaxation]
    }

    func verify(
        _ document: Document, mso: MobileSecurityObject, transcript: SessionTranscript?, readerKey: P256.KeyAgreement.PrivateKey?
    ) throws(MDLError) -> Result {
        guard let deviceSigned = document.deviceSigned else {
            throw MDLError(code: .deviceAuthMissing, message: "the document has no deviceSigned part")
        }
        guard let transcript else {
            throw MDLError(code: .sessionTranscriptMissing, message: "a SessionTranscript is needed to check holder binding")
        }
        try checkAuthorizations(deviceSigned, mso: mso)
        let payload = transcript.deviceAuthenticationBytes(docType: document.docType, deviceNameSpacesBytes: deviceSigned.nameSpacesBytes)
        var used: [VerificationPolicy.Relaxation] = []
        switch deviceSigned.deviceAuth {
        case .signature(let signature):
            if let chain = try? signature.headers.x5chain(), chain.isEmpty {
                guard configuration.policy.allows(.emptyX5ChainInDeviceSignature) else {
                    throw MDLError.structure("the DeviceSignature carries an empty x5chain")
                }
                used.append(.emptyX5ChainInDeviceSignature)
            }
            guard let algorithm = signature.headers.algorithm, configuration.allowedAlgorithms.contains(algorithm), algorithm != .hmac256 else {
                throw MDLError(code: .algorithmNotAllowed, message: "DeviceSignature alg is absent from the protected header or not allowed")
            }
            let key: SignaturePublicKey
            do { key = try mso.deviceKey.signaturePublicKey() } catch {
                throw MDLError(code: .weakKey, message: "the MSO's device key is not usable: \(error)")
            }
            if let attached = signature.payload {
                // ISO 18013-5 §9.1.3: detached. An attached payload is never what is verified: at most, under the
                // named relaxation, a copy of the very bytes this RP rebuilt (auth0's `mdl` attaches them).
                guard configuration.policy.allows(.attachedPayloadInDeviceSignature) else {
                    throw MDLError(code: .deviceSignatureInvalid, message: "the DeviceSignature carries a payload; it must be detached")
                }
                guard attached == payload else {
                    throw MDLError(
                        code: .deviceSignatureInvalid,
                        message: "the DeviceSignature's attached payload is not this session's DeviceAuthenticationBytes")
                }
                used.append(.attachedPayloadInDeviceSignature)
            }
            do {
                try signature.verifyDetached(
                    content: payload, with: key, allowedAlgorithms: configuration.allowedAlgorithms,
                    allowingIdenticalAttachedPayload: used.contains(.attachedPayloadInDeviceSignature))
            } catch {
                throw MDLError(code: .deviceSignatureInvalid, message: "the DeviceSignature does not verify for this session")
            }
            return Result(method: .signature, elements: deviceSigned.nameSpaces, relaxationsUsed: used)
        case .mac(let mac):
            guard let readerKey else {
                throw MDLError(code: .deviceMacInvalid, message: "the device authenticated with a MAC; the reader's ephemeral key is needed")
            }
            let deviceKey: P256.KeyAgreement.PublicKey
            do { deviceKey = try mso.deviceKey.p256AgreementKey() } catch {
                throw MDLError(code: .weakKey, message: "the MSO's device key is not a P-256 key for DeviceMac")
            }
            let key: SymmetricKey
            do {
                key = try DeviceMacKey.derive(
                    devicePublicKey: deviceKey, readerPrivateKey: readerKey, sessionTranscriptBytes: transcript.sessionTranscriptBytes)
            } catch {
                throw MDLError(code: .deviceMacInvalid, message: "the MAC key could not be agreed: \(error)")
            }
            do { try mac.verifyDetached(content: payload, with: key) } catch {
                throw MDLError(code: .deviceMacInvalid, message: "the DeviceMac does not verify for this session")
            }
            return Result(method: .mac, elements: deviceSigned.nameSpaces, relaxationsUsed: used)
        }
    }

    private func checkAuthorizations(_ deviceSigned: DeviceSigned, mso: MobileSecurityObject) throws(MDLError) {
        for (nameSpace, elements) in deviceSigned.nameSpaces {
            if mso.authorizedNameSpaces.contains(nameSpace) { continue }
            let allowed = mso.authorizedDataElements[nameSpace] ?? []
            for identifier in elements.keys where !allowed.contains(identifier) {
                throw MDLError(code: .deviceKeyNotAuthorized, message: "the device key may not sign \(nameSpace)/\(identifier)")
            }
        }
    }
}
