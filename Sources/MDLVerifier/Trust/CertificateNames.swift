import SwiftASN1
import X509

extension DistinguishedName {
    /// The first value of the attribute `type` as text, or `nil` when absent or not a string type.
    package func firstText(of type: ASN1ObjectIdentifier) -> String? {
        for rdn in self {
            for attribute in rdn where attribute.type == type {
                return String(attribute.value)
            }
        }
        return nil
    }

    /// The country (`C`), e.g. `"CN"`.
    var country: String? { firstText(of: .RDNAttributeType.countryName) }

    /// The state or province (`ST`), e.g. `"SH"`.
    var stateOrProvince: String? { firstText(of: .RDNAttributeType.stateOrProvinceName) }
}
