import Foundation
import MDLCBOR
import MDLCOSE
import MDLKit
import MDLSandbox
import Testing

/// Hostile bytes through the whole verifier: each gets a typed ``MDLError``, never a crash, and declared sizes are
/// refused from the head, before anything is allocated for them.
struct HostileInputTests {
    /// Verifies `bytes` with `verifier` and returns the typed error, or `nil` when verification succeeded.
    /// A thrown error of any other type is a test failure.
    static func refusal(_ bytes: [UInt8], _ verifier: PresentationVerifier) async -> MDLError? {
        do {
            _ = try await verifier.verify(bytes, sessionTranscript: SandboxFixture.transcript, at: SandboxFixture.now)
            return nil
        } catch {
            return error
        }
    }

    /// A CBOR head with an 8-byte argument.
    static func head(_ major: UInt8, _ argument: UInt64) -> [UInt8] {
        [major << 5 | 27] + (0..<8).reversed().map { UInt8(truncatingIfNeeded: argument >> (8 * UInt64($0))) }
    }

    @Test(arguments: [0x81, 0xa1, 0x9f, 0xc1] as [UInt8])
    func deepNestingIsALimit(opener: UInt8) async throws {
        let fixture = try SandboxFixture()
        // 100 000 levels of one container (a map's level also needs a key: 0xa1 0x00 …).
        var bytes: [UInt8] = []
        for _ in 0..<100_000 { bytes += opener == 0xa1 ? [0xa1, 0x00] : [opener] }
        bytes.append(0x00)
        let error = await Self.refusal(bytes, try fixture.verifier())
        #expect(error?.code == .limitExceeded, "\(String(describing: error))")
        #expect(throws: CBORError(.depthExceeded, at: 0, "")) { _ = try CBORDecoder().decode(bytes) }
    }

    @Test func deepNestingInsideAnElementValueIsALimit() async throws {
        var fixture = try SandboxFixture()
        var record = fixture.persona.record
        var nested: CBOR = .int(0)
        for _ in 0..<40 { nested = .array([nested]) }
        record.elements[MDLProfile.isoNameSpace]?["family_name"] = nested
        fixture.wallet = HolderWallet(deviceKeyAlgorithm: .ed25519)
        fixture.wallet.store(try fixture.authority.issue(record, deviceKey: fixture.wallet.deviceCOSEKey, now: SandboxFixture.now))
        let error = await Self.refusal(try fixture.presentation(), try fixture.verifier())
        #expect(error?.code == .limitExceeded, "\(String(describing: error))")
    }

    /// Major types 2, 3 (strings) and 4, 5 (containers) with a declared length of 2^60: refused at the head (offset
    /// 0) by the limit, without reading on or reserving memory for the declared size.
    @Test(arguments: [2, 3, 4, 5] as [UInt8])
    func hugeDeclaredLengthIsRefusedAtTheHead(major: UInt8) async throws {
        let bytes = Self.head(major, 1 << 60) + [0x00, 0x01, 0x02]
        #expect(bytes.first == major << 5 | 27)
        do {
            _ = try CBORDecoder().decode(bytes)
            Issue.record("decoded a 2^60 declared length")
        } catch {
            #expect(error.code == .lengthExceeded || error.code == .elementCountExceeded)
            #expect(error.offset == 0)
        }
        let fixture = try SandboxFixture()
        #expect(await Self.refusal(bytes, try fixture.verifier())?.code == .limitExceeded)
    }

    @Test func declaredLengthBeyondTheInputIsRefusedBeforeAllocating() throws {
        // 0x5b + 2^60, and a length within maxStringBytes but beyond the input: neither may reserve the declared size.
        #expect(throws: CBORError(.lengthExceeded, at: 0, "")) { _ = try CBORDecoder().decode([0x5b, 0x10, 0, 0, 0, 0, 0, 0, 0]) }
        let withinLimit: [UInt8] = [0x5a, 0x00, 0x7f, 0xff, 0xff, 0x01]
        do {
            _ = try CBORDecoder().decode(withinLimit)
            Issue.record("decoded an 8 MiB string from 6 bytes")
        } catch {
            #expect(error.code == .lengthExceeded || error.code == .truncated)
            #expect(error.offset == 0)
        }
        // An array declaring 65 537 elements (one over maxElements) with none present.
        #expect(throws: CBORError(.elementCountExceeded, at: 0, "")) { _ = try CBORDecoder().decode([0x9a, 0x00, 0x01, 0x00, 0x01]) }
    }

    @Test func hugeLengthInsideAnElementIsALimit() async throws {
        let fixture = try SandboxFixture()
        let bytes = try fixture.presentation()
        // Replace the response's last byte string head region: append a 2^60 byte-string head as trailing data of
        // a one-document array, which the decoder must refuse without allocation.
        let hostile: [UInt8] = [0xa3] + CBOREncoder.encode(.text("version")) + CBOREncoder.encode(.text("1.0"))
            + CBOREncoder.encode(.text("status")) + [0x00] + CBOREncoder.encode(.text("documents")) + [0x81] + Self.head(2, 1 << 60)
        #expect(await Self.refusal(hostile, try fixture.verifier())?.code == .limitExceeded)
        #expect(await Self.refusal(bytes, try fixture.verifier()) == nil)
    }

