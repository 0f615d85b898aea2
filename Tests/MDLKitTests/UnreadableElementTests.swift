import Foundation
import MDLCBOR
import MDLKit
import Testing

/// A signed element that is present but cannot be read is named in `LicenseFacts.unreadableElements`, not
/// silently taken for "not disclosed".
struct UnreadableElementTests {
    typealias E = MDLProfile.ISOElement
    typealias C = MDLProfile.ChinaElement

    static let goodPrivilege: CBOR = .map(["vehicle_category_code": "C1", "issue_date": .fullDate(date("2020-01-01"))])

    static func date(_ text: String) -> FullDate { FullDate(rfc3339: text) ?? FullDate(daysSinceEpoch: 0) }

    @Test func wronglyTypedElementsAreNamedAndTheirFactsStayAbsent() {
        let facts = LicenseFacts(elements: [
            MDLProfile.isoNameSpace: [
                E.issuingCountry: "CN", E.familyName: .int(7), E.expiryDate: .int(20_261_202),
                E.birthDate: .text("not a date"), E.portrait: .text("jpeg"),
                E.issueDate: .fullDate(Self.date("2020-01-01")),
            ],
            MDLProfile.chinaNameSpace: [
                C.statusLetters: .text("A?"), C.points: .map(["in_cycle": .int(3)]), C.probationEnd: .null,
            ],
        ])
        #expect(
            facts.unreadableElements.map(\.description) == [
                "cn.gov.mps.edl.1/points", "cn.gov.mps.edl.1/probation_end", "cn.gov.mps.edl.1/status_letters",
                "org.iso.18013.5.1/birth_date", "org.iso.18013.5.1/expiry_date", "org.iso.18013.5.1/family_name",
                "org.iso.18013.5.1/portrait",
            ]
        )
        #expect(facts.expiryDate == nil && facts.birthDate == nil && facts.familyName == nil && facts.points == nil)
        #expect(facts.statusLetters == nil && facts.probationEnd == nil && facts.portrait == nil)
        // Readable and absent elements are not named.
        #expect(facts.issueDate == Self.date("2020-01-01"))
        #expect(!facts.unreadableElements.contains(.iso(E.issuingCountry)))
        #expect(!facts.unreadableElements.contains(.iso(E.givenName)))
        // The summary names them without their values.
        #expect(facts.description.contains("unreadable: [points,probation_end,status_letters,birth_date,expiry_date"))
        #expect(!facts.description.contains("20261202"))
    }

    @Test func aPrivilegeWithAMalformedPartIsLeftOutAndNamed() {
        let entries: [CBOR] = [
            Self.goodPrivilege,
            .map(["vehicle_category_code": "A2", "issue_date": .int(2021)]),  // a date that is not a date
            .map(["vehicle_category_code": "B2", "codes": .text("78")]),  // codes that are not a list
            .map(["vehicle_category_code": "C6", "codes": .array([.map(["code": "78", "sign": .int(1)])])]),
            .map(["issue_date": .fullDate(Self.date("2020-01-01"))]),  // no class code
        ]
        let facts = LicenseFacts(elements: [
            MDLProfile.isoNameSpace: [E.issuingCountry: "CN", E.drivingPrivileges: .array(entries)]
        ])
        #expect(facts.drivingPrivileges.map(\.vehicleCategoryCode) == ["C1"])
        #expect(facts.unreadableElements == [.iso(E.drivingPrivileges)])
        // Not an array at all.
        let scalar = LicenseFacts(elements: [MDLProfile.isoNameSpace: [E.drivingPrivileges: "C1"]])
        #expect(scalar.drivingPrivileges.isEmpty && scalar.unreadableElements == [.iso(E.drivingPrivileges)])
    }

    @Test func aWellFormedLicenceHasNoUnreadableElements() {
        let facts = LicenseFacts(elements: [
            MDLProfile.isoNameSpace: [
                E.issuingCountry: "CN", E.expiryDate: .fullDate(Self.date("2030-01-01")),
                E.drivingPrivileges: .array([Self.goodPrivilege]),
            ],
            MDLProfile.chinaNameSpace: [C.statusLetters: "A"],
        ])
        #expect(facts.unreadableElements.isEmpty)
        #expect(facts.drivingPrivileges.count == 1 && facts.statusLetters != nil)
    }
}

extension UnreadableElementTests {
    /// A policy that reads an unreadable element refers with `element.unreadable`; one that does not read it is not
    /// affected.
    @Test func aDecisionOnAnUnreadableElementItReadsRefers() {
        let day = Self.date("2026-03-15")
        var facts = LicenseFacts(elements: [
            MDLProfile.isoNameSpace: [
                E.issuingCountry: "CN", E.expiryDate: .int(20_300_101), E.issueDate: .fullDate(Self.date("2020-01-01")),
                E.drivingPrivileges: .array([Self.goodPrivilege]),
            ],
            MDLProfile.chinaNameSpace: [C.statusLetters: "A"],
        ])
        let validity = ValidityCheck(from: day).decide(facts)
        #expect(validity.outcome == .refer)
        #expect(validity.reasons.contains { $0.code == "element.unreadable" && $0.en.contains("expiry_date") })
        #expect(!ClassCheck(vehicleClass: "C1", on: day).decide(facts).has("element.unreadable"))
        let rental = RentalPolicy(vehicleClass: "C1", pickup: day, returnDate: day.adding(days: 2)).decide(facts)
        #expect(rental.outcome != .pass && rental.has("element.unreadable"))
        facts.expiryDate = Self.date("2030-01-01")
        facts.unreadableElements = []
        #expect(!ValidityCheck(from: day).decide(facts).has("element.unreadable"))
    }
}
