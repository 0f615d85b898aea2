import MDLCBOR

/// One entry of ISO/IEC 18013-5 `driving_privileges`: a vehicle class or category the holder may drive.
///
/// The ``vehicleCategoryCode`` is read under the issuing country's ``LicenseScheme``: Chinese `C1` (small car)
/// is not the ISO/EU `C1` (medium lorry).
public struct DrivingPrivilege: Sendable, Hashable {
    /// `vehicle_category_code`, e.g. `"C1"` (CN) or `"B"` (ISO/EU).
    public var vehicleCategoryCode: String
    /// `issue_date`: the day the holder obtained this class, when disclosed.
    public var issueDate: FullDate?
    /// `expiry_date`: the last day this class is valid, when disclosed.
    public var expiryDate: FullDate?
    /// `codes`: restrictions and conditions attached to this class (ISO/EU harmonised codes such as `78`).
    public var codes: [DrivingPrivilegeCode]

    /// Creates a privilege.
    public init(
        vehicleCategoryCode: String, issueDate: FullDate? = nil, expiryDate: FullDate? = nil,
        codes: [DrivingPrivilegeCode] = []
    ) {
        self.vehicleCategoryCode = vehicleCategoryCode
        self.issueDate = issueDate
        self.expiryDate = expiryDate
        self.codes = codes
    }

    /// Whether the privilege is in force on `date`: issued on or before it and not expired before it.
    /// Unknown dates do not count against the privilege.
    public func isInForce(on date: FullDate) -> Bool {
        if let issueDate, date < issueDate { return false }
        if let expiryDate, expiryDate < date { return false }
        return true
    }
}

/// A restriction or condition code of a ``DrivingPrivilege`` (ISO/IEC 18013-5 `codes`: `code`, `sign`, `value`).
public struct DrivingPrivilegeCode: Sendable, Hashable {
    /// The code, e.g. `"78"` (automatic transmission only, EU harmonised code).
    public var code: String
    /// The sign, e.g. `"<="`, when the code carries a comparison.
    public var sign: String?
    /// The value the sign compares with, e.g. `"3500"`.
    public var value: String?

    /// Creates a code.
    public init(code: String, sign: String? = nil, value: String? = nil) {
        self.code = code
        self.sign = sign
        self.value = value
    }
}
