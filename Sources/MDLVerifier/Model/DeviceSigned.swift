import MDLCBOR
import MDLCOSE

/// The device-signed part of a document: device-signed elements and the device's authentication of the session.
public struct DeviceSigned: Sendable, Hashable {
    /// `DeviceNameSpacesBytes` as received (tag 24); usually an empty map.
    public let nameSpacesBytes: EmbeddedCBOR
    /// Device-signed elements per namespace.
    public let nameSpaces: [String: [String: CBOR]]
    /// How the device authenticated.
    public let deviceAuth: DeviceAuth

    /// The device's proof: a signature with the MSO device key, or a MAC with a key agreed with the reader.
    public enum DeviceAuth: Sendable, Hashable {
        /// COSE_Sign1 over DeviceAuthenticationBytes (detached).
        case signature(COSESign1)
        /// COSE_Mac0 over DeviceAuthenticationBytes (detached).
        case mac(COSEMac0)
    }

    /// Reads DeviceSigned from its map.
    public init(_ item: CBOR, decoder: CBORDecoder = CBORDecoder()) throws(MDLError) {
        let map = try item.requireMap("DeviceSigned")
        try map.requireOnlyKeys(["nameSpaces", "deviceAuth"], in: "DeviceSigned")
        nameSpacesBytes = try map.requiredEmbedded("nameSpaces", in: "DeviceSigned")
        nameSpaces = try Self.nameSpaces(nameSpacesBytes, decoder: decoder)
        let auth = try map.requiredMap("deviceAuth", in: "DeviceSigned")
        do {
            if let signature = auth["deviceSignature"], auth["deviceMac"] == nil {
                deviceAuth = .signature(try COSESign1(signature))
            } else if let mac = auth["deviceMac"], auth["deviceSignature"] == nil {
                deviceAuth = .mac(try COSEMac0(mac))
            } else {
                throw MDLError(code: .deviceAuthMissing, message: "deviceAuth must hold exactly one of deviceSignature or deviceMac")
            }
        } catch let error as MDLError {
            throw error
        } catch {
            throw MDLError.structure("DeviceSigned.deviceAuth: \(error)")
        }
    }

    /// Reads `DeviceNameSpacesBytes`: device-signed elements per namespace.
    static func nameSpaces(_ bytes: EmbeddedCBOR, decoder: CBORDecoder) throws(MDLError) -> [String: [String: CBOR]] {
        var nameSpaces: [String: [String: CBOR]] = [:]
        for entry in try bytes.decodedStructure(decoder, what: "DeviceNameSpaces").requireMap("DeviceNameSpaces") {
            guard let nameSpace = entry.key.text else { throw MDLError.structure("device namespace names must be text") }
            var elements: [String: CBOR] = [:]
            for element in try entry.value.requireMap("DeviceSignedItems") {
                guard let identifier = element.key.text else { throw MDLError.structure("device element identifiers must be text") }
                elements[identifier] = element.value
            }
            nameSpaces[nameSpace] = elements
        }
        return nameSpaces
    }

    /// DeviceSigned from its members (read in place, see `DeviceResponse.readInPlace`, or made for a wallet).
    init(nameSpacesBytes: EmbeddedCBOR, nameSpaces: [String: [String: CBOR]], deviceAuth: DeviceAuth) {
        self.nameSpacesBytes = nameSpacesBytes
        self.nameSpaces = nameSpaces
        self.deviceAuth = deviceAuth
    }

    /// Creates DeviceSigned (for wallets).
    package init(nameSpacesBytes: EmbeddedCBOR = EmbeddedCBOR(.map([:])), deviceAuth: DeviceAuth) {
        self.init(nameSpacesBytes: nameSpacesBytes, nameSpaces: [:], deviceAuth: deviceAuth)
    }

    /// The structure as CBOR.
    public var cbor: CBOR {
        let auth: CBORMap
        switch deviceAuth {
        case .signature(let sign1): auth = ["deviceSignature": sign1.cbor]
        case .mac(let mac0): auth = ["deviceMac": mac0.cbor]
        }
        return .map(["nameSpaces": .embedded(nameSpacesBytes), "deviceAuth": .map(auth)])
    }
}
