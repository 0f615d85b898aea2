import Crypto
import Testing

@testable import MDLCOSE

/// Signing and verifying with every signature algorithm, the key-type/algorithm pairing, signature lengths and the
/// key constructors.
struct AlgorithmSignatureTests {
    static let signatureAlgorithms: [COSEAlgorithm] = [.edDSA, .es256, .es384, .es512]

    @Test func coseIdentifiers() {
        #expect(COSEAlgorithm(coseValue: -8) == .edDSA)
        #expect(COSEAlgorithm(coseValue: -7) == .es256)
        #expect(COSEAlgorithm(coseValue: -35) == .es384)
        #expect(COSEAlgorithm(coseValue: -36) == .es512)
        #expect(COSEAlgorithm(coseValue: 5) == .hmac256)
        for unknown: Int64 in [0, -9, -19, -37, 4, 6, -257, .min, .max] {
            #expect(COSEAlgorithm(coseValue: unknown) == nil)
        }
        #expect(COSEAlgorithm.allCases.map(\.coseValue) == [-8, -7, -35, -36, 5])
        #expect(COSEAlgorithm.allCases.filter(\.isSignature).count == 4)
        #expect(COSECurve(coseValue: 1) == .p256 && COSECurve(coseValue: 6) == .ed25519)
        #expect(COSECurve(coseValue: 256) == nil)
    }

