import MDLCBOR
import MDLStatus
import MDLVerifier

/// Car rental (cn-license-rules.md §7.2): the licence is valid from pick-up through return, its status is clean,
/// a class covers the vehicle (and the trailer), probation is flagged, age ceilings are respected.
///
/// ```swift
/// var rental = RentalPolicy(vehicleClass: "C1", pickup: today, returnDate: today.adding(days: 3))
/// rental.towsTrailer = true                       // also needs C6 (or A2) under the Chinese scheme
/// let decision = rental.decide(facts)             // .pass, .fail or .refer with reasons
/// ```
public struct RentalPolicy: LicenseCheck {
    /// The class the rented vehicle needs (`"C1"` manual car, `"C2"` automatic; `"B"` under ISO).
    public var vehicleClass: String
    /// The day the vehicle is handed over.
    public var pickup: FullDate
    /// The day it comes back.
    public var returnDate: FullDate
    /// Whether a trailer is rented with it.
    public var towsTrailer: Bool
    /// The class a trailer needs, per scheme. Default: C6 (CN; A2 includes it), BE (ISO).
    public var trailerClass: [LicenseScheme: String]
    /// Status letters that need no remark. Default: A.
    public var acceptableLetters: Set<LicenseStatusLetter>
    /// Status letters reported as warnings. Default: H, I (violations or accident pending).
    public var toleratedLetters: Set<LicenseStatusLetter>
    /// The weight of an ongoing probation without a forbidden use. Default: warning.
    public var probationSeverity: DecisionSeverity
    /// The weight of a missing points record. Default: info (the status letters carry 12-point totals).
    public var missingPointsSeverity: DecisionSeverity
    /// A Token Status List value the caller established itself; `nil` (the default) judges ``LicenseFacts/status``.
    public var credentialStatus: LicenseCredentialStatus?

    /// Creates the policy with the defaults above.
    public init(
        vehicleClass: String, pickup: FullDate, returnDate: FullDate, towsTrailer: Bool = false,
        credentialStatus: LicenseCredentialStatus? = nil
    ) {
        self.vehicleClass = vehicleClass
        self.pickup = pickup
        self.returnDate = returnDate
        self.towsTrailer = towsTrailer
        self.trailerClass = [.cn: "C6", .iso: "BE"]
        self.acceptableLetters = [.a]
        self.toleratedLetters = [.h, .i]
        self.probationSeverity = .warning
        self.missingPointsSeverity = .info
        self.credentialStatus = credentialStatus
    }

    /// The checks for `facts` (the trailer class depends on the licence's scheme).
    public func checks(for facts: LicenseFacts) -> LicensePolicy {
        LicensePolicy {
            ValidityCheck(from: pickup, through: returnDate)
            StatusLetterCheck(acceptable: acceptableLetters, tolerated: toleratedLetters)
            ClassCheck(vehicleClass: vehicleClass, on: pickup, through: returnDate)
            if towsTrailer, let scheme = facts.scheme, let trailer = trailerClass[scheme] {
                ClassCheck(vehicleClass: trailer, on: pickup, through: returnDate)
            }
            ProbationCheck(
                vehicleClass: vehicleClass, on: pickup, use: VehicleUse(towing: towsTrailer),
                inProbationSeverity: probationSeverity)
            AgeCeilingCheck(vehicleClass: vehicleClass, on: returnDate)
            PointsCheck(on: pickup, whenUnknown: missingPointsSeverity)
            CredentialStatusCheck(status: credentialStatus)
        }
    }

    /// See ``LicenseCheck/evaluate(_:)``.
    public func evaluate(_ facts: LicenseFacts) -> [DecisionReason] { checks(for: facts).evaluate(facts) }
}
