import ArgumentParser
import Foundation
import MDLCBOR
import MDLSandbox

/// A change the issuing authority makes to an issued licence.
enum SandboxLicenceChange {
    case suspend, revoke, supersede
    case deduct(points: Int)

    var action: String {
        switch self {
        case .suspend: return "suspend"
        case .revoke: return "revoke"
        case .supersede: return "supersede"
        case .deduct: return "deduct"
        }
    }

    /// Applies the change to `licence` and says what changed.
    func apply(to licence: inout SandboxState.Licence) -> String {
        switch self {
        case .suspend:
            licence.status = "suspended"
            return "status-list value 2 (suspended)"
        case .revoke:
            licence.status = "invalid"
            return "status-list value 1 (invalid)"
        case .supersede:
            licence.status = "superseded"
            return "status-list value 3 (superseded)"
        case .deduct(let points):
            licence.points = min(12, licence.points + points)
            if licence.points >= 12 { licence.status = "suspended" }
            return "\(points) points deducted: \(licence.points) this cycle"
                + (licence.points >= 12 ? ", 12 reached: suspended" : "")
        }
    }
}

/// Records a change in the state directory and publishes it where a status service exists.
enum SandboxLicenceChanges {
    static func record(_ change: SandboxLicenceChange, persona: String, options: SandboxOptions) throws {
        let directory = options.directory
        var state = try directory.loadState()
        guard let index = state.licences.firstIndex(where: { $0.persona == persona }) else {
            throw InputError(
                "no licence issued to \(persona.prefix(32)) in \(directory.path) (run `mdl-rp sandbox issue` first)")
        }
        let detail = change.apply(to: &state.licences[index])
        // `sandbox serve` builds its status list from the state file at every fetch: saving the change publishes it.
        let published = true
        state.licences[index].record(
            .init(at: TDate(Date()).description, action: change.action, detail: detail, published: published))
        try directory.save(state)
        let licence = state.licences[index]
        let note = "recorded in \(directory.stateURL.path); `mdl-rp sandbox serve` publishes it at \(state.statusListURI) on the next fetch"
        if options.json {
            JSONOutput.print(
                .object([
                    "persona": .string(licence.persona), "action": .string(change.action),
                    "statusIndex": .integer(Int64(licence.statusIndex)),
                    "status": .string(licence.status), "points": .integer(Int64(licence.points)),
                    "published": .bool(published),
                    "note": .string(note),
                ]))
        } else {
            print("\(change.action) \(licence.persona): \(detail)")
            print("  \(note)")
        }
    }
}

/// `mdl-rp sandbox suspend`.
struct SandboxSuspendCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "suspend", abstract: "Suspend a persona's licence (status-list value 2).")
    @Option(help: "The persona whose licence changes.") var persona: String
    @OptionGroup var options: SandboxOptions
    func run() async throws { try SandboxLicenceChanges.record(.suspend, persona: persona, options: options) }
}

/// `mdl-rp sandbox revoke`.
struct SandboxRevokeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revoke", abstract: "Revoke a persona's licence (status-list value 1).")
    @Option(help: "The persona whose licence changes.") var persona: String
    @OptionGroup var options: SandboxOptions
    func run() async throws { try SandboxLicenceChanges.record(.revoke, persona: persona, options: options) }
}

/// `mdl-rp sandbox supersede`.
struct SandboxSupersedeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "supersede", abstract: "Mark a persona's licence superseded by a newer one (status-list value 3).")
    @Option(help: "The persona whose licence changes.") var persona: String
    @OptionGroup var options: SandboxOptions
    func run() async throws { try SandboxLicenceChanges.record(.supersede, persona: persona, options: options) }
}

/// `mdl-rp sandbox deduct`.
struct SandboxDeductCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deduct", abstract: "Deduct points from a persona's licence (12 in a cycle suspends it).")
    @Option(help: "The persona whose licence changes.") var persona: String
    @Option(help: "Points to deduct (1–12).") var points: Int
    @OptionGroup var options: SandboxOptions
    func validate() throws { if !(1...12).contains(points) { throw ValidationError("--points must be 1 to 12") } }
    func run() async throws {
        try SandboxLicenceChanges.record(.deduct(points: points), persona: persona, options: options)
    }
}
