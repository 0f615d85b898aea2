import MDLVerifier

/// One data element a licence fact is read from: its namespace and identifier, written `NAMESPACE/IDENTIFIER`.
///
/// Checks declare the elements they read (``LicenseCheck/elementsRead``), so a request can be proved to ask for
/// what its policy needs; ``LicenseFacts/unreadableElements`` names signed elements whose value could not be read.
public struct LicenseElement: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The namespace, e.g. `org.iso.18013.5.1`.
    public let nameSpace: String
    /// The element identifier, e.g. `expiry_date`.
    public let identifier: String

    /// Creates an element name.
    public init(_ nameSpace: String, _ identifier: String) {
        self.nameSpace = nameSpace
        self.identifier = identifier
    }

    /// An element of the ISO 18013-5 mDL namespace.
    public static func iso(_ identifier: String) -> LicenseElement {
        LicenseElement(MDLProfile.isoNameSpace, identifier)
    }
    /// An element of the Chinese profile namespace.
    public static func china(_ identifier: String) -> LicenseElement {
        LicenseElement(MDLProfile.chinaNameSpace, identifier)
    }

    /// `NAMESPACE/IDENTIFIER`.
    public var description: String { "\(nameSpace)/\(identifier)" }

    /// Orders by the text form.
    public static func < (lhs: LicenseElement, rhs: LicenseElement) -> Bool { lhs.description < rhs.description }
}

extension LicenseElement {
    typealias E = MDLProfile.ISOElement
    typealias C = MDLProfile.ChinaElement

    static let issuingCountry = iso(E.issuingCountry)
    static let birthDate = iso(E.birthDate)
    static let issueDate = iso(E.issueDate)
    static let expiryDate = iso(E.expiryDate)
    static let drivingPrivileges = iso(E.drivingPrivileges)
    static let firstLicenseDate = china(C.firstLicenseDate)
    static let probationEnd = china(C.probationEnd)
    static let points = china(C.points)
    static let statusLetters = china(C.statusLetters)
}

extension DecisionReason {
    /// `element.unreadable`: a signed element the check reads was disclosed but could not be read; a person must look.
    static func unreadable(_ element: LicenseElement) -> DecisionReason {
        DecisionReason(
            code: "element.unreadable",
            zh: "已签名的数据元素 \(element.identifier) 无法读取（类型或格式错误）",
            en: "The signed element \(element.identifier) was disclosed but could not be read (wrong type or format)",
            severity: .refer
        )
    }
}
