import Foundation
import MDLCBOR
import MDLCOSE
import MDLKit
import Testing

/// The Token Status List draft's example CWT and its signer JWK (`../shared/vectors/token-status-list`).
struct StatusTokenVectorTests {
    private static let folder = "token-status-list"
    private static var available: Bool {
        FileManager.default.fileExists(atPath: VectorFiles.root.appendingPathComponent(folder).path)
    }
    private static let subject = "https://example.com/statuslists/1"
    /// One hour after the token's iat (1686920170), inside its ttl of 12 hours.
    private static let clock = Date(timeIntervalSince1970: 1_686_920_170 + 3600)

    private func token() throws -> StatusListToken {
        try StatusListToken(bytes: try VectorFiles.hex("\(Self.folder)/status-list-token.cwt.hex"))
    }

    private func signerKey() throws -> SignaturePublicKey {
        try JWK(json: try VectorFiles.bytes("\(Self.folder)/status-list-token-signer.jwk.json")).signaturePublicKey()
    }

    @Test(.enabled(if: available, "vectors folder ../shared/vectors/token-status-list is absent"))
    func draftTokenVerifiesAndAnswers() throws {
        let token = try token()
        try token.verify(with: try signerKey(), subject: Self.subject, at: Self.clock)
        #expect(token.type == StatusListToken.mediaType)
        #expect(token.subject == Self.subject)
        #expect(token.issuedAt == Date(timeIntervalSince1970: 1_686_920_170))
        #expect(token.expiresAt == Date(timeIntervalSince1970: 2_291_720_170))
        #expect(token.timeToLive == 43_200)
        #expect(token.list.bits == 1)
        #expect(try token.list.status(at: 0) == .invalid)
        #expect(try token.list.status(at: 1) == .valid)
        #expect(try token.list.status(at: 3) == .invalid)
        #expect(token.message.headers.keyID == Array("12".utf8))
    }

