import MDLCBOR

/// A regulation whose rules the licence domain applies, with the date it came into force.
///
/// Class graphs and age ceilings are chosen by date: ``inForce(for:on:)`` gives the class table in force on a day.
public struct RegulationVersion: Sendable, Hashable, CustomStringConvertible {
    /// A stable identifier, printed by the CLI as `"regulation"`, e.g. `"cn-mps-order-162"`.
    public let id: String
    /// The scheme whose classes this regulation defines.
    public let scheme: LicenseScheme
    /// The first day the regulation applies.
    public let inForce: FullDate
    /// The title in Chinese.
    public let zh: String
    /// The title in English.
    public let en: String

    /// 《机动车驾驶证申领和使用规定》, MPS Order 123 (in force 2013-01-01) as amended by Order 139 (2016): the class
    /// table before C6 existed.
    public static let cnOrder123 = RegulationVersion(
        id: "cn-mps-order-123", scheme: .cn, inForce: .fixed(2013, 1, 1),
        zh: "《机动车驾驶证申领和使用规定》（公安部令第123号，经第139号令修改）",
        en:
            "Provisions on the Application for and Use of Motor Vehicle Driving Licences, MPS Order 123 as amended by Order 139"
    )
    /// 《机动车驾驶证申领和使用规定》, MPS Order 162, in force 2022-04-01: the current class table (C6 added).
    public static let cnOrder162 = RegulationVersion(
        id: "cn-mps-order-162", scheme: .cn, inForce: .fixed(2022, 4, 1),
        zh: "《机动车驾驶证申领和使用规定》（公安部令第162号）",
        en: "Provisions on the Application for and Use of Motor Vehicle Driving Licences, MPS Order 162"
    )
    /// MPS Order 172, amending Order 162 from 2025-01-01: the A and B classes' age ceiling moves from 60 to 63.
    public static let cnOrder172 = RegulationVersion(
        id: "cn-mps-order-172", scheme: .cn, inForce: .fixed(2025, 1, 1),
        zh: "公安部令第172号（修改《机动车驾驶证申领和使用规定》）",
        en: "MPS Order 172 amending Order 162"
    )
    /// EU Directive 2006/126/EC on driving licences (recast), whose categories apply from 2013-01-19; ISO/IEC
    /// 18013-5 uses the same category codes.
    public static let euDrivingLicenceDirective = RegulationVersion(
        id: "eu-directive-2006-126", scheme: .iso, inForce: .fixed(2013, 1, 19),
        zh: "欧盟驾驶证指令 2006/126/EC",
        en: "Directive 2006/126/EC on driving licences (recast)"
    )

    /// Every known version, oldest first within each scheme.
    public static let all: [RegulationVersion] = [cnOrder123, cnOrder162, cnOrder172, euDrivingLicenceDirective]

    /// The regulation whose **class table** applies in `scheme` on `date`.
    ///
    /// Order 172 changed ages only, so from 2025-01-01 the Chinese class table is still Order 162's. A date before
    /// the oldest known table gets the oldest table; ``ClassQuestion`` says so in a reason.
    public static func inForce(for scheme: LicenseScheme, on date: FullDate) -> RegulationVersion {
        switch scheme {
        case .cn: return date < cnOrder162.inForce ? cnOrder123 : cnOrder162
        case .iso: return euDrivingLicenceDirective
        }
    }

    /// The identifier.
    public var description: String { id }
}

extension FullDate {
    /// A date written in the source (a regulation's in-force date); the fallback is unreachable for valid dates.
    static func fixed(_ year: Int, _ month: Int, _ day: Int) -> FullDate {
        FullDate(year: year, month: month, day: day) ?? FullDate(daysSinceEpoch: 0)
    }
}
