import Foundation
import MDLCBOR
import MDLKit

/// `verify --portrait-out FILE`: the holder's portrait goes to a file on request, never to the terminal or logs.
enum PortraitFile {
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
