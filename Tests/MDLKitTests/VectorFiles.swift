import Foundation
import MDLCBOR

/// Locates `../shared/vectors` beside the package root; tests skip with a message naming it when absent.
enum VectorFiles {
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("../shared/vectors").standardized

    static var available: Bool { FileManager.default.fileExists(atPath: root.path) }

    /// Whether `../shared/vectors/<folder>` is present: vectors found after the shared folder was assembled may be
    /// absent from a CI machine's copy, and their tests then skip, naming the folder.
    static func has(_ folder: String) -> Bool { FileManager.default.fileExists(atPath: root.appendingPathComponent(folder).path) }

    static let skipMessage = "shared vectors folder ../shared/vectors is absent"

    static func text(_ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    static func hex(_ path: String) throws -> [UInt8] {
        guard let bytes = Hex.decode(try text(path)) else { throw VectorError("\(path) is not hex") }
        return bytes
    }

    static func bytes(_ path: String) throws -> [UInt8] {
        Array(try Data(contentsOf: root.appendingPathComponent(path)))
    }

    static func base64URL(_ path: String) throws -> [UInt8] {
        var text = try self.text(path).trimmingCharacters(in: .whitespacesAndNewlines)
            .replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while text.count % 4 != 0 { text += "=" }
        guard let data = Data(base64Encoded: text) else { throw VectorError("\(path) is not base64url") }
        return Array(data)
    }

    struct VectorError: Error { let message: String; init(_ message: String) { self.message = message } }
}
