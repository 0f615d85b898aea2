import Crypto
import Foundation
import Testing

@testable import MDLCOSE

/// ``DeviceMacKey`` (ISO/IEC 18013-5 §9.1.3.5): both sides agree, and the Annex D worked example's DeviceMac tag is
/// reproduced from its keys and SessionTranscriptBytes.
struct AlgorithmDeviceMacTests {
    /// `<package root>/../shared/vectors/iso18013-5-annex-d`.
    static let annexD: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
        .appendingPathComponent("shared/vectors/iso18013-5-annex-d", isDirectory: true)
    static let annexDAvailable = FileManager.default.fileExists(
        atPath: annexD.appendingPathComponent("keys.txt").path)

    @Test func readerAndDeviceDeriveTheSameKey() throws {
        let reader = P256.KeyAgreement.PrivateKey()
        let device = P256.KeyAgreement.PrivateKey()
        let transcript = SecureRandom.bytes(count: 100)
        let readerSide = try DeviceMacKey.derive(
            devicePublicKey: device.publicKey, readerPrivateKey: reader, sessionTranscriptBytes: transcript)
        let deviceSide = try DeviceMacKey.derive(
            readerPublicKey: reader.publicKey, devicePrivateKey: device, sessionTranscriptBytes: transcript)
        #expect(readerSide.bitCount == 256)
        #expect(readerSide == deviceSide)

        // The definition, spelled out with swift-crypto directly.
        let z = try reader.sharedSecretFromKeyAgreement(with: device.publicKey)
        let expected = z.hkdfDerivedSymmetricKey(
            using: SHA256.self, salt: Array(SHA256.hash(data: transcript)), sharedInfo: Array("EMacKey".utf8),
            outputByteCount: 32)
        #expect(readerSide == expected)

        // Another transcript or another reader key gives another key.
        let otherTranscript = try DeviceMacKey.derive(
            devicePublicKey: device.publicKey, readerPrivateKey: reader, sessionTranscriptBytes: transcript + [0])
        #expect(otherTranscript != readerSide)
        let otherReader = try DeviceMacKey.derive(
            devicePublicKey: device.publicKey, readerPrivateKey: P256.KeyAgreement.PrivateKey(),
            sessionTranscriptBytes: transcript)
        #expect(otherReader != readerSide)
    }

    @Test(.enabled(if: annexDAvailable, "skipped: ../shared/vectors/iso18013-5-annex-d (next to the package root) is absent"))
    func annexDDeviceMacTag() throws {
        let keys = try Self.keyValues()
        let readerKey = try P256.KeyAgreement.PrivateKey(
            rawRepresentation: try #require(keys["ephemeral_reader_key.d"]))
        let deviceKey = try ECDHP256.publicKey(
            x: try #require(keys["static_device_key.x"]), y: try #require(keys["static_device_key.y"]))
        let transcriptBytes = try Self.hexFile("session-transcript-bytes.hex")
        let key = try DeviceMacKey.derive(
            devicePublicKey: deviceKey, readerPrivateKey: readerKey, sessionTranscriptBytes: transcriptBytes)

        // The device side with the Annex D device private key gives the same key.
        let devicePrivate = try P256.KeyAgreement.PrivateKey(
            rawRepresentation: try #require(keys["static_device_key.d"]))
        let readerPublic = try ECDHP256.publicKey(
            x: try #require(keys["ephemeral_reader_key.x"]), y: try #require(keys["ephemeral_reader_key.y"]))
        #expect(
            try DeviceMacKey.derive(
                readerPublicKey: readerPublic, devicePrivateKey: devicePrivate, sessionTranscriptBytes: transcriptBytes)
                == key)

        // MAC_structure = ["MAC0", h'a10105', h'', DeviceAuthenticationBytes], built by hand (no CBOR module here).
        let transcript = try #require(Self.tag24Content(transcriptBytes))
        let deviceAuthentication: [UInt8] =
            [0x84] + Self.text("DeviceAuthentication") + transcript + Self.text("org.iso.18013.5.1.mDL")
            + [0xD8, 0x18, 0x41, 0xA0]
        let deviceAuthenticationBytes = [0xD8, 0x18] + Self.head(major: 2, length: deviceAuthentication.count)
            + deviceAuthentication
        let macStructure: [UInt8] =
            [0x84] + Self.text("MAC0") + [0x43, 0xA1, 0x01, 0x05] + [0x40]
            + Self.head(major: 2, length: deviceAuthenticationBytes.count) + deviceAuthenticationBytes

        // The tag is the last field of the deviceMac: "deviceMac" 84 43a10105 a0 f6 5820 <32 bytes>.
        let response = try Self.hexFile("device-response.hex")
        let marker = Array("deviceMac".utf8) + [0x84, 0x43, 0xA1, 0x01, 0x05, 0xA0, 0xF6, 0x58, 0x20]
        let start = try #require(Self.index(of: marker, in: response)) + marker.count
        let tag = Array(response[start..<(start + 32)])
        #expect(Array(tag.prefix(8)).hex == "e99521a85ad7891b")

        try MessageAuthentication.verifyHMACSHA256(tag: tag, key: key, message: macStructure)
        #expect(throws: COSEError(code: .macInvalid)) {
            try MessageAuthentication.verifyHMACSHA256(tag: tag, key: key, message: macStructure + [0])
        }
    }

    // MARK: Vector reading and minimal CBOR heads

    static func hexFile(_ name: String) throws -> [UInt8] {
        let text = try String(contentsOf: annexD.appendingPathComponent(name), encoding: .utf8)
        let compact = text.filter { !$0.isWhitespace }
        return try #require([UInt8](hex: compact))
    }

    /// `name = hex` lines of keys.txt.
    static func keyValues() throws -> [String: [UInt8]] {
        let text = try String(contentsOf: annexD.appendingPathComponent("keys.txt"), encoding: .utf8)
        var values: [String: [UInt8]] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let parts = line.split(separator: "=").map { $0.trimmingCharacters(in: .whitespaces) }
            if parts.count == 2, let bytes = [UInt8](hex: parts[1]) { values[parts[0]] = bytes }
        }
        return values
    }

    /// The content of `#6.24(bstr)`.
    static func tag24Content(_ bytes: [UInt8]) -> [UInt8]? {
        guard bytes.count > 3, bytes[0] == 0xD8, bytes[1] == 0x18 else { return nil }
        let (length, headSize): (Int, Int)
        switch bytes[2] {
        case 0x40...0x57: (length, headSize) = (Int(bytes[2] - 0x40), 1)
        case 0x58: (length, headSize) = (Int(bytes[3]), 2)
        case 0x59 where bytes.count > 4: (length, headSize) = (Int(bytes[3]) << 8 | Int(bytes[4]), 3)
        default: return nil
        }
        let start = 2 + headSize
        guard bytes.count == start + length else { return nil }
        return Array(bytes[start...])
    }

    static func head(major: UInt8, length: Int) -> [UInt8] {
        let type = major << 5
        switch length {
        case 0..<24: return [type | UInt8(length)]
        case 24..<256: return [type | 24, UInt8(length)]
        default: return [type | 25, UInt8(length >> 8), UInt8(length & 0xFF)]
        }
    }

    static func text(_ string: String) -> [UInt8] {
        let utf8 = Array(string.utf8)
        return head(major: 3, length: utf8.count) + utf8
    }

    static func index(of needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard needle.count <= haystack.count else { return nil }
        return (0...(haystack.count - needle.count)).first { haystack[$0..<($0 + needle.count)].elementsEqual(needle) }
    }
}
