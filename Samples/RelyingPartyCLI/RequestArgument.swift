import Foundation

/// The REQUEST_URI_OR_FILE argument of `wallet present`, checked before the wallet starts.
enum RequestArgument {
    /// Throws an ``InputError`` naming the file when `argument` is neither an `openid4vp:` URI nor an http(s) URL
    /// and no readable file has that path (exit status 2, one line, instead of a Foundation error).
    static func requireReadable(_ argument: String) throws {
        let lowered = argument.lowercased()
        if lowered.hasPrefix("openid4vp:") || lowered.hasPrefix("http://") || lowered.hasPrefix("https://") { return }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: argument, isDirectory: &isDirectory) else {
            throw InputError("no such file: \(argument) (give an openid4vp:// URI, an http(s) request_uri or a file)")
        }
        guard !isDirectory.boolValue, FileManager.default.isReadableFile(atPath: argument) else {
            throw InputError("cannot read \(argument): not a readable file")
        }
    }
}
