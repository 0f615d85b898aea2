import Crypto
import MDLCBOR
import MDLCOSE
import Testing

/// Attached and detached content have separate entry points (issue 14, finding 1): `verifyDetached` refuses a
/// message that carries a payload, whatever the payload is; `verifyAttached` refuses a detached message.
struct COSEDetachedContentTests {
    static let content = Array("DeviceAuthenticationBytes of this session".utf8)
    static let other = Array("DeviceAuthenticationBytes of another session".utf8)

    static func sign1(_ payload: [UInt8], detached: Bool, key: SigningPrivateKey) throws -> COSESign1 {
        let headers = COSEHeaders(protected: [.int(COSEHeaders.Label.algorithm): .int(key.algorithm.coseValue)])
        // Round-trip through CBOR, as a verifier receives it.
        let made = try COSESign1(signing: payload, headers: headers, detached: detached, signer: key.sign)
        return try COSESign1(try CBORDecoder().decode(CBOREncoder.encode(made.cbor)))
    }

    @Test(arguments: [COSEAlgorithm.edDSA, .es256])
    func sign1DetachedVerifiesOnlyOverTheGivenContentAndNeverWithAPayload(algorithm: COSEAlgorithm) throws {
        let key = try SigningPrivateKey.generate(for: algorithm)
        let allowed: Set<COSEAlgorithm> = [algorithm]
        let detached = try Self.sign1(Self.content, detached: true, key: key)
        try detached.verifyDetached(content: Self.content, with: try key.publicKey, allowedAlgorithms: allowed)
        #expect(throws: COSEError.self) {
            try detached.verifyDetached(content: Self.other, with: try key.publicKey, allowedAlgorithms: allowed)
        }
        #expect(throws: COSEFormatError.self) { try detached.verifyAttached(with: try key.publicKey, allowedAlgorithms: allowed) }
        // A valid signature over `other`, carried attached: the detached check refuses it before any signature
        // check, so it can never stand in for the caller's content.
        let attached = try Self.sign1(Self.other, detached: false, key: key)
        #expect(throws: COSEFormatError.self) {
            try attached.verifyDetached(content: Self.content, with: try key.publicKey, allowedAlgorithms: allowed)
        }
        #expect(throws: COSEFormatError.self) {
            try attached.verifyDetached(content: Self.other, with: try key.publicKey, allowedAlgorithms: allowed)
        }
    }

    @Test func anIdenticalAttachedPayloadIsToleratedOnlyWhenAskedAndOnlyIfIdentical() throws {
        let key = try SigningPrivateKey.generate(for: .edDSA)
        let own = try Self.sign1(Self.content, detached: false, key: key)
        #expect(throws: COSEFormatError.self) {
            try own.verifyDetached(content: Self.content, with: try key.publicKey, allowedAlgorithms: [.edDSA])
        }
        try own.verifyDetached(
            content: Self.content, with: try key.publicKey, allowedAlgorithms: [.edDSA], allowingIdenticalAttachedPayload: true)
        let foreign = try Self.sign1(Self.other, detached: false, key: key)
        #expect(throws: COSEFormatError.self) {
            try foreign.verifyDetached(
                content: Self.content, with: try key.publicKey, allowedAlgorithms: [.edDSA], allowingIdenticalAttachedPayload: true)
        }
    }

    @Test func sign1AttachedReturnsTheVerifiedPayload() throws {
        let key = try SigningPrivateKey.generate(for: .edDSA)
        let attached = try Self.sign1(Self.content, detached: false, key: key)
        #expect(try attached.verifyAttached(with: try key.publicKey, allowedAlgorithms: [.edDSA]) == Self.content)
        #expect(throws: COSEError.self) { try attached.verifyAttached(with: try key.publicKey, allowedAlgorithms: [.es256]) }
        let stranger = try SigningPrivateKey.generate(for: .edDSA)
        #expect(throws: COSEError.self) { try attached.verifyAttached(with: try stranger.publicKey, allowedAlgorithms: [.edDSA]) }
    }

    @Test func mac0DetachedAndAttachedAreSeparate() throws {
        let key = SymmetricKey(size: .bits256)
        let detached = try COSEMac0(try CBORDecoder().decode(CBOREncoder.encode(COSEMac0(authenticating: Self.content, key: key).cbor)))
        try detached.verifyDetached(content: Self.content, with: key)
        #expect(throws: COSEError.self) { try detached.verifyDetached(content: Self.other, with: key) }
        #expect(throws: COSEFormatError.self) { try detached.verifyAttached(with: key) }
        let attached = try COSEMac0(
            try CBORDecoder().decode(CBOREncoder.encode(COSEMac0(authenticating: Self.other, key: key, detached: false).cbor)))
        #expect(try attached.verifyAttached(with: key) == Self.other)
        #expect(throws: COSEFormatError.self) { try attached.verifyDetached(content: Self.content, with: key) }
        #expect(throws: COSEFormatError.self) { try attached.verifyDetached(content: Self.other, with: key) }
    }
}
