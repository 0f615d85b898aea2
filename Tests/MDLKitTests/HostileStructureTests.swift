import Foundation
import MDLCBOR
import MDLCOSE
import MDLKit
import MDLSandbox
import Testing

/// Wrong types at every field: each value of a DeviceResponse (descending into tag-24 items) and of its MSO
/// (re-signed, so the signature is not what refuses it) is replaced in turn by values of every other CBOR type.
/// Every variant must be refused with a typed ``MDLError``; nothing traps.
struct HostileStructureTests {
    /// A step into a CBOR tree: a map key or an array index, or into tag-24 content.
    enum Step: Hashable, CustomStringConvertible {
        case key(String)
        case anyKey(CBOR)
        case index(Int)
        case embedded

        var description: String {
            switch self {
            case .key(let key): ".\(key)"
            case .anyKey(let key): ".\(CBORDiagnostic.format(key, maxBytesShown: 8))"
            case .index(let index): "[\(index)]"
            case .embedded: "<<>>"
            }
        }
    }

    /// One value of each CBOR major type (and a few tags).
    static let replacements: [CBOR] = [
        .unsigned(7), .negative(0), .bytes([1, 2, 3]), .text("x"), .array([]), .array([.null]), .map([:]),
        .map([.text("a"): .unsigned(1)]), .tagged(1004, .text("2020-01-01")), .tagged(0, .text("2020-01-01T00:00:00Z")),
        .bool(true), .null, .undefined, .float(1.5), .embedded(EmbeddedCBOR(.map([:]))), .unsigned(UInt64.max),
    ]

    static func sameKind(_ a: CBOR, _ b: CBOR) -> Bool {
        switch (a, b) {
        case (.unsigned, .unsigned), (.negative, .negative), (.bytes, .bytes), (.text, .text), (.bool, .bool),
            (.null, .null), (.undefined, .undefined), (.float, .float), (.embedded, .embedded):
            return true
        case (.array(let x), .array(let y)): return x.isEmpty == y.isEmpty
        case (.map, .map): return true  // a map for a map is not a wrong type (COSE headers take any labels)
        case (.tagged(let t, _), .tagged(let u, _)): return t == u
        default: return false
        }
    }

    /// Every path to a value in `item`, parents before children.
    static func paths(in item: CBOR, prefix: [Step] = []) -> [[Step]] {
        var result: [[Step]] = prefix.isEmpty ? [] : [prefix]
        switch item {
        case .array(let items):
            for (index, child) in items.enumerated() { result += paths(in: child, prefix: prefix + [.index(index)]) }
        case .map(let map):
            for entry in map {
                let step: Step = entry.key.text.map(Step.key) ?? .anyKey(entry.key)
                result += paths(in: entry.value, prefix: prefix + [step])
            }
        case .embedded(let embedded):
            if let inner = try? embedded.decoded() { result += paths(in: inner, prefix: prefix + [.embedded]) }
        case .tagged(_, let inner):
            if case .array = inner { result += paths(in: inner, prefix: prefix) }
        default: break
        }
        return result
    }

    /// `item` with the value at `path` replaced by `value` (tag-24 content re-encoded around it).
    static func replacing(in item: CBOR, at path: [Step], with value: CBOR) -> CBOR {
        guard let step = path.first else { return value }
        let rest = Array(path.dropFirst())
        switch (step, item) {
        case (.index(let index), .array(var items)) where items.indices.contains(index):
            items[index] = replacing(in: items[index], at: rest, with: value)
            return .array(items)
        case (.index, .tagged(let tag, let inner)):
            return .tagged(tag, replacing(in: inner, at: path, with: value))
        case (.key(let key), .map(let map)):
            return .map(replacingEntry(in: map, key: .text(key)) { replacing(in: $0, at: rest, with: value) })
        case (.anyKey(let key), .map(let map)):
            return .map(replacingEntry(in: map, key: key) { replacing(in: $0, at: rest, with: value) })
        case (.embedded, .embedded(let embedded)):
            guard let inner = try? embedded.decoded() else { return item }
            return .embedded(EmbeddedCBOR(replacing(in: inner, at: rest, with: value)))
        default:
            return item
        }
    }

    static func replacingEntry(in map: CBORMap, key: CBOR, _ transform: (CBOR) -> CBOR) -> CBORMap {
        CBORMap(map.entries.map { $0.key == key ? CBORMap.Entry(key: $0.key, value: transform($0.value)) : $0 })
    }

