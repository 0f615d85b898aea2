import Foundation
import MDLCBOR
import MDLKit
import Testing

/// StatusList against the Token Status List conformance vectors in `../shared/vectors/token-status-list`.
struct StatusListVectorTests {
    private static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("../shared/vectors/token-status-list").standardizedFileURL

    private static var available: Bool { FileManager.default.fileExists(atPath: folder.path) }

    private struct Expected: Decodable {
        let file: String
        let size: Int
        let nonzero: [String: UInt8]
    }

    @Test(
        .enabled(if: available, "vectors folder ../shared/vectors/token-status-list is absent"),
        arguments: [1, 2, 4, 8]
    )
    func everyIndexMatchesExpected(bits: Int) throws {
        let expectedData = try Data(contentsOf: Self.folder.appendingPathComponent("expected.json"))
        let all = try JSONDecoder().decode([String: Expected].self, from: expectedData)
        let expected = try #require(all[String(bits)])
        let hex = try String(contentsOf: Self.folder.appendingPathComponent(expected.file), encoding: .utf8)
        let bytes = try #require(Hex.decode(hex.trimmingCharacters(in: .whitespacesAndNewlines)))

        let list = try StatusList(encodedCBOR: bytes)
        #expect(list.bits == bits)
        #expect(list.count == expected.size)
        var nonzero: [Int: UInt8] = [:]
        for (key, value) in expected.nonzero { nonzero[try #require(Int(key))] = value }
        #expect(!nonzero.isEmpty)
        var mismatches = 0
        for index in 0..<expected.size where try list.value(at: index) != (nonzero[index] ?? 0) {
            mismatches += 1
        }
        #expect(mismatches == 0)
        #expect(throws: MDLError(code: .statusIndexOutOfRange)) { try list.value(at: expected.size) }
    }
}
