import MDLCBOR

/// The reasons ``ClassQuestion`` gives, in one place so their codes stay stable.
enum LicenseReasons {
    static func permitted(via held: String, vehicle: String, catalogue: ClassCatalogue) -> LicenseReason {
        let source = catalogue.regulation
        if held == vehicle {
            return LicenseReason(
                code: "class.held", zh: "持有准驾车型 \(catalogue.zhLabel(held))",
                en: "The licence holds class \(catalogue.enLabel(held))")
        }
        if catalogue.scheme == .iso, held == "CE", vehicle == "DE" {
            return LicenseReason(
                code: "class.includedWithD", zh: "持有 CE 且持有 D 的，可驾驶 DE 类车辆（\(source.zh) 第6条第2款(b)项）",
                en: "CE with D held covers DE (\(source.en), art. 6(2)(b))")
        }
        return LicenseReason(
            code: "class.includedBy",
            zh: "准驾车型 \(catalogue.zhLabel(held)) 准予驾驶 \(catalogue.zhLabel(vehicle))（\(source.zh)）",
            en: "Class \(catalogue.enLabel(held)) covers \(catalogue.enLabel(vehicle)) (\(source.en))")
    }

    static func notPermitted(vehicle: String, held: [String], catalogue: ClassCatalogue) -> LicenseReason {
        let list = held.joined(separator: ", ")
        return LicenseReason(
            code: "class.notPermitted",
            zh: "所持准驾车型 \(list) 不包括 \(catalogue.zhLabel(vehicle))（\(catalogue.regulation.zh)）",
            en: "The classes held (\(list)) do not cover \(catalogue.enLabel(vehicle)) (\(catalogue.regulation.en))")
    }

    static func noneHeld(on date: FullDate) -> LicenseReason {
        LicenseReason(
            code: "class.noneHeld", zh: "\(date) 无有效的准驾车型", en: "No class is in force on \(date)")
    }

    static func privilegeNotInForce(_ code: String, on date: FullDate) -> LicenseReason {
        LicenseReason(
            code: "class.privilegeNotInForce", zh: "准驾车型 \(code) 在 \(date) 不在有效期内",
            en: "Class \(code) is not in force on \(date)")
    }

    static func heldUnknown(_ code: String, catalogue: ClassCatalogue) -> LicenseReason {
        LicenseReason(
            code: "class.heldUnknown", zh: "所持准驾车型 \(code) 在 \(catalogue.regulation.zh) 中不存在，已忽略",
            en: "Held class \(code) does not exist under \(catalogue.regulation.en); ignored")
    }

    static func beforeKnownTables(_ regulation: RegulationVersion) -> LicenseReason {
        LicenseReason(
            code: "regulation.beforeKnownTables",
            zh: "该日期早于 \(regulation.zh) 施行日（\(regulation.inForce)），按该规定的车型表作答",
            en: "The date is before \(regulation.en) came into force (\(regulation.inForce)); its table was applied")
    }

    static func condition(_ code: DrivingPrivilegeCode, category: String) -> LicenseReason {
        let text = ([code.code] + [code.sign, code.value].compactMap { $0 }).joined(separator: " ")
        return LicenseReason(
            code: "restriction.other", zh: "\(category) 附有条件代码 \(text)，请查看驾驶证",
            en: "\(category) carries condition code \(text); read it on the licence")
    }
}
