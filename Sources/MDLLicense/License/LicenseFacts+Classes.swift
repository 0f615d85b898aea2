import MDLCBOR
import MDLVerifier

/// A class on the licence with the day it was obtained.
public struct HeldClass: Sendable, Hashable {
    /// The normalised code, e.g. `"C1"`.
    public let code: String
    /// The day the class was obtained (`driving_privileges[].issue_date`), when disclosed.
    public let since: FullDate?
    /// The last day the class is valid, when disclosed.
    public let until: FullDate?
}

extension LicenseFacts {
    /// The scheme of this licence's class codes, from ``issuingCountry``; `nil` when the country is absent.
    public var scheme: LicenseScheme? { LicenseScheme(issuingCountry: issuingCountry) }

    /// Whether the licence's classes permit `vehicleClass` on `date`, under the regulation then in force.
    ///
    /// Only privileges in force on `date` count; the licence's own validity and status are separate checks.
    /// - Throws: `MDLError` `licenseSchemeUnknown` without an issuing country; `classUnknown` for a code that
    ///   does not exist in the scheme on `date`.
    public func permits(vehicleClass: String, on date: FullDate) throws -> ClassAnswer {
        try ClassQuestion.answer(
            privileges: drivingPrivileges, vehicle: vehicleClass, on: date, scheme: requireScheme())
    }

    /// The classes on the licence as it states them (codes trimmed and upper-cased), with the day each was obtained.
    public var heldClasses: [HeldClass] {
        drivingPrivileges.map {
            HeldClass(
                code: $0.vehicleCategoryCode.trimmingASCIIWhitespace().uppercased(), since: $0.issueDate,
                until: $0.expiryDate)
        }
    }

    /// Whole years since the first licence (初次领证日期) on `date`; `nil` without ``firstLicenseDate``.
    public func yearsLicensed(on date: FullDate) -> Int? {
        firstLicenseDate.map { max(0, $0.wholeYears(until: date)) }
    }

    /// The earliest day a privilege that permits `vehicleClass` was obtained, among privileges in force on `date`;
    /// `nil` when none permits it or none states its issue date.
    public func heldSince(permitting vehicleClass: String, on date: FullDate) throws -> FullDate? {
        let scheme = try requireScheme()
        var earliest: FullDate?
        for privilege in drivingPrivileges where privilege.isInForce(on: date) {
            let answer = try ClassQuestion.answer(
                privileges: [privilege], vehicle: vehicleClass, on: date, scheme: scheme)
            guard answer.permitted, let issued = privilege.issueDate else { continue }
            earliest = min(earliest ?? issued, issued)
        }
        return earliest
    }

    /// Age in whole years on `date`; `nil` without ``birthDate``.
    public func age(on date: FullDate) -> Int? { birthDate.map { $0.wholeYears(until: date) } }

    func requireScheme() throws -> LicenseScheme {
        guard let scheme else {
            throw MDLError(code: .licenseSchemeUnknown, message: "no issuing_country: the class scheme is unknown")
        }
        return scheme
    }
}
