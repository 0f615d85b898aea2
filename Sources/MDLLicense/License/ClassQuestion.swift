import MDLCBOR
import MDLVerifier

/// Asks whether held licence classes permit a vehicle class on a day, under the regulation then in force.
///
/// ```swift
/// let answer = try ClassQuestion.answer(held: ["A2"], vehicle: "C6", on: day, scheme: .cn)
/// answer.permitted   // true from 2022-04-01; before it, "C6" is refused with `classUnknown`
/// ```
public enum ClassQuestion {
    /// Answers for bare class codes (the CLI's `--held`).
    ///
    /// - Throws: `MDLError` `classUnknown` when the vehicle code or a held code does not exist in `scheme` on `date`.
    public static func answer(held: [String], vehicle: String, on date: FullDate, scheme: LicenseScheme) throws
        -> ClassAnswer
    {
        let catalogue = ClassCatalogue(scheme: scheme, regulation: RegulationVersion.inForce(for: scheme, on: date))
        for code in held { _ = try catalogue.normalise(code) }
        return try answer(
            privileges: held.map { DrivingPrivilege(vehicleCategoryCode: $0) }, vehicle: vehicle, on: date,
            scheme: scheme)
    }

    /// Answers for `driving_privileges`: a privilege counts only when in force on `date`, and its restriction codes
    /// are reported as reasons. A privilege whose code does not exist in `scheme` on `date` (an issuer's own code,
    /// or C6 asked about before 2022-04-01) is skipped with the reason `class.heldUnknown`.
    ///
    /// - Throws: `MDLError` `classUnknown` when the vehicle code does not exist in `scheme` on `date`.
    public static func answer(privileges: [DrivingPrivilege], vehicle: String, on date: FullDate, scheme: LicenseScheme)
        throws -> ClassAnswer
    {
        let regulation = RegulationVersion.inForce(for: scheme, on: date)
        let catalogue = ClassCatalogue(scheme: scheme, regulation: regulation)
        let wanted = try catalogue.normalise(vehicle)
        var reasons: [LicenseReason] = []
        if date < regulation.inForce { reasons.append(LicenseReasons.beforeKnownTables(regulation)) }
        var inForce: [(code: String, privilege: DrivingPrivilege)] = []
        for privilege in privileges {
            let shown = String(privilege.vehicleCategoryCode.trimmingASCIIWhitespace().uppercased().prefix(8))
            guard privilege.isInForce(on: date) else {
                reasons.append(LicenseReasons.privilegeNotInForce(shown, on: date))
                continue
            }
            guard let code = try? catalogue.normalise(privilege.vehicleCategoryCode) else {
                reasons.append(LicenseReasons.heldUnknown(shown, catalogue: catalogue))
                continue
            }
            inForce.append((code, privilege))
        }
        let heldCodes = inForce.map(\.code)
        // The vehicle's own class first, then the held classes in order: `via` names the most direct permission.
        let candidates = inForce.sorted { ($0.code == wanted ? 0 : 1) < ($1.code == wanted ? 0 : 1) }
        for (code, privilege) in candidates where catalogue.permits(held: code, vehicle: wanted, alsoHeld: heldCodes) {
            reasons.append(LicenseReasons.permitted(via: code, vehicle: wanted, catalogue: catalogue))
            reasons += privilege.codes.map {
                scheme == .iso
                    ? ISORestrictionCode.reason(for: $0, category: code) : LicenseReasons.condition($0, category: code)
            }
            return ClassAnswer(permitted: true, vehicle: wanted, via: code, regulation: regulation, reasons: reasons)
        }
        reasons.append(
            inForce.isEmpty
                ? LicenseReasons.noneHeld(on: date)
                : LicenseReasons.notPermitted(vehicle: wanted, held: heldCodes, catalogue: catalogue))
        return ClassAnswer(permitted: false, vehicle: wanted, via: nil, regulation: regulation, reasons: reasons)
    }
}

/// The classes of one scheme under one regulation.
struct ClassCatalogue {
    let scheme: LicenseScheme
    let regulation: RegulationVersion

    /// The normalised code, or `classUnknown`.
    func normalise(_ code: String) throws -> String {
        switch scheme {
        case .cn:
            if let value = CNLicenseClass(code: code), value.exists(under: regulation) { return value.rawValue }
        case .iso:
            if let value = ISOVehicleCategory(code: code) { return value.rawValue }
        }
        throw MDLError(
            code: .classUnknown,
            message: "no class \"\(code.prefix(8))\" in scheme \(scheme) under \(regulation.id)")
    }

    /// Whether `held` covers `vehicle`; `alsoHeld` serves conditional equivalences (ISO CE + D → DE).
    func permits(held: String, vehicle: String, alsoHeld: [String]) -> Bool {
        switch scheme {
        case .cn:
            guard let held = CNLicenseClass(code: held), let vehicle = CNLicenseClass(code: vehicle) else {
                return false
            }
            return held.permits(vehicle, under: regulation)
        case .iso:
            guard let held = ISOVehicleCategory(code: held), let vehicle = ISOVehicleCategory(code: vehicle) else {
                return false
            }
            if held.permits(vehicle) { return true }
            return held == .ce && vehicle == .de && alsoHeld.contains(ISOVehicleCategory.d.rawValue)
        }
    }

    /// A short label, e.g. `"C6 轻型牵引挂车"`.
    func zhLabel(_ code: String) -> String {
        switch scheme {
        case .cn: return CNLicenseClass(code: code).map { "\(code)（\($0.zhName(under: regulation))）" } ?? code
        case .iso: return code
        }
    }

    /// A short label, e.g. `"C6 (light tractor-trailer combination)"`.
    func enLabel(_ code: String) -> String {
        switch scheme {
        case .cn: return CNLicenseClass(code: code).map { "\(code) (\($0.enName(under: regulation)))" } ?? code
        case .iso: return code
        }
    }
}
