import Foundation
import Testing

/// Locates and decodes the Project Wycheproof files in `../shared/vectors/wycheproof` (relative to the package root).
/// The files are read in place and never copied into the repository.
enum WycheproofVectors {
    /// `<package root>/../shared/vectors/wycheproof`, from this file's path (`Tests/MDLCOSETests/<file>`).
    static let folder: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // MDLCOSETests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // package root
        .deletingLastPathComponent()
        .appendingPathComponent("shared/vectors/wycheproof", isDirectory: true)

    /// Whether the folder is there; suites are disabled, with a message naming the folder, when it is not.
    static let isAvailable: Bool = FileManager.default.fileExists(
        atPath: folder.appendingPathComponent("ed25519_test.json").path)

    /// Decodes one file.
    static func load<Group: Decodable>(_ name: String, as: Group.Type = Group.self) throws -> WycheproofFile<Group> {
        let data = try Data(contentsOf: folder.appendingPathComponent(name))
        return try JSONDecoder().decode(WycheproofFile<Group>.self, from: data)
    }
}

/// The top level of a Wycheproof file.
struct WycheproofFile<Group: Decodable>: Decodable {
    let algorithm: String
    let numberOfTests: Int
    let testGroups: [Group]
}

/// A test's expected outcome.
enum WycheproofResult: String, Decodable {
    /// Must be accepted.
    case valid
    /// Must be rejected.
    case invalid
    /// May go either way; each suite states its choice per flag.
    case acceptable
}

/// Lowercase hexadecimal ↔ bytes for vectors.
extension Array where Element == UInt8 {
    /// Decodes hexadecimal text; `nil` for odd lengths or non-hex characters.
    init?(hex text: String) {
        guard text.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.count / 2)
        var index = text.startIndex
        while index < text.endIndex {
            let next = text.index(index, offsetBy: 2)
            guard let byte = UInt8(text[index..<next], radix: 16) else { return nil }
            bytes.append(byte)
            index = next
        }
        self = bytes
    }

    /// Lowercase hexadecimal.
    var hex: String { map { String(format: "%02x", $0) }.joined() }

    /// A big-endian integer (as Wycheproof writes coordinates and scalars: leading 00 for a set top bit, sometimes
    /// shorter) as exactly `count` bytes; `nil` if it does not fit.
    func leftPadded(to count: Int) -> [UInt8]? {
        let significant = Array(drop { $0 == 0 })
        guard significant.count <= count else { return nil }
        return [UInt8](repeating: 0, count: count - significant.count) + significant
    }
}

@Suite(.enabled(if: WycheproofVectors.isAvailable, "skipped: ../shared/vectors/wycheproof (next to the package root) is absent"))
struct WycheproofVectorsTests {
    struct AnyGroup: Decodable {
        struct AnyTest: Decodable { let tcId: Int; let result: WycheproofResult }
        let tests: [AnyTest]
    }

    /// Each file decodes, declares as many tests as it holds, and has unique test ids.
    @Test(arguments: [
        "ed25519_test.json", "ecdsa_secp256r1_sha256_p1363_test.json", "ecdsa_secp384r1_sha384_p1363_test.json",
        "ecdh_secp256r1_test.json", "hkdf_sha256_test.json", "hmac_sha256_test.json",
    ])
    func fileIsComplete(name: String) throws {
        let file = try WycheproofVectors.load(name, as: AnyGroup.self)
        let ids = file.testGroups.flatMap { $0.tests.map(\.tcId) }
        #expect(ids.count == file.numberOfTests)
        #expect(Set(ids).count == ids.count)
        #expect(!ids.isEmpty)
    }
}
