import MDLCBOR

/// A vehicle class bound to its scheme: Chinese `C1` (小型汽车) and ISO `C1` (medium lorry) are different values
/// that never compare equal, so a relying party cannot ask one scheme's question with the other's code.
///
/// ```swift
/// let wanted = try #require(VehicleClass(code: "C1", scheme: .cn))   // .cn(.c1)
/// let answer = try ClassQuestion.answer(privileges: facts.drivingPrivileges, vehicle: wanted, on: day)
/// ```
public enum VehicleClass: Sendable, Hashable, CustomStringConvertible {
    /// A Chinese licence class (准驾车型).
    case cn(CNLicenseClass)
    /// An ISO/IEC 18013-5 vehicle category.
    case iso(ISOVehicleCategory)

    /// The class for `code` in `scheme` (case and surrounding whitespace ignored); `nil` when the scheme has no such
    /// code at all. Whether the code exists on a given day (C6 from 2022-04-01) is the question's to check.
    public init?(code: String, scheme: LicenseScheme) {
        switch scheme {
        case .cn:
            guard let value = CNLicenseClass(code: code) else { return nil }
            self = .cn(value)
        case .iso:
            guard let value = ISOVehicleCategory(code: code) else { return nil }
            self = .iso(value)
        }
    }

    /// The scheme the class belongs to.
    public var scheme: LicenseScheme {
        switch self {
        case .cn: .cn
        case .iso: .iso
        }
    }

    /// The code as the scheme writes it, e.g. `"C1"`.
    public var code: String {
        switch self {
        case .cn(let value): value.rawValue
        case .iso(let value): value.rawValue
        }
    }

    /// The scheme and the code, e.g. `cn:C1`.
    public var description: String { "\(scheme):\(code)" }
}

extension ClassQuestion {
    /// Answers for `driving_privileges` read in the scheme of `vehicle`, as
    /// ``answer(privileges:vehicle:on:scheme:)`` does for a code and a scheme given apart.
    ///
    /// - Throws: `MDLError` `classUnknown` when `vehicle` does not exist on `date` (C6 before 2022-04-01).
    public static func answer(privileges: [DrivingPrivilege], vehicle: VehicleClass, on date: FullDate) throws
        -> ClassAnswer
    {
        try answer(privileges: privileges, vehicle: vehicle.code, on: date, scheme: vehicle.scheme)
    }
}
