import MDLCBOR

/// The age from which a Chinese class may no longer be driven (L162 art. 65; Order 172 from 2025-01-01).
public struct AgeCeiling: Sendable, Hashable {
    /// The class concerned.
    public let licenseClass: CNLicenseClass
    /// At this age the class may no longer be driven.
    public let age: Int
    /// Years by which a holder who passes medical and ability tests may extend it (Order 172: 3 for A and B).
    public let extensionYears: Int
    /// The regulation that sets it.
    public let regulation: RegulationVersion

    /// The ceiling for `licenseClass` on `date`, or `nil` when the class has none (C1, C2, C5, F) or the date is
    /// before Order 162 (Order 123's driving-age rules are not modelled).
    public static func of(_ licenseClass: CNLicenseClass, on date: FullDate) -> AgeCeiling? {
        guard date >= RegulationVersion.cnOrder162.inForce else { return nil }
        let order172 = date >= RegulationVersion.cnOrder172.inForce
        switch licenseClass {
        case .a1, .a2, .a3, .b1, .b2:
            return order172
                ? AgeCeiling(licenseClass: licenseClass, age: 63, extensionYears: 3, regulation: .cnOrder172)
                : AgeCeiling(licenseClass: licenseClass, age: 60, extensionYears: 0, regulation: .cnOrder162)
        case .m, .n, .p:
            return AgeCeiling(licenseClass: licenseClass, age: 60, extensionYears: 0, regulation: .cnOrder162)
        case .c3, .c4, .c6, .d, .e:
            return AgeCeiling(licenseClass: licenseClass, age: 70, extensionYears: 0, regulation: .cnOrder162)
        case .c1, .c2, .c5, .f:
            return nil
        }
    }
}
