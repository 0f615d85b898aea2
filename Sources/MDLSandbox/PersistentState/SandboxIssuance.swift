import Foundation
import MDLCBOR
import MDLCOSE
import MDLKit

/// Issuing a persona's licence from the directory's authority and recording it in the state.
public enum SandboxIssuance {
    /// The status-list value names, by value (Token Status List: 0 valid, 1 invalid, 2 suspended, 3 application).
    public static let statusNames: [UInt8: String] = [0: "valid", 1: "invalid", 2: "suspended", 3: "superseded"]

    /// Issues `personaID`'s licence bound to `deviceKey`, referencing the state's status list. Every credential
    /// gets a new status-list index; a persona issued before keeps its licence's status, points and history (a
    /// suspended or revoked licence stays so: re-issuing is not a way back to valid), and its earlier indexes are
    /// kept as retired, with the history capped so the state file stays bounded.
    public static func issue(
        personaID: String, deviceKey: COSEKey, state: inout SandboxState, authority: IssuingAuthority, now: Date
    ) throws -> (IssuedCredential, SandboxState.Licence) {
        let today = Persona.today(at: now)
        guard let persona = Persona.named(personaID, today: today, asOf: now) else {
            let known = Persona.all(today: today, asOf: now).map(\.id).joined(separator: ", ")
            throw SandboxStateError("no persona \"\(personaID.prefix(32))\"; known: \(known)")
        }
        let existing = state.licences.firstIndex { $0.persona == persona.id }
        let index = state.nextStatusIndex
        let credential = try authority.issue(
            persona.record, deviceKey: deviceKey, now: now, status: .init(index: index, uri: state.statusListURI))
        let issuedAt = TDate(now).description
        let licence: SandboxState.Licence
        if let existing {
            var reissued = state.licences[existing]
            let previous = reissued.statusIndex
            reissued.retiredIndexes = Array(((reissued.retiredIndexes ?? []) + [previous]).suffix(SandboxState.retainedIndexes))
            reissued.statusIndex = index
            reissued.issuedAt = issuedAt
            reissued.record(
                .init(
                    at: issuedAt, action: "reissue",
                    detail: "issued again to a new device key: status-list index \(index) (was \(previous)); status \(reissued.status) and points kept",
                    published: false))
            licence = reissued
            state.licences[existing] = reissued
        } else {
            licence = SandboxState.Licence(
                persona: persona.id, statusIndex: index, status: statusNames[persona.statusListValue] ?? "valid",
                points: Self.points(in: persona.record), issuedAt: issuedAt, changes: [])
            state.licences.append(licence)
        }
        return (credential, licence)
    }

    /// The points deducted in the current cycle that `record` carries.
    public static func points(in record: LicenseRecord) -> Int {
        guard case .map(let map)? = record[MDLProfile.chinaNameSpace, MDLProfile.ChinaElement.points],
            let value = map["in_cycle"]?.int64
        else { return 0 }
        return Int(value)
    }
}
