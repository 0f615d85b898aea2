import Foundation
import MDLCBOR
import MDLKit

/// `verify --portrait-out FILE`: the holder's portrait goes to a file on request, never to the terminal or logs.
enum PortraitFile {
    /// Throws an ``InputError`` naming `path` when the portrait could not be written there (its folder missing or
    /// not writable, or the path an unwritable file or a folder), before any verification work.
    static func checkWritable(_ path: String) throws {
        let url = URL(fileURLWithPath: path)
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard !isDirectory.boolValue, FileManager.default.isWritableFile(atPath: path) else {
                throw InputError("cannot write the portrait to \(path): not a writable file")
            }
            return
        }
        let folder = url.deletingLastPathComponent().path
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue,
            FileManager.default.isWritableFile(atPath: folder)
        else {
            throw InputError("cannot write the portrait to \(path): \(folder) is not a writable folder")
        }
    }

    /// Writes the portrait of the first document that disclosed one to `path` (mode 0600), and says on standard
    /// error how many bytes were written, or that none was disclosed.
    static func write(from presentation: VerifiedPresentation, to path: String) throws {
        let portrait = presentation.documents.lazy.compactMap { document -> [UInt8]? in
            if case .bytes(let bytes)? = document.issuerSigned[MDLProfile.isoNameSpace]?[MDLProfile.ISOElement.portrait]
            {
                return bytes
            }
            return nil
        }.first
        guard let portrait else {
            FileHandle.standardError.write(Data("no portrait was disclosed; \(path) not written\n".utf8))
            return
        }
        let url = URL(fileURLWithPath: path)
        do {
            try Data(portrait).write(to: url, options: .atomic)
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        } catch {
            throw InputError("cannot write the portrait to \(path)")
        }
        FileHandle.standardError.write(Data("portrait: \(portrait.count) bytes written to \(path)\n".utf8))
    }
}
