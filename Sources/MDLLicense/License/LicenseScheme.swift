import MDLVerifier
/// The system of licence classes a `vehicle_category_code` belongs to.
///
/// Codes of different schemes are never compared: Chinese `C1` (小型汽车, small car) and ISO/EU `C1` (medium
/// lorry) share a spelling and nothing else.
public enum LicenseScheme: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// China's 准驾车型 (A1 … P), MPS Orders 123/139 and 162.
    case cn
    /// The ISO/IEC 18013-5 vehicle categories (AM … DE, T), read with the EU Directive 2006/126/EC equivalences.
    case iso

    /// The scheme of a licence issued in `issuingCountry` (ISO 3166-1 alpha-2): `CN` → ``cn``, any other → ``iso``;
    /// `nil` when the country is absent or empty.
    public init?(issuingCountry: String?) {
        guard let country = issuingCountry?.trimmingASCIIWhitespace().uppercased(), !country.isEmpty else {
            return nil
        }
        self = country == "CN" ? .cn : .iso
    }

    /// `"cn"` or `"iso"`, as the CLI spells it.
    public var description: String { rawValue }
}
