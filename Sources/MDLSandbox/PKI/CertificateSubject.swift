import SwiftASN1
import X509

/// The subject name of a sandbox certificate: the attributes ISO/IEC 18013-5 profiles use.
public struct CertificateSubject: Sendable, Hashable {
    /// Country (`C`), ISO 3166-1 alpha-2, e.g. `"CN"`.
    public var country: String?
    /// State or province (`ST`), e.g. the province code `"SH"`.
    public var stateOrProvince: String?
    /// Organisation (`O`), e.g. the licensing office.
    public var organization: String?
    /// Common name (`CN`).
    public var commonName: String

    /// Creates a subject.
    public init(country: String? = nil, stateOrProvince: String? = nil, organization: String? = nil, commonName: String)
    {
        self.country = country
        self.stateOrProvince = stateOrProvince
        self.organization = organization
        self.commonName = commonName
    }

    /// The X.509 distinguished name, in the order C, ST, O, CN.
    ///
    /// - Throws: when the country is not a PrintableString.
    public func distinguishedName() throws -> DistinguishedName {
        typealias Attribute = RelativeDistinguishedName.Attribute
        var attributes: [Attribute] = []
        if let country {
            attributes.append(try Attribute(type: .RDNAttributeType.countryName, printableString: country))
        }
        if let stateOrProvince {
            attributes.append(Attribute(type: .RDNAttributeType.stateOrProvinceName, utf8String: stateOrProvince))
        }
        if let organization {
            attributes.append(Attribute(type: .RDNAttributeType.organizationName, utf8String: organization))
        }
        attributes.append(Attribute(type: .RDNAttributeType.commonName, utf8String: commonName))
        return DistinguishedName(attributes.map { RelativeDistinguishedName($0) })
    }
}
