import MDLCBOR
import MDLVerifier

/// A Chinese licence class (准驾车型), MPS Order 162 art. 11 and Appendix 1 (Order 123/139 before 2022-04-01).
///
/// ```swift
/// CNLicenseClass.a2.permits(.c6, under: .cnOrder162)   // true
/// CNLicenseClass.a2.permits(.c6, under: .cnOrder123)   // false: C6 did not exist
/// ```
public enum CNLicenseClass: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// 大型客车: large bus / coach.
    case a1 = "A1"
    /// 重型牵引挂车 (Order 123: 牵引车): heavy tractor-trailer combination.
    case a2 = "A2"
    /// 城市公交车: city bus.
    case a3 = "A3"
    /// 中型客车: medium bus.
    case b1 = "B1"
    /// 大型货车: large truck.
    case b2 = "B2"
    /// 小型汽车: small vehicle.
    case c1 = "C1"
    /// 小型自动挡汽车: small automatic vehicle.
    case c2 = "C2"
    /// 低速载货汽车: low-speed goods vehicle.
    case c3 = "C3"
    /// 三轮汽车: three-wheeled motor vehicle.
    case c4 = "C4"
    /// 残疾人专用小型自动挡载客汽车: small automatic passenger car adapted for disabled drivers.
    case c5 = "C5"
    /// 轻型牵引挂车: light tractor-trailer combination (from 2022-04-01).
    case c6 = "C6"
    /// 普通三轮摩托车: motor tricycle.
    case d = "D"
    /// 普通二轮摩托车: motorcycle.
    case e = "E"
    /// 轻便摩托车: moped.
    case f = "F"
    /// 轮式专用机械车 (Order 123: 轮式自行机械车): wheeled special-purpose machinery.
    case m = "M"
    /// 无轨电车: trolleybus.
    case n = "N"
    /// 有轨电车: tram.
    case p = "P"

    /// The class for `code` (`"c1"` and `" C1 "` are read as `C1`), or `nil` when the scheme has no such code.
    public init?(code: String) {
        self.init(rawValue: code.trimmingASCIIWhitespace().uppercased())
    }

    /// Whether the class exists under `regulation` (C6 only from Order 162).
    public func exists(under regulation: RegulationVersion) -> Bool {
        regulation.scheme == .cn && (self != .c6 || regulation != .cnOrder123)
    }

    /// The classes this class also lets its holder drive under `regulation` (准予驾驶的其他准驾车型), itself excluded.
    public func includedClasses(under regulation: RegulationVersion) -> [CNLicenseClass] {
        guard exists(under: regulation) else { return [] }
        return CNClassGraph.included(by: self, under: regulation)
    }

    /// Whether holding `self` lets the holder drive vehicles of class `other` under `regulation`: the same class or
    /// one it includes.
    public func permits(_ other: CNLicenseClass, under regulation: RegulationVersion) -> Bool {
        guard exists(under: regulation), other.exists(under: regulation) else { return false }
        return self == other || includedClasses(under: regulation).contains(other)
    }

    /// The family the class belongs to for probation (L162 art. 109(4)).
    public var family: CNClassFamily {
        switch self {
        case .d, .e, .f: return .motorcycle
        default: return .motorVehicle
        }
    }

    /// Whether the class can only be added to an existing licence, never applied for first (L162 art. 16).
    public var isAddOnOnly: Bool { [.a1, .a2, .b1, .c6].contains(self) }

    /// The code, e.g. `"C1"`.
    public var description: String { rawValue }
}

/// The family of a Chinese class: probation runs for 12 months after the first class of each family (L162 art. 76).
public enum CNClassFamily: String, Sendable, Hashable, CaseIterable {
    /// 汽车类: A1–A3, B1, B2, C1–C6, M, N, P.
    case motorVehicle
    /// 摩托车类: D, E, F.
    case motorcycle

    /// The name in Chinese.
    public var zh: String { self == .motorVehicle ? "汽车类" : "摩托车类" }
    /// The name in English.
    public var en: String { self == .motorVehicle ? "motor vehicles" : "motorcycles" }
}