    @Test func duplicateKeyInTheResponseIsRefused() async throws {
        let fixture = try SandboxFixture()
        let original = try CBORDecoder().decode(try fixture.presentation())
        let entries = try #require(original.map).entries
        let duplicated = try #require(entries.first { $0.key == .text("version") })
        // Encode by hand: CBORMap would not hold the same key twice.
        var bytes: [UInt8] = [0xa0 | UInt8(entries.count + 1)]
        for entry in entries + [duplicated] { bytes += CBOREncoder.encode(entry.key) + CBOREncoder.encode(entry.value) }
        #expect(await Self.refusal(bytes, try fixture.verifier())?.code == .cborDuplicateKey)
    }

    @Test func duplicateKeyInsideAnIssuerSignedItemIsRefused() async throws {
        let fixture = try SandboxFixture()
        let bytes = try fixture.presentation([MDLProfile.isoNameSpace: ["family_name"]])
        // The item's map head a4 → a5 followed by a second "elementIdentifier" entry; its digest is also wrong, but
        // decoding comes first.
        let key = CBOREncoder.encode(.text("elementIdentifier"))
        let response = try CBORDecoder().decode(bytes)
        let item = try #require(response["documents"]?.array?.first?["issuerSigned"]?["nameSpaces"]?[MDLProfile.isoNameSpace]?.array?.first?.embedded)
        #expect(item.content.first == 0xa4)
        let hostileItem = [0xa5] + item.content.dropFirst() + key + CBOREncoder.encode(.text("family_name"))
        let mutated = HostileStructureTests.replacing(
            in: response, at: [.key("documents"), .index(0), .key("issuerSigned"), .key("nameSpaces"), .key(MDLProfile.isoNameSpace), .index(0)],
            with: .embedded(EmbeddedCBOR(content: Array(hostileItem))))
        #expect(await Self.refusal(CBOREncoder.encode(mutated), try fixture.verifier())?.code == .cborDuplicateKey)
    }

    @Test func duplicateKeyInsideASignedMSOIsRefused() async throws {
        let fixture = try SandboxFixture()
        let credential = try #require(fixture.wallet.credentials.first)
        let mso = try #require(credential.mso.cbor.map)
        let version = try #require(mso.entries.first { $0.key == .text("version") })
        var content: [UInt8] = [0xa0 | UInt8(mso.count + 1)]
        for entry in mso.entries + [version] { content += CBOREncoder.encode(entry.key) + CBOREncoder.encode(entry.value) }
        let bytes = try HostileStructureTests.presentation(fixture, msoContent: content)
        #expect(await Self.refusal(bytes, try fixture.verifier())?.code == .cborDuplicateKey)
    }

    @Test func truncationAtEveryByteIsRefused() async throws {
        let fixture = try SandboxFixture()
        let verifier = try fixture.verifier()
        let bytes = try fixture.presentation()
        var codes: Set<String> = []
        for length in 0..<bytes.count {
            let error = await Self.refusal(Array(bytes[..<length]), verifier)
            let code = try #require(error?.code, "a prefix of \(length) bytes verified")
            codes.insert(code.rawValue)
            #expect(code == .cborMalformed || code == .limitExceeded, "prefix \(length): \(code)")
        }
        #expect(codes.contains(MDLError.Code.cborMalformed.rawValue))
        #expect(await Self.refusal(bytes, verifier) == nil)
    }

    @Test func portraitOverTheStringLimitIsALimit() async throws {
        var fixture = try SandboxFixture()
        var record = fixture.persona.record
        record.elements[MDLProfile.isoNameSpace]?["portrait"] = .bytes([0xff, 0xd8] + Array(repeating: 0x5a, count: 100_000))
        fixture.wallet = HolderWallet(deviceKeyAlgorithm: .ed25519)
        fixture.wallet.store(try fixture.authority.issue(record, deviceKey: fixture.wallet.deviceCOSEKey, now: SandboxFixture.now))
        let bytes = try fixture.presentation()
        let anchors = [try fixture.authority.iaca.trustAnchor()]
        func verifier(maxStringBytes: Int) -> PresentationVerifier {
            PresentationVerifier(configuration: .init(trustAnchors: anchors, decoderOptions: .init(maxStringBytes: maxStringBytes)))
        }
        #expect(await Self.refusal(bytes, verifier(maxStringBytes: 64 * 1024))?.code == .limitExceeded)
        // The same presentation passes when the limit admits it: the refusal was the limit, nothing else.
        #expect(await Self.refusal(bytes, verifier(maxStringBytes: 256 * 1024)) == nil)
    }

    @Test func portraitOverTheDefaultLimitIsALimit() async throws {
        var fixture = try SandboxFixture()
        var record = fixture.persona.record
        let limit = CBORDecoder.Options().maxStringBytes
        record.elements[MDLProfile.isoNameSpace]?["portrait"] = .bytes(Array(repeating: 0x5a, count: limit + 1))
        fixture.wallet = HolderWallet(deviceKeyAlgorithm: .ed25519)
        fixture.wallet.store(try fixture.authority.issue(record, deviceKey: fixture.wallet.deviceCOSEKey, now: SandboxFixture.now))
        let bytes = try fixture.presentation([MDLProfile.isoNameSpace: ["portrait"]])
        #expect(bytes.count < CBORDecoder.Options().maxInputBytes)
        #expect(await Self.refusal(bytes, try fixture.verifier())?.code == .limitExceeded)
    }
}
