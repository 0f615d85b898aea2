import MDLCBOR

// The elements each of MDLKit's checks reads, declared next to nothing else so a request template can be proved
// to ask for them (the test compares these with the templates, not a copy of them).

extension ValidityCheck {
    /// `expiry_date`, and `issue_date` for a document issued after the day.
    public var elementsRead: Set<LicenseElement> { [.expiryDate, .issueDate] }
}

extension ClassCheck {
    /// `driving_privileges`, read under the scheme of `issuing_country`.
    public var elementsRead: Set<LicenseElement> { [.issuingCountry, .drivingPrivileges] }
}

extension TowingClassCheck {
    var elementsRead: Set<LicenseElement> { [.issuingCountry, .drivingPrivileges] }
}

extension ProbationCheck {
    /// `probation_end`, else the class dates of `driving_privileges` or `first_license_date` (Chinese scheme, chosen
    /// by `issuing_country`).
    public var elementsRead: Set<LicenseElement> {
        [.issuingCountry, .probationEnd, .drivingPrivileges, .firstLicenseDate]
    }
}

extension AgeCheck {
    /// `birth_date`.
    public var elementsRead: Set<LicenseElement> { [.birthDate] }
}

extension AgeCeilingCheck {
    /// `issuing_country` (the ceilings are Chinese), and `birth_date` when the class has a ceiling on the day.
    public var elementsRead: Set<LicenseElement> {
        guard let licenseClass = CNLicenseClass(code: vehicleClass), AgeCeiling.of(licenseClass, on: on) != nil else {
            return [.issuingCountry]
        }
        return [.issuingCountry, .birthDate]
    }
}

extension TenureCheck {
    /// The class dates of `driving_privileges` (scheme from `issuing_country`), else `first_license_date`.
    public var elementsRead: Set<LicenseElement> { [.issuingCountry, .drivingPrivileges, .firstLicenseDate] }
}

extension StatusLetterCheck {
    /// `status_letters`, unless letters were given instead.
    public var elementsRead: Set<LicenseElement> { statusOverride == nil ? [.statusLetters] : [] }
}

extension StatusTimingNote {
    var elementsRead: Set<LicenseElement> { [.statusLetters] }
}

extension PointsCheck {
    /// `points`, unless a record was given instead.
    public var elementsRead: Set<LicenseElement> { pointsOverride == nil ? [.points] : [] }
}

extension RentalPolicy {
    /// What its checks read (a trailer's class check reads the same elements as the vehicle's).
    public var elementsRead: Set<LicenseElement> { checks(for: LicenseFacts()).elementsRead }
}

extension InsuranceClaimPolicy {
    /// What its checks read.
    public var elementsRead: Set<LicenseElement> { policy.elementsRead }
}

extension DrivingJobPolicy {
    /// What its checks read.
    public var elementsRead: Set<LicenseElement> { policy.elementsRead }
}
