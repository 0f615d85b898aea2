import MDLVerifier

/// A ready-made request for one use case: the purpose and the fewest elements it needs, each with its retention flag.
///
/// ```swift
/// let template = RequestTemplate.carRental            // names, portrait, classes, dates, status, points; no address
/// let narrower = template.restricted(to: [.iso("family_name"), .iso("driving_privileges")])
/// ```
public struct RequestTemplate: Sendable, Hashable {
    /// The purpose.
    public var purpose: PresentationPurpose
    /// The elements asked for.
    public var elements: [RequestedElement]

    /// Creates a template.
    public init(purpose: PresentationPurpose, elements: [RequestedElement]) {
        self.purpose = purpose
        self.elements = elements
    }

    /// Car rental: who (names, portrait for the face check at the counter), may they drive this car (classes under
    /// the issuing country's scheme, issue and expiry dates), is the licence clean (status letters, points), are
    /// they on probation (probation end, first-licence date). The rental contract keeps the names and the classes.
    /// Every element `RentalPolicy` reads is here (a test holds the two together).
    public static let carRental = RequestTemplate(purpose: .carRental, elements: [
        RequestedElement(.iso(MDLProfile.ISOElement.familyNameNational), intentToRetain: true),
        RequestedElement(.iso(MDLProfile.ISOElement.givenNameNational), intentToRetain: true),
        RequestedElement(.iso(MDLProfile.ISOElement.familyName), intentToRetain: true),
        RequestedElement(.iso(MDLProfile.ISOElement.givenName), intentToRetain: true),
        RequestedElement(.iso(MDLProfile.ISOElement.portrait)),
        RequestedElement(.iso(MDLProfile.ISOElement.issuingCountry)),
        RequestedElement(.iso(MDLProfile.ISOElement.drivingPrivileges), intentToRetain: true),
        RequestedElement(.iso(MDLProfile.ISOElement.issueDate)),
        RequestedElement(.iso(MDLProfile.ISOElement.expiryDate)),
        RequestedElement(.china(MDLProfile.ChinaElement.firstLicenseDate)),
        RequestedElement(.china(MDLProfile.ChinaElement.probationEnd)),
        RequestedElement(.china(MDLProfile.ChinaElement.points)),
        RequestedElement(.china(MDLProfile.ChinaElement.statusLetters)),
    ])

    /// Insurance claim: the claim file keeps the licence number, names, classes and status as of the accident.
    /// Every element `InsuranceClaimPolicy` reads is here (a test holds the two together).
    public static let insuranceClaim = RequestTemplate(purpose: .insuranceClaim, elements: [
        RequestedElement(.iso(MDLProfile.ISOElement.familyNameNational), intentToRetain: true),
        RequestedElement(.iso(MDLProfile.ISOElement.givenNameNational), intentToRetain: true),
        RequestedElement(.iso(MDLProfile.ISOElement.documentNumber), intentToRetain: true),
        RequestedElement(.iso(MDLProfile.ISOElement.issuingCountry), intentToRetain: true),
        RequestedElement(.iso(MDLProfile.ISOElement.drivingPrivileges), intentToRetain: true),
        RequestedElement(.iso(MDLProfile.ISOElement.issueDate), intentToRetain: true),
        RequestedElement(.iso(MDLProfile.ISOElement.expiryDate), intentToRetain: true),
        RequestedElement(.china(MDLProfile.ChinaElement.firstLicenseDate), intentToRetain: true),
        RequestedElement(.china(MDLProfile.ChinaElement.probationEnd), intentToRetain: true),
        RequestedElement(.china(MDLProfile.ChinaElement.points), intentToRetain: true),
        RequestedElement(.china(MDLProfile.ChinaElement.statusLetters), intentToRetain: true),
    ])

    /// Driving job: classes held ≥ 3 years (first-licence date, privileges), points history, age bounds, status,
    /// probation. Every element `DrivingJobPolicy`'s presets read is here (a test holds the two together).
    public static let drivingJob = RequestTemplate(purpose: .drivingJob, elements: [
        RequestedElement(.iso(MDLProfile.ISOElement.familyNameNational), intentToRetain: true),
        RequestedElement(.iso(MDLProfile.ISOElement.givenNameNational), intentToRetain: true),
        RequestedElement(.iso(MDLProfile.ISOElement.birthDate)),
        RequestedElement(.iso(MDLProfile.ISOElement.issuingCountry)),
        RequestedElement(.iso(MDLProfile.ISOElement.drivingPrivileges), intentToRetain: true),
        RequestedElement(.iso(MDLProfile.ISOElement.issueDate)),
        RequestedElement(.iso(MDLProfile.ISOElement.expiryDate)),
        RequestedElement(.china(MDLProfile.ChinaElement.firstLicenseDate)),
        RequestedElement(.china(MDLProfile.ChinaElement.probationEnd)),
        RequestedElement(.china(MDLProfile.ChinaElement.points)),
        RequestedElement(.china(MDLProfile.ChinaElement.statusLetters)),
    ])

    /// The template of a purpose.
    public static func template(for purpose: PresentationPurpose) -> RequestTemplate {
        switch purpose {
        case .carRental: carRental
        case .insuranceClaim: insuranceClaim
        case .drivingJob: drivingJob
        }
    }

    /// Every element the registrar allows for the purpose by default: the template's elements.
    public var elementReferences: [ElementReference] { elements.map(\.element) }

    /// The template asking only for `subset` (its retention flags kept; elements the template lacks are added
    /// without retention).
    public func restricted(to subset: [ElementReference]) -> RequestTemplate {
        let flags = Dictionary(elements.map { ($0.element, $0.intentToRetain) }, uniquingKeysWith: { first, _ in first })
        var seen: Set<ElementReference> = []
        let chosen = subset.filter { seen.insert($0).inserted }.map { RequestedElement($0, intentToRetain: flags[$0] ?? false) }
        return RequestTemplate(purpose: purpose, elements: chosen)
    }
}
