import Foundation
import Hummingbird
import MDLCBOR
import MDLCOSE
@testable import MDLKit
@testable import MDLStatus
import MDLSandbox
import Testing
import X509

/// The attack run of issue 16 (Samples' hostile status server): every failure of the status step is a status code,
/// a token cannot cost more than its bytes, a token without `exp` goes stale, and a status signer must be allowed to
/// sign.
struct StatusHostileTokenTests {
    private static let now = Date(timeIntervalSince1970: 1_764_000_000)

    private func client() -> StatusClient {
        StatusClient(
            client: CurlHTTPClient(configuration: .init(connectTimeout: .seconds(5), totalTimeout: .seconds(10), proxy: .direct, retry: .none)),
            now: { Self.now })
    }

    private func code(_ body: () async throws -> LicenseStatusResult) async -> MDLError.Code? {
        do {
            _ = try await body()
            return nil
        } catch {
            return (error as? MDLError)?.code
        }
    }

    /// A token signed by `key` whose protected header is `protected` (alg deliberately absent or odd), and whose
    /// unprotected header is `unprotected`.
    private func token(uri: String, key: SigningPrivateKey, protected: CBORMap, unprotected: CBORMap = [:], expires: Bool = true, issuedAt: Date = now) throws -> [UInt8] {
        let good = try StatusListToken.sign(
            list: try StatusList(bits: 2, values: [0, 2]), subject: uri, issuedAt: issuedAt, expiresAt: expires ? issuedAt + 3600 : nil,
            timeToLive: 300, algorithm: key.algorithm, signer: key.sign)
        let payload = try #require(try COSESign1(try CBORDecoder().decode(good)).payload)
        let protectedBytes = CBOREncoder.encode(.map(protected))
        let signature = try key.sign(COSESign1.signatureStructure(protectedBytes: protectedBytes, payload: payload))
        return CBOREncoder.encode(.tagged(18, .array([.bytes(protectedBytes), .map(unprotected), .bytes(payload), .bytes(signature)])))
    }

    @Test func anAbsentOrForbiddenAlgorithmIsAStatusSignatureFailure() async throws {
        let key = try SigningPrivateKey.generate(for: .edDSA)
        let trust = StatusSignerTrust.key(try key.publicKey)
        let typ: CBOR = .text(StatusListToken.mediaType)
        let codes = try await LoopbackHTTPServer.run({ router in
            router.get("/noalg") { request, _ in
                loopbackResponse(body: try token(uri: "http://\(request.head.authority ?? "")/noalg", key: key, protected: [.int(16): typ]))
            }
            router.get("/hs256") { request, _ in
                loopbackResponse(body: try token(uri: "http://\(request.head.authority ?? "")/hs256", key: key, protected: [.int(1): .int(5), .int(16): typ]))
            }
        }) { port in
            [
                await code { try await client().status(for: .init(index: 1, uri: "http://127.0.0.1:\(port)/noalg"), trust: trust) },
                await code { try await client().status(for: .init(index: 1, uri: "http://127.0.0.1:\(port)/hs256"), trust: trust) },
            ]
        }
        #expect(codes == [.statusSignatureInvalid, .statusSignatureInvalid])
    }

    /// 16 MiB of empty arrays took half a gigabyte decoded; now the token decoder stops at 4,096 items.
    @Test func aTokenPaddedWithManyTinyItemsIsRefusedWithoutDecodingThemAll() async throws {
        let key = try SigningPrivateKey.generate(for: .edDSA)
        let trust = StatusSignerTrust.key(try key.publicKey)
        let padding = CBOR.array(Array(repeating: .array([]), count: 60_000))
        let result = try await LoopbackHTTPServer.run({ router in
            router.get("/padded") { request, _ in
                loopbackResponse(body: try token(
                    uri: "http://\(request.head.authority ?? "")/padded", key: key,
                    protected: [.int(1): .int(COSEAlgorithm.edDSA.coseValue), .int(16): .text(StatusListToken.mediaType)],
                    unprotected: [.int(99): padding]))
            }
        }) { port in
            await code { try await client().status(for: .init(index: 1, uri: "http://127.0.0.1:\(port)/padded"), trust: trust) }
        }
        #expect(result == .statusListInvalid)
        #expect(throws: CBORError.self) { _ = try CBORDecoder(options: .init(maxItems: 100)).decode(CBOREncoder.encode(padding)) }
    }

    @Test func aTokenWithoutExpiryGoesStaleAfterADay() async throws {
        let key = try SigningPrivateKey.generate(for: .edDSA)
        let trust = StatusSignerTrust.key(try key.publicKey)
        let protected: CBORMap = [.int(1): .int(COSEAlgorithm.edDSA.coseValue), .int(16): .text(StatusListToken.mediaType)]
        let codes = try await LoopbackHTTPServer.run({ router in
            router.get("/old") { request, _ in
                loopbackResponse(body: try token(
                    uri: "http://\(request.head.authority ?? "")/old", key: key, protected: protected, expires: false, issuedAt: Self.now - 2 * 86_400))
            }
            router.get("/fresh") { request, _ in
                loopbackResponse(body: try token(
                    uri: "http://\(request.head.authority ?? "")/fresh", key: key, protected: protected, expires: false, issuedAt: Self.now - 3600))
            }
        }) { port in
            [
                await code { try await client().status(for: .init(index: 0, uri: "http://127.0.0.1:\(port)/old"), trust: trust) },
                await code { try await client().status(for: .init(index: 0, uri: "http://127.0.0.1:\(port)/fresh"), trust: trust) },
            ]
        }
        #expect(codes == [.statusTokenExpired, nil])
    }
}