    @Test(.enabled(if: available, "vectors folder ../shared/vectors/token-status-list is absent"))
    func draftTokenRefusesWrongKeySubjectAndTime() throws {
        let token = try token()
        let other = try SigningPrivateKey.generate(for: .es256).publicKey
        #expect(throws: MDLError(code: .statusSignatureInvalid)) {
            try token.verify(with: other, subject: Self.subject, at: Self.clock)
        }
        #expect(throws: MDLError(code: .statusSubjectMismatch)) {
            try token.verify(with: try signerKey(), subject: "https://example.com/statuslists/2", at: Self.clock)
        }
        // exp is 2042-08-15; a clock after it refuses; so does a clock before iat, and a copy held past ttl.
        #expect(throws: MDLError(code: .statusTokenExpired)) {
            try token.verify(with: try signerKey(), subject: Self.subject, at: Date(timeIntervalSince1970: 2_291_720_170 + 3600))
        }
        #expect(throws: MDLError(code: .statusTokenExpired)) {
            try token.verify(with: try signerKey(), subject: Self.subject, at: Date(timeIntervalSince1970: 1_686_920_170 - 3600))
        }
        #expect(throws: MDLError(code: .statusTokenExpired)) {
            try token.verify(with: try signerKey(), subject: Self.subject, at: Self.clock, heldFor: 43_201)
        }
        #expect(throws: MDLError(code: .statusTokenExpired)) {
            try token.verify(with: try signerKey(), subject: Self.subject, at: Self.clock, maxAge: 600)
        }
    }

    @Test(.enabled(if: available, "vectors folder ../shared/vectors/token-status-list is absent"))
    func flippedByteIsRefused() throws {
        let bytes = try VectorFiles.hex("\(Self.folder)/status-list-token.cwt.hex")
        var refused = 0
        // Flip one byte in the signature, then one in the claims (the list's zlib bytes).
        for offset in [bytes.count - 5, bytes.count - 70] {
            var tampered = bytes
            tampered[offset] ^= 0x01
            do {
                try StatusListToken(bytes: tampered).verify(with: try signerKey(), subject: Self.subject, at: Self.clock)
            } catch let error as MDLError {
                #expect([MDLError.Code.statusSignatureInvalid, .statusListInvalid, .cborMalformed].contains(error.code))
                refused += 1
            }
        }
        #expect(refused == 2)
    }

    @Test func jwkFormsAndRefusals() throws {
        let ed = try SigningPrivateKey.generate(for: .edDSA)
        let (_, x, _) = try ed.publicKey.coseKeyParameters
        let json = #"{"kty":"OKP","crv":"Ed25519","x":"\#(Self.base64URL(x))"}"#
        #expect(try JWK(json: Array(json.utf8)).signaturePublicKey() == ed.publicKey)
        #expect(throws: MDLError(code: .structureInvalid)) {
            try JWK(json: Array(#"{"kty":"RSA","n":"AQAB","e":"AQAB","x":"AA"}"#.utf8)).signaturePublicKey()
        }
        #expect(throws: MDLError(code: .structureInvalid)) {
            try JWK(json: Array(#"{"kty":"EC","crv":"P-256","x":"AA","y":"AA","d":"AA"}"#.utf8)).signaturePublicKey()
        }
        #expect(throws: MDLError.self) {
            try JWK(json: Array(#"{"kty":"EC","crv":"P-256","x":"\#(Self.base64URL(Array(repeating: 1, count: 32)))","y":"\#(Self.base64URL(Array(repeating: 2, count: 32)))"}"#.utf8)).signaturePublicKey()
        }
        #expect(throws: MDLError(code: .structureInvalid)) { try JWK(json: Array("not json".utf8)) }
    }

    @Test func signedTokenRoundTripsAndChecksType() throws {
        let key = try SigningPrivateKey.generate(for: .edDSA)
        let list = try StatusList(bits: 2, values: [0, 1, 2, 3])
        let issued = Date(timeIntervalSince1970: 1_764_000_000)
        let bytes = try StatusListToken.sign(
            list: list, subject: "https://status.example/sh", issuedAt: issued, expiresAt: issued + 86_400,
            timeToLive: 300, algorithm: .edDSA, signer: key.sign)
        let token = try StatusListToken(bytes: bytes)
        try token.verify(with: try key.publicKey, subject: "https://status.example/sh", at: issued + 60)
        #expect(try (0..<4).map { try token.list.value(at: $0) } == [0, 1, 2, 3])

        // The same claims under another typ are refused.
        let headers = COSEHeaders(protected: [.int(1): .int(-8), .int(16): .text("application/cwt")])
        let claims = try #require(token.message.payload)
        let wrongType = try COSESign1(signing: claims, headers: headers, signer: key.sign)
        let relabelled = try StatusListToken(bytes: CBOREncoder.encode(.tagged(18, wrongType.cbor)))
        #expect(throws: MDLError(code: .statusListInvalid)) {
            try relabelled.verify(with: try key.publicKey, subject: nil, at: issued + 60)
        }
    }

    @Test func tenMillionEntryListDecodesAndAnswers() throws {
        var values = [UInt8](repeating: 0, count: 10_000_000)
        let marked = [0, 1, 4_999_999, 7_654_321, 9_999_999]
        for (n, index) in marked.enumerated() { values[index] = UInt8(n % 3 + 1) }
        let list = try StatusList(bits: 2, values: values)
        let compressed = try list.compressed()
        let decoded = try StatusList(bits: 2, compressed: compressed)
        #expect(decoded.count == 10_000_000)
        for (n, index) in marked.enumerated() { #expect(try decoded.value(at: index) == UInt8(n % 3 + 1)) }
        #expect(try decoded.value(at: 5_000_000) == 0)
        #expect(throws: MDLError(code: .statusIndexOutOfRange)) { try decoded.value(at: 10_000_000) }
    }

    static func base64URL(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