    /// The fixture's presentation with its MSO replaced by `msoContent`, signed by the fixture's document signer.
    static func presentation(_ fixture: SandboxFixture, msoContent: [UInt8]) throws -> [UInt8] {
        let credential = try #require(fixture.wallet.credentials.first)
        let signer = fixture.authority.documentSigner.signingKey
        let auth = try COSESign1(signing: EmbeddedCBOR(content: msoContent).encoded, headers: credential.issuerAuth.headers) {
            try signer.signature(for: $0)
        }
        let response = try CBORDecoder().decode(try fixture.presentation())
        let path: [Step] = [.key("documents"), .index(0), .key("issuerSigned"), .key("issuerAuth")]
        return CBOREncoder.encode(replacing(in: response, at: path, with: auth.cbor))
    }

    /// Runs every mutation of `original` (at `paths`) through `encode` and the verifier; returns the mutations that
    /// verified, as "path ← value" lines.
    static func accepted(
        _ original: CBOR, paths: [[Step]], verifier: PresentationVerifier, encode: (CBOR) throws -> [UInt8]
    ) async throws -> (accepted: [String], tried: Int) {
        var accepted: [String] = []
        var tried = 0
        for path in paths {
            let current = value(in: original, at: path)
            for replacement in replacements where current.map({ !sameKind($0, replacement) }) ?? true {
                tried += 1
                let bytes = try encode(replacing(in: original, at: path, with: replacement))
                if await HostileInputTests.refusal(bytes, verifier) == nil {
                    accepted.append("\(path.map(\.description).joined()) ← \(CBORDiagnostic.format(replacement, maxBytesShown: 8))")
                }
            }
        }
        return (accepted, tried)
    }

    static func value(in item: CBOR, at path: [Step]) -> CBOR? {
        guard let step = path.first else { return item }
        let rest = Array(path.dropFirst())
        switch (step, item) {
        case (.index(let index), .array(let items)) where items.indices.contains(index): return value(in: items[index], at: rest)
        case (.index, .tagged(_, let inner)): return value(in: inner, at: path)
        case (.key(let key), .map(let map)): return map[.text(key)].flatMap { value(in: $0, at: rest) }
        case (.anyKey(let key), .map(let map)): return map[key].flatMap { value(in: $0, at: rest) }
        case (.embedded, .embedded(let embedded)): return (try? embedded.decoded()).flatMap { value(in: $0, at: rest) }
        default: return nil
        }
    }

    @Test func wrongTypeAtEveryFieldOfTheDeviceResponseIsRefused() async throws {
        let fixture = try SandboxFixture()
        let verifier = try fixture.verifier()
        let bytes = try fixture.presentation([
            MDLProfile.isoNameSpace: ["family_name", "birth_date", "portrait", "driving_privileges", "issuing_country"],
            MDLProfile.chinaNameSpace: ["status_letters", "points"],
        ])
        let original = try CBORDecoder().decode(bytes)
        // Baseline: re-encoding the untouched tree keeps every signed byte, so it verifies.
        #expect(await HostileInputTests.refusal(CBOREncoder.encode(original), verifier) == nil)
        let paths = Self.paths(in: original)
        #expect(paths.count > 40)
        let result = try await Self.accepted(original, paths: paths, verifier: verifier) { CBOREncoder.encode($0) }
        #expect(result.tried > 500)
        // Tolerated (reported in Documentation/Interop.md): an empty nameSpaces map or an empty item array, which
        // the CDDL's `+` forbids but which can only disclose less — nothing that was not signed gets through.
        let tolerated = result.accepted.filter { $0.hasPrefix(".documents[0].issuerSigned.nameSpaces") && ($0.hasSuffix("← {}") || $0.hasSuffix("← []")) }
        #expect(result.accepted == tolerated, "verified despite a wrong type: \(result.accepted.prefix(20))")
        #expect(tolerated.count <= 3)
    }

    @Test func wrongTypeAtEveryFieldOfASignedMSOIsRefused() async throws {
        let fixture = try SandboxFixture()
        let verifier = try fixture.verifier()
        let mso = try #require(fixture.wallet.credentials.first).mso.cbor
        // Baseline: the re-signed, unchanged MSO verifies.
        #expect(await HostileInputTests.refusal(try Self.presentation(fixture, msoContent: CBOREncoder.encode(mso)), verifier) == nil)
        let paths = Self.paths(in: mso)
        #expect(paths.count > 20)
        let result = try await Self.accepted(mso, paths: paths, verifier: verifier) {
            try Self.presentation(fixture, msoContent: CBOREncoder.encode($0))
        }
        #expect(result.accepted.isEmpty, "verified despite a wrong type in the MSO: \(result.accepted.prefix(20))")
    }
}
