/// Why a sandbox state directory could not be used: missing or unreadable files, an unknown persona, a state file
/// edited beyond what it may hold. The message names the file or value; `mdl-rp` prints it and exits 2.
public struct SandboxStateError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, for people.
    public let description: String

    /// An error saying `description`.
    public init(_ description: String) { self.description = description }
}
