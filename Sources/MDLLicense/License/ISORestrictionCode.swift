import MDLVerifier
/// What an EU harmonised restriction code (Directive 2006/126/EC Annex I) on a ``DrivingPrivilege`` means.
///
/// Only the codes that bear on which vehicle may be driven are named; every other code is reported as a
/// condition to read on the licence.
enum ISORestrictionCode {
    /// A reason describing `code` of a privilege for `category`.
    static func reason(for code: DrivingPrivilegeCode, category: String) -> LicenseReason {
        let condition = [code.sign, code.value].compactMap { $0 }.joined(separator: " ")
        let suffix = condition.isEmpty ? "" : " (\(condition))"
        let number = code.code.trimmingASCIIWhitespace()
        let major = number.split(separator: ".").first.map(String.init) ?? number
        switch major {
        case "01", "02", "03", "05":
            return LicenseReason(
                code: "restriction.driver", zh: "\(category) 附有驾驶人条件代码 \(number)\(suffix)（如视力矫正、医疗原因限制）",
                en:
                    "\(category) carries driver condition code \(number)\(suffix) (e.g. vision correction, medical limits)"
            )
        case "10", "15", "20", "25", "30", "31", "32", "33", "35", "40", "42", "43", "44", "45", "46", "47", "50":
            return LicenseReason(
                code: "restriction.vehicleAdaptation", zh: "\(category) 仅限经改装的车辆（代码 \(number)\(suffix)）",
                en: "\(category) is limited to adapted vehicles (code \(number)\(suffix))")
        case "78":
            return LicenseReason(
                code: "restriction.automaticOnly", zh: "\(category) 仅限自动挡车辆（代码 78）",
                en: "\(category) is limited to vehicles with automatic transmission (code 78)")
        case "79":
            return LicenseReason(
                code: "restriction.vehicleSpecification", zh: "\(category) 仅限符合括号内规格的车辆（代码 \(number)\(suffix)）",
                en: "\(category) is limited to vehicles of the stated specification (code \(number)\(suffix))")
        case "96":
            return LicenseReason(
                code: "restriction.trailerUpTo4250", zh: "\(category) 可牵引750千克以上挂车，组合总质量不超过4250千克（代码 96）",
                en: "\(category) may tow a trailer over 750 kg in a combination of at most 4250 kg (code 96)")
        default:
            return LicenseReason(
                code: "restriction.other", zh: "\(category) 附有代码 \(number)\(suffix)，请查看驾驶证",
                en: "\(category) carries code \(number)\(suffix); read it on the licence")
        }
    }
}
