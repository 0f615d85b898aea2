import MDLKit
import MDLSandbox

/// Names a holder understands for the elements a relying party asks for, in Chinese and English, shown beside the
/// element identifier at the consent prompt. Identifiers without a label are shown as they are.
enum ElementLabels {
    /// Chinese and English label of an element identifier (any namespace), when known.
    static func label(_ identifier: String) -> String? {
        if identifier.hasPrefix("age_over_"), let years = Int(identifier.dropFirst("age_over_".count)) {
            return "年满\(years)周岁 over \(years)"
        }
        return table[identifier]
    }

    /// One consent line: number, element, label, retention.
    static func line(index: Int, _ element: RequestedElement) -> String {
        let keep = element.intentToRetain ? "will be kept 将保存" : "not kept 不保存"
        let label = label(element.element.identifier).map { " — \($0)" } ?? ""
        return "   \(index + 1). \(element.element)\(label)  [\(keep)]"
    }

    /// The consent summary as terminal lines: who asks, why, and each element with its label.
    static func lines(_ summary: ConsentSummary) -> [String] {
        var lines = [
            "\(summary.relyingPartyNameZH) (\(summary.relyingPartyNameEN))",
            "  client: \(summary.clientID)",
            "  用途 purpose: \(summary.purpose.nameZH) / \(summary.purpose.nameEN)",
            "  requested elements 请求的信息:",
        ]
        for (index, element) in summary.elements.enumerated() { lines.append(line(index: index, element)) }
        return lines
    }

    private static let table: [String: String] = [
        "family_name": "姓 family name",
        "given_name": "名 given name",
        "family_name_national_character": "姓（中文）family name in Chinese",
        "given_name_national_character": "名（中文）given name in Chinese",
        "birth_date": "出生日期 date of birth",
        "sex": "性别 sex",
        "nationality": "国籍 nationality",
        "portrait": "照片 photo",
        "document_number": "证号 licence number",
        "issue_date": "发证日期 issue date",
        "expiry_date": "有效期至 valid until",
        "issuing_country": "签发国家 issuing country",
        "issuing_authority": "发证机关 issuing authority",
        "driving_privileges": "准驾车型 vehicle classes",
        "un_distinguishing_sign": "国际识别代码 country sign",
        "resident_address": "住址 address",
        "resident_city": "居住城市 city",
        "issuing_jurisdiction": "发证地区 issuing region",
        "archive_number": "档案编号 archive number",
        "first_license_date": "初次领证日期 first licence date",
        "probation_end": "实习期截止 end of probation",
        "points": "记分 penalty points",
        "status_letters": "驾驶证状态 licence status",
        "issuing_office": "车管所 issuing office",
        "age_in_years": "年龄 age",
        "age_birth_year": "出生年份 year of birth",
        "height": "身高 height",
        "weight": "体重 weight",
        "signature_usual_mark": "签名 signature",
    ]
}
