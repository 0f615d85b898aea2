import Foundation
import MDLCBOR
import MDLKit
import MDLSandbox
import Testing

/// Each use case's request asks for every element its policy reads, and the sandbox registrar registers exactly
/// what the request asks: policy needs ⊆ template ⊆ registration. The needs come from the checks' own
/// declarations (`elementsRead`), and those declarations are proved complete by deciding on only the declared
/// elements.
struct TemplateNeedsTests {
    static let day = FullDate(year: 2026, month: 3, day: 15) ?? FullDate(daysSinceEpoch: 0)

    /// The presets of each use case's policy.
    static func policies(for purpose: PresentationPurpose) -> [(name: String, policy: any LicenseCheck)] {
        switch purpose {
        case .carRental:
            [
                ("rental C1", RentalPolicy(vehicleClass: "C1", pickup: day, returnDate: day.adding(days: 3))),
                ("rental C2", RentalPolicy(vehicleClass: "C2", pickup: day, returnDate: day.adding(days: 3))),
                (
                    "rental C1 with trailer",
                    RentalPolicy(vehicleClass: "C1", pickup: day, returnDate: day.adding(days: 3), towsTrailer: true)
                ),
            ]
        case .insuranceClaim:
            [
                ("claim C1", InsuranceClaimPolicy(accidentDate: day, vehicleClass: "C1")),
                (
                    "claim C1 towing",
                    InsuranceClaimPolicy(accidentDate: day, vehicleClass: "C1", use: VehicleUse(towing: true))
                ),
            ]
        case .drivingJob:
            [
                ("ride-hailing", DrivingJobPolicy.rideHailing(on: day)),
                ("school bus", DrivingJobPolicy.schoolBus(vehicleClass: "B1", on: day)),
                ("generic", DrivingJobPolicy.generic(requiredClasses: ["C1"], on: day)),
            ]
        }
    }

    @Test(arguments: PresentationPurpose.allCases)
    func policyNeedsAreAskedForAndTheAskIsRegistered(purpose: PresentationPurpose) throws {
        let template = RequestTemplate.template(for: purpose)
        let asked = Set(template.elementReferences.map { LicenseElement($0.nameSpace, $0.identifier) })
        for (name, policy) in Self.policies(for: purpose) {
            let needs = policy.elementsRead
            #expect(!needs.isEmpty, "\(name) declares nothing")
            let missing = needs.subtracting(asked).sorted()
            #expect(missing.isEmpty, "\(name) reads \(missing) but the \(purpose) template does not ask for it")
        }
        // The registration as the certificate carries it, read back.
        let registered = try WellKnownSandbox.relyingParty(for: purpose, now: SandboxFixture.now)
        let registration = try RelyingPartyRegistration(certificate: registered.certificate)
        #expect(registration.allowedElements(for: purpose) == Set(template.elementReferences))
    }

    @Test func theClassCheckNeedsTheIssuingCountry() {
        let needs = ClassCheck(vehicleClass: "C1", on: Self.day).elementsRead
        #expect(needs.contains(.iso("issuing_country")))
        #expect(
            RentalPolicy(vehicleClass: "C1", pickup: Self.day, returnDate: Self.day).elementsRead.contains(
                .china("status_letters")
            )
        )
        // A class with no age ceiling does not need the birth date; one with a ceiling does.
        #expect(!AgeCeilingCheck(vehicleClass: "C1", on: Self.day).elementsRead.contains(.iso("birth_date")))
        #expect(AgeCeilingCheck(vehicleClass: "B1", on: Self.day).elementsRead.contains(.iso("birth_date")))
        // Facts given instead of read are not needed.
        #expect(StatusLetterCheck(statusOverride: try? LicenseStatusLetters(parsing: "A")).elementsRead.isEmpty)
    }

    /// The declarations are complete: deciding on only the declared elements gives the same reasons as deciding on
    /// the whole licence, for every preset and every sandbox persona.
    @Test(arguments: PresentationPurpose.allCases)
    func aPolicyDecidesTheSameOnOnlyTheElementsItDeclares(purpose: PresentationPurpose) {
        let today = Self.day
        for persona in Persona.all(today: today, asOf: SandboxFixture.now) {
            let full = LicenseFacts(elements: persona.record.elements)
            for (name, policy) in Self.policies(for: purpose) {
                let declared = policy.elementsRead
                var only: [String: [String: CBOR]] = [:]
                for (nameSpace, items) in persona.record.elements {
                    for (identifier, value) in items where declared.contains(LicenseElement(nameSpace, identifier)) {
                        only[nameSpace, default: [:]][identifier] = value
                    }
                }
                let reduced = LicenseFacts(elements: only)
                #expect(
                    policy.decide(reduced).reasons == policy.decide(full).reasons,
                    "\(name) on \(persona.id) reads an element it does not declare"
                )
            }
        }
    }
}
