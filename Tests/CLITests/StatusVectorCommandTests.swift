import Crypto
import Foundation
import MDLCBOR
import MDLCOSE
import MDLKit
import Testing

/// `mdl-rp status --token FILE --index N --signer-key FILE` on the Token Status List draft's vectors
/// (../shared/vectors/token-status-list).
@Suite(.enabled(if: SharedVectors.available, Comment(rawValue: SharedVectors.skipMessage)))
struct StatusVectorCommandTests {
    static let subject = "https://example.com/statuslists/1"
    /// One hour after the draft token's iat (1686920170).
    static let tokenTime = "2023-06-16T13:56:10Z"

    static func vector(_ name: String) throws -> String {
        guard let path = SharedVectors.path("token-status-list/" + name) else {
            throw CLITestError("\(name) is missing in \(SharedVectors.folder.path)/token-status-list")
        }
        return path
    }

    static func draftToken(index: Int, extra: [String] = []) throws -> CLIRun {
        try CLIRun.run([
            "status", "--token", try vector("status-list-token.cwt.hex"), "--index", String(index),
            "--signer-key", try vector("status-list-token-signer.jwk.json"), "--at", tokenTime, "--json",
        ] + extra)
    }

    @Test func draftTokenAnswersIndexZeroInvalidAndOneValid() throws {
        let zero = try Self.draftToken(index: 0, extra: ["--uri", Self.subject])
        #expect(zero.status == 0, "\(zero.stdout) \(zero.stderr)")
        let zeroResult = try zero.json()
        #expect(zeroResult["index"] as? Int == 0)
        #expect(zeroResult["value"] as? Int == 1)
        #expect(zeroResult["status"] as? String == "invalid")
        #expect(zeroResult["issuedAt"] as? String == "2023-06-16T12:56:10Z")
        #expect(zeroResult["expiresAt"] as? String == TDate.format(Date(timeIntervalSince1970: 2_291_720_170)))

        let one = try Self.draftToken(index: 1, extra: ["--uri", Self.subject])
        #expect(one.status == 0, "\(one.stdout) \(one.stderr)")
        let oneResult = try one.json()
        #expect(oneResult["value"] as? Int == 0)
        #expect(oneResult["status"] as? String == "valid")
    }

    @Test func draftTokenIsRefusedForAnotherSubjectAnotherKeyOrAnIndexPastTheList() throws {
        let subject = try Self.draftToken(index: 1, extra: ["--uri", "https://example.com/statuslists/2"])
        #expect(subject.status == 1)
        #expect((try subject.json()["error"] as? [String: Any])?["code"] as? String == "statusSubjectMismatch")

        let scratch = try Scratch()
        let otherKey = try scratch.write(P256.Signing.PrivateKey().publicKey.pemRepresentation, to: "other.pem")
        let wrongKey = try CLIRun.run([
            "status", "--token", try Self.vector("status-list-token.cwt.hex"), "--index", "1", "--signer-key", otherKey,
            "--at", Self.tokenTime, "--json",
        ])
        #expect(wrongKey.status == 1)
        #expect((try wrongKey.json()["error"] as? [String: Any])?["code"] as? String == "statusSignatureInvalid")

        // The example list is 2 bytes: 16 entries of 1 bit.
        let past = try Self.draftToken(index: 16)
        #expect(past.status == 1)
        #expect((try past.json()["error"] as? [String: Any])?["code"] as? String == "statusIndexOutOfRange")
    }

    // MARK: the 2^20-entry lists of the draft's test vectors

    struct Expected: Decodable {
        let file: String
        let size: Int
        let nonzero: [String: Int]
    }

    /// Wraps the vector's StatusList map, byte for byte (its own zlib `lst`), in a CWT signed at test time with a
    /// generated P-256 key: the vectors are bare lists, `status --token` takes signed tokens.
    static func signedToken(listCBOR: [UInt8], issuedAt: Int64, in scratch: Scratch) throws -> (token: String, key: String) {
        let list = try CBORDecoder().decode(listCBOR)
        let claims: CBORMap = [
            .int(StatusListToken.Claim.subject): .text(subject),
            .int(StatusListToken.Claim.issuedAt): .int(issuedAt),
            .int(StatusListToken.Claim.expiresAt): .int(issuedAt + 86_400),
            .int(StatusListToken.Claim.statusList): list,
        ]
        let key = P256.Signing.PrivateKey()
        let headers = COSEHeaders(protected: [
            .int(COSEHeaders.Label.algorithm): .int(COSEAlgorithm.es256.coseValue),
            .int(COSEHeaders.Label.type): .text(StatusListToken.mediaType),
        ])
        let message = try COSESign1(signing: CBOREncoder.encode(.map(claims)), headers: headers) { input in
            Array(try key.signature(for: input).rawRepresentation)
        }
        let token = scratch.url("token.cwt")
        try Data(CBOREncoder.encode(.tagged(COSESign1.tag, message.cbor))).write(to: token)
        return (token.path, try scratch.write(key.publicKey.pemRepresentation, to: "signer.pem"))
    }

    @Test(arguments: [1, 2, 4, 8])
    func longListAnswersAsExpected(bits: Int) throws {
        let all = try JSONDecoder().decode(
            [String: Expected].self, from: Data(contentsOf: URL(fileURLWithPath: try Self.vector("expected.json"))))
        let expected = try #require(all[String(bits)])
        let hex = try String(contentsOfFile: try Self.vector(expected.file), encoding: .utf8)
        let listCBOR = try #require(Hex.decode(hex.trimmingCharacters(in: .whitespacesAndNewlines)))
        let scratch = try Scratch()
        let issuedAt: Int64 = 1_767_225_600  // 2026-01-01T00:00:00Z
        let files = try Self.signedToken(listCBOR: listCBOR, issuedAt: issuedAt, in: scratch)

        var nonzero: [Int: Int] = [:]
        for (key, value) in expected.nonzero { nonzero[try #require(Int(key))] = value }
        #expect(nonzero.count >= 5)
        // Every non-zero entry, their neighbours (zero unless listed) and both ends of the list.
        let indices = Set(nonzero.keys.flatMap { [$0, $0 + 1] } + [2, expected.size - 1]).filter { $0 < expected.size }
        for index in indices.sorted() {
            let run = try CLIRun.run([
                "status", "--token", files.token, "--index", String(index), "--signer-key", files.key, "--uri", Self.subject,
                "--at", "2026-01-01T01:00:00Z", "--json",
            ])
            #expect(run.status == 0, "index \(index): \(run.stdout) \(run.stderr)")
            let value = try run.json()["value"] as? Int
            #expect(value == nonzero[index] ?? 0, "\(bits)-bit list, index \(index)")
        }
        let past = try CLIRun.run([
            "status", "--token", files.token, "--index", String(expected.size), "--signer-key", files.key,
            "--at", "2026-01-01T01:00:00Z", "--json",
        ])
        #expect(past.status == 1)
        #expect((try past.json()["error"] as? [String: Any])?["code"] as? String == "statusIndexOutOfRange")
    }
}
