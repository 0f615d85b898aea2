import Foundation
import MDLCBOR
import MDLKit

/// What the status service knows about one licence: its status letters, points and whether a newer licence
/// replaced it.
public struct LicenseStatusEntry: Sendable, Hashable {
    /// The status letters (驾驶证状态).
    public var letters: Set<LicenseStatusLetter>
    /// Points in the current cycle.
    public var points: Int
    /// First day of the current cycle.
    public var cycleStart: FullDate
    /// Last day of the current cycle.
    public var cycleEnd: FullDate
    /// Full-point cycles among the last three.
    public var fullCyclesInLastThree: Int
    /// Whether a renewal or class change replaced this licence.
    public var superseded: Bool
    /// SHA-256 of the licence's MSO bytes (``PointStatement/binding(issuerAuth:)``).
    public var binding: [UInt8]

    /// The letters as a status set.
    public var statusLetters: LicenseStatusLetters { LicenseStatusLetters(letters.isEmpty ? [.a] : letters) }

    /// The status list value: the strongest of the letters, raised to superseded when replaced.
    public var listValue: LicenseCredentialStatus {
        let fromLetters = statusLetters.credentialStatus
        if superseded, fromLetters == .valid { return .superseded }
        return fromLetters
    }

    /// Adds letters (dropping A, 正常).
    mutating func add(_ added: Set<LicenseStatusLetter>) {
        letters.remove(.a)
        letters.formUnion(added)
    }
}

/// A change the sandbox makes to a licence's status, as the traffic police would.
public enum StatusOperation: Sendable, Hashable {
    /// Record a violation of `points` points; reaching 12 detains the licence (B 超分, U 扣留).
    case deductPoints(Int)
    /// Suspend the licence (D 暂扣).
    case suspend
    /// Detain the licence (U 扣留).
    case detain
    /// Revoke the licence (F 吊销).
    case revoke
    /// A newer licence replaces this one.
    case supersede(SupersedeReason)
    /// Back to normal (A 正常): letters cleared, no longer superseded; points stay.
    case restore

    /// Why a licence was superseded.
    public enum SupersedeReason: String, Sendable, Hashable {
        /// Renewed (换证).
        case renewal
        /// A class was added or changed (增驾).
        case classChange
        /// The record moved to another office (转出, letter C).
        case move
    }
}

/// The status lists of several issuing authorities, each a growing array of ``LicenseStatusEntry``, with a version
/// that changes on every operation (the ETag of the published list), and each entry's history: the entry as
/// registered and every operation with the time it took effect, so the entry as of a past instant can be rebuilt.
struct StatusLedger: Sendable {
    private(set) var entries: [String: [LicenseStatusEntry]] = [:]
    private(set) var versions: [String: Int] = [:]
    private(set) var histories: [String: [StatusHistory]] = [:]

    /// Appends an entry to `authority`'s list and returns its index.
    mutating func append(_ entry: LicenseStatusEntry, to authority: String) -> Int {
        entries[authority, default: []].append(entry)
        histories[authority, default: []].append(StatusHistory(registered: entry))
        versions[authority, default: 0] += 1
        return (entries[authority]?.count ?? 1) - 1
    }

    /// Applies `operation`, effective at `effectiveAt` (recorded at `recordedAt`; an operation may take effect
    /// earlier than it is recorded, never later), to entry `index` of `authority`; returns the entry as of now.
    mutating func apply(
        _ operation: StatusOperation, authority: String, index: Int, effectiveAt: Date, recordedAt: Date
    ) throws -> LicenseStatusEntry {
        guard var history = histories[authority]?[safe: index] else { throw StatusServiceError.unknownLicence }
        guard effectiveAt <= recordedAt else {
            throw StatusServiceError.invalidOperation("an operation cannot take effect after it is recorded")
        }
        history.events.append(StatusEvent(operation: operation, effectiveAt: effectiveAt, recordedAt: recordedAt))
        // Stable: operations effective at the same instant keep the order they were recorded in.
        history.events = history.events.enumerated().sorted {
            ($0.element.effectiveAt, $0.offset) < ($1.element.effectiveAt, $1.offset)
        }.map(\.element)
        let entry = try history.entry(at: nil)
        histories[authority]?[index] = history
        entries[authority]?[index] = entry
        versions[authority, default: 0] += 1
        return entry
    }

    /// Entry `index` of `authority` as it stood at `instant`: the registered entry with every operation effective
    /// by then.
    func entry(authority: String, index: Int, at instant: Date) -> LicenseStatusEntry? {
        try? histories[authority]?[safe: index]?.entry(at: instant)
    }

    /// `entry` after `operation`.
    static func applying(_ operation: StatusOperation, to entry: LicenseStatusEntry) throws -> LicenseStatusEntry {
        var entry = entry
        switch operation {
        case .deductPoints(let points):
            guard points > 0 else { throw StatusServiceError.invalidOperation("points must be positive") }
            let wasFull = entry.points >= PointsRecord.cycleMaximum
            entry.points += points
            if entry.points >= PointsRecord.cycleMaximum {
                entry.add([.b, .u])
                if !wasFull { entry.fullCyclesInLastThree = min(3, entry.fullCyclesInLastThree + 1) }
            }
        case .suspend: entry.add([.d])
        case .detain: entry.add([.u])
        case .revoke: entry.add([.f])
        case .supersede(let reason):
            entry.superseded = true
            if reason == .move { entry.add([.c]) }
        case .restore:
            entry.letters = [.a]
            entry.superseded = false
        }
        return entry
    }

    /// Changes entry `index` of `authority` without changing the list's version (a value the list does not show).
    mutating func updateEntry(authority: String, index: Int, _ change: (inout LicenseStatusEntry) -> Void) {
        guard entries[authority]?.indices.contains(index) == true, var entry = entries[authority]?[index] else { return }
        change(&entry)
        entries[authority]?[index] = entry
        if var history = histories[authority]?[safe: index] {
            change(&history.registered)
            histories[authority]?[index] = history
        }
    }

    /// The version of `authority`'s list (0 before its first entry).
    func version(of authority: String) -> Int { versions[authority] ?? 0 }

    /// The entry whose binding is `binding`, with its index.
    func entry(binding: [UInt8], authority: String) -> (index: Int, entry: LicenseStatusEntry)? {
        guard let list = entries[authority], let index = list.firstIndex(where: { $0.binding == binding }) else { return nil }
        return (index, list[index])
    }

    /// The status values of `authority`'s list in index order.
    func values(of authority: String) -> [UInt8] { (entries[authority] ?? []).map(\.listValue.rawValue) }
}

/// Why the status service refused an operation.
public enum StatusServiceError: Error, Sendable, Hashable {
    /// No such issuing authority is served.
    case unknownAuthority
    /// No licence at that index (or with that binding).
    case unknownLicence
    /// The operation's argument is unusable.
    case invalidOperation(String)
    /// The server did not start.
    case notRunning
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