    @Test(arguments: signatureAlgorithms)
    func signAndVerify(algorithm: COSEAlgorithm) throws {
        let privateKey = try SigningPrivateKey.generate(for: algorithm)
        #expect(privateKey.algorithm == algorithm)
        let publicKey = try privateKey.publicKey
        #expect(publicKey.algorithm == algorithm)
        let message = Array("Signature1 structure stand-in".utf8)
        let signature = try privateKey.sign(message)
        let expectedLength = [COSEAlgorithm.edDSA: 64, .es256: 64, .es384: 96, .es512: 132][algorithm]
        #expect(signature.count == expectedLength)
        try publicKey.verify(signature: signature, message: message, algorithm: algorithm)

        #expect(throws: COSEError(code: .signatureInvalid)) {
            try publicKey.verify(signature: signature, message: message + [0], algorithm: algorithm)
        }
        var flipped = signature
        flipped[signature.count / 3] ^= 0x40
        #expect(throws: COSEError(code: .signatureInvalid)) {
            try publicKey.verify(signature: flipped, message: message, algorithm: algorithm)
        }
        for length in [0, signature.count - 1, signature.count + 1] {
            let resized = Array((signature + [0]).prefix(length))
            #expect(throws: COSEError(code: .signatureInvalid), "length \(length)") {
                try publicKey.verify(signature: resized, message: message, algorithm: algorithm)
            }
        }
        // Another key of the same type does not verify it.
        let stranger = try SigningPrivateKey.generate(for: algorithm).publicKey
        #expect(throws: COSEError(code: .signatureInvalid)) {
            try stranger.verify(signature: signature, message: message, algorithm: algorithm)
        }
    }

    @Test(arguments: signatureAlgorithms)
    func keyTypeMustFitTheAlgorithm(keyAlgorithm: COSEAlgorithm) throws {
        let privateKey = try SigningPrivateKey.generate(for: keyAlgorithm)
        let publicKey = try privateKey.publicKey
        let message = Array("m".utf8)
        let signature = try privateKey.sign(message)
        for other in COSEAlgorithm.allCases where other != keyAlgorithm {
            #expect(throws: COSEError(code: .algorithmMismatch), "\(keyAlgorithm) key, \(other)") {
                try publicKey.verify(signature: signature, message: message, algorithm: other)
            }
        }
    }

    @Test func ecdsaRejectsDEREncodedSignatures() throws {
        let key = P256.Signing.PrivateKey()
        let message = Array("der is not cose".utf8)
        let der = Array(try key.signature(for: message).derRepresentation)
        #expect(throws: COSEError(code: .signatureInvalid)) {
            try SignaturePublicKey.p256(key.publicKey).verify(signature: der, message: message, algorithm: .es256)
        }
    }

    @Test func ec2ConstructorsAgree() throws {
        let p256 = P256.Signing.PrivateKey().publicKey
        let x963 = Array(p256.x963Representation)
        let x = Array(x963[1...32])
        let y = Array(x963[33...64])
        let fromCoordinates = try SignaturePublicKey(ec2: .p256, x: x, y: y)
        let fromX963 = try SignaturePublicKey(curve: .p256, x963Representation: x963)
        let fromCompressed = try SignaturePublicKey(ec2: .p256, x: x, yIsOdd: (y[31] & 1) == 1)
        for key in [fromCoordinates, fromX963, fromCompressed] {
            guard case .p256(let inner) = key else {
                Issue.record("not a P-256 key")
                continue
            }
            #expect(Array(inner.x963Representation) == x963)
        }
        // The wrong sign bit gives the other point, not the key.
        let wrongSign = try SignaturePublicKey(ec2: .p256, x: x, yIsOdd: (y[31] & 1) == 0)
        if case .p256(let inner) = wrongSign { #expect(Array(inner.x963Representation) != x963) }

        let p384 = P384.Signing.PrivateKey().publicKey
        let x963of384 = Array(p384.x963Representation)
        let key384 = try SignaturePublicKey(ec2: .p384, x: Array(x963of384[1...48]), y: Array(x963of384[49...96]))
        #expect(key384.curve == .p384 && key384.algorithm == .es384)
    }

    @Test func malformedEC2KeysAreInvalid() throws {
        let x963 = Array(P256.Signing.PrivateKey().publicKey.x963Representation)
        let x = Array(x963[1...32])
        var y = Array(x963[33...64])
        // Wrong lengths, including a leading zero byte added or dropped.
        for (badX, badY) in [([0] + x, y), (x, Array(y.dropFirst())), ([], []), (x + x, y)] {
            #expect(throws: COSEError(code: .invalidKey)) { try SignaturePublicKey(ec2: .p256, x: badX, y: badY) }
        }
        // P-256 coordinates declared as P-384.
        #expect(throws: COSEError(code: .invalidKey)) { try SignaturePublicKey(ec2: .p384, x: x, y: y) }
        // Not on the curve.
        y[31] ^= 1
        #expect(throws: COSEError(code: .invalidKey)) { try SignaturePublicKey(ec2: .p256, x: x, y: y) }
        // Not an EC2 signature curve.
        for curve in [COSECurve.ed25519, .x25519, .x448] {
            #expect(throws: COSEError(code: .invalidKey)) {
                try SignaturePublicKey(ec2: curve, x: [UInt8](repeating: 1, count: curve.coordinateByteCount),
                                       y: [UInt8](repeating: 1, count: curve.coordinateByteCount))
            }
        }
        // X9.63 with the wrong prefix byte or length.
        #expect(throws: COSEError(code: .invalidKey)) {
            try SignaturePublicKey(curve: .p256, x963Representation: [0x05] + Array(x963.dropFirst()))
        }
        #expect(throws: COSEError(code: .invalidKey)) {
            try SignaturePublicKey(curve: .p256, x963Representation: Array(x963.dropLast()))
        }
    }

    @Test func okpConstructor() throws {
        let publicKey = try SigningPrivateKey.generate(for: .edDSA).publicKey
        guard case .ed25519(let encoding) = publicKey else {
            Issue.record("not an Ed25519 key")
            return
        }
        let key = try SignaturePublicKey(okp: .ed25519, x: encoding)
        #expect(key.algorithm == .edDSA)
        #expect(throws: COSEError(code: .unsupportedAlgorithm)) {
            try SignaturePublicKey(okp: .ed448, x: [UInt8](repeating: 1, count: 57))
        }
        #expect(throws: COSEError(code: .invalidKey)) { try SignaturePublicKey(okp: .x25519, x: encoding) }
        #expect(throws: COSEError(code: .invalidKey)) { try SignaturePublicKey(okp: .p256, x: encoding) }
    }

    @Test func privateKeyMisuseThrows() throws {
        #expect(throws: COSEError(code: .unsupportedAlgorithm)) { try SigningPrivateKey.generate(for: .hmac256) }
        #expect(throws: COSEError(code: .invalidKey)) { try SigningPrivateKey(ed25519Seed: [1, 2, 3]) }
        let shortSeed = SigningPrivateKey.ed25519(seed: [1, 2, 3])
        #expect(throws: COSEError(code: .invalidKey)) { try shortSeed.sign([]) }
        #expect(throws: COSEError(code: .invalidKey)) { try shortSeed.publicKey }
    }

    @Test func ed25519SigningIsDeterministicAndSeedBound() throws {
        let seed = SecureRandom.bytes(count: 32)
        let key = try SigningPrivateKey(ed25519Seed: seed)
        let message = Array("deterministic".utf8)
        #expect(try key.sign(message) == key.sign(message))
        let other = try SigningPrivateKey(ed25519Seed: seed.map { $0 ^ 0xFF })
        #expect(try key.sign(message) != other.sign(message))
    }

    @Test(arguments: signatureAlgorithms)
    func coseKeyParametersRoundTrip(algorithm: COSEAlgorithm) throws {
        let publicKey = try SigningPrivateKey.generate(for: algorithm).publicKey
        let (curve, x, y) = publicKey.coseKeyParameters
        #expect(x.count == curve.coordinateByteCount)
        let rebuilt: SignaturePublicKey
        if let y {
            #expect(y.count == curve.coordinateByteCount)
            rebuilt = try SignaturePublicKey(ec2: curve, x: x, y: y)
        } else {
            rebuilt = try SignaturePublicKey(okp: curve, x: x)
        }
        #expect(rebuilt == publicKey)
        #expect(try SigningPrivateKey.generate(for: algorithm).publicKey != publicKey)
    }

    @Test func errorsCompareByCode() {
        #expect(COSEError(code: .weakKey, message: "a") == COSEError(code: .weakKey, message: "b"))
        #expect(COSEError(code: .weakKey) != COSEError(code: .invalidKey))
        #expect(COSEError(code: .signatureInvalid).description.hasPrefix("signatureInvalid"))
        #expect(COSEError(code: .macInvalid).location.contains("AlgorithmSignatureTests"))
    }
}
