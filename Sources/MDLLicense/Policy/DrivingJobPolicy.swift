import MDLCBOR
import MDLStatus
import MDLVerifier

/// Hiring a driver (cn-license-rules.md §7.3): required classes held long enough, clean recent points cycles, age
/// bounds, clean status. Start from a preset and adjust any field.
///
/// ```swift
/// let decision = DrivingJobPolicy.rideHailing(vehicleClass: "C1", on: today).decide(facts)
/// ```
public struct DrivingJobPolicy: LicenseCheck {
    /// The classes the job needs; each must be covered.
    public var requiredClasses: [String]
    /// The day of the check.
    public var on: FullDate
    /// Years each required class must have been held; `nil` does not look.
    public var minimumYearsHeld: Int?
    /// What ``minimumYearsHeld`` counts from.
    public var tenureBasis: TenureCheck.Basis
    /// Allowed ages; `nil` does not look.
    public var ageRange: ClosedRange<Int>?
    /// 12-point cycles allowed among the last three; `nil` does not look.
    public var maximumFullCyclesInLastThree: Int?
    /// Letters that disqualify; `nil` means every blocking letter.
    public var disqualifyingLetters: Set<LicenseStatusLetter>?
    /// Letters that need no remark. Default: A.
    public var acceptableLetters: Set<LicenseStatusLetter>
    /// Letters reported as warnings. Default: H, I.
    public var toleratedLetters: Set<LicenseStatusLetter>
    /// How the vehicle is used (for probation).
    public var use: VehicleUse
    /// The weight of a missing points record. Default: refer.
    public var missingPointsSeverity: DecisionSeverity
    /// A Token Status List value the caller established itself; `nil` (the default) judges ``LicenseFacts/status``.
    public var credentialStatus: LicenseCredentialStatus?

    /// Creates a job policy; unset rules are not checked.
    public init(
        requiredClasses: [String], on: FullDate, minimumYearsHeld: Int? = nil, ageRange: ClosedRange<Int>? = nil,
        maximumFullCyclesInLastThree: Int? = nil, disqualifyingLetters: Set<LicenseStatusLetter>? = nil,
        use: VehicleUse = VehicleUse(), credentialStatus: LicenseCredentialStatus? = nil
    ) {
        self.requiredClasses = requiredClasses
        self.on = on
        self.minimumYearsHeld = minimumYearsHeld
        self.tenureBasis = .classHeld
        self.ageRange = ageRange
        self.maximumFullCyclesInLastThree = maximumFullCyclesInLastThree
        self.disqualifyingLetters = disqualifyingLetters
        self.acceptableLetters = [.a]
        self.toleratedLetters = [.h, .i]
        self.use = use
        self.missingPointsSeverity = .refer
        self.credentialStatus = credentialStatus
    }

    /// Ride-hailing (网约车暂行办法 art. 14): the class held 3 years or more, no 12-point cycle in the last three.
    public static func rideHailing(vehicleClass: String = "C1", on: FullDate) -> DrivingJobPolicy {
        DrivingJobPolicy(
            requiredClasses: [vehicleClass], on: on, minimumYearsHeld: 3, maximumFullCyclesInLastThree: 0,
            use: VehicleUse(commercialPassenger: true))
    }

    /// School bus (L162 art. 87): the class and 3 years of driving, aged 25–60, no 12-point cycle in the last three.
    public static func schoolBus(vehicleClass: String, on: FullDate) -> DrivingJobPolicy {
        var policy = DrivingJobPolicy(
            requiredClasses: [vehicleClass], on: on, minimumYearsHeld: 3, ageRange: 25...60,
            maximumFullCyclesInLastThree: 0, use: VehicleUse(bus: true))
        policy.tenureBasis = .drivingExperience
        return policy
    }

    /// A generic job: the classes, valid, and a status free of B, D, E, F, G, J, M, S and U (§7.3).
    public static func generic(
        requiredClasses: [String], on: FullDate,
        disqualifyingLetters: Set<LicenseStatusLetter> = [.b, .d, .e, .f, .g, .j, .m, .s, .u]
    ) -> DrivingJobPolicy {
        DrivingJobPolicy(requiredClasses: requiredClasses, on: on, disqualifyingLetters: disqualifyingLetters)
    }

    /// The checks.
    public var policy: LicensePolicy {
        LicensePolicy {
            ValidityCheck(from: on)
            StatusLetterCheck(
                acceptable: acceptableLetters, tolerated: toleratedLetters, disqualifying: disqualifyingLetters)
            for licenseClass in requiredClasses {
                ClassCheck(vehicleClass: licenseClass, on: on)
                ProbationCheck(vehicleClass: licenseClass, on: on, use: use, inProbationSeverity: .warning)
                AgeCeilingCheck(vehicleClass: licenseClass, on: on)
                if let minimumYearsHeld {
                    TenureCheck(vehicleClass: licenseClass, minimumYears: minimumYearsHeld, on: on, basis: tenureBasis)
                }
            }
            if let ageRange { AgeCheck(range: ageRange, on: on) }
            PointsCheck(
                maximumFullCyclesInLastThree: maximumFullCyclesInLastThree, on: on, whenUnknown: missingPointsSeverity)
            CredentialStatusCheck(status: credentialStatus)
        }
    }

    /// See ``LicenseCheck/evaluate(_:)``.
    public func evaluate(_ facts: LicenseFacts) -> [DecisionReason] { policy.evaluate(facts) }
}
