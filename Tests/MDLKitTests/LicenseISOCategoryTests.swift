import MDLCBOR
import Testing

@testable import MDLKit
@testable import MDLVerifier
@testable import MDLStatus
@testable import MDLOpenID4VP
@testable import MDLLicense
@testable import MDLJOSE
@testable import MDLHTTP
@testable import MDLCurl

/// ISO/EU categories against each other, compared with Directive 2006/126/EC art. 6(2) as written out here.
struct LicenseISOCategoryTests {
    /// Unconditional equivalences: (a) C1E/CE/D1E/DE → BE; (c) CE → C1E, DE → D1E; (d) every directive category → AM;
    /// (e) A2 → A1; (f) A → A1, A2; B → B1; C → C1; D → D1. T is national: nothing.
    static let lists: [String: String] = [
        "AM": "", "A1": "AM", "A2": "A1 AM", "A": "A1 A2 AM", "B1": "AM", "B": "B1 AM", "BE": "AM",
        "C1": "AM", "C1E": "BE AM", "C": "C1 AM", "CE": "C1E BE AM", "D1": "AM", "D1E": "BE AM", "D": "D1 AM",
        "DE": "D1E BE AM", "T": "",
    ]

    @Test func everyCategoryAgainstEveryCategory() throws {
        let day = try #require(FullDate(rfc3339: "2024-05-01"))
        for held in Self.lists.keys.sorted() {
            let included = Set((Self.lists[held] ?? "").split(separator: " ").map(String.init))
            for vehicle in Self.lists.keys.sorted() {
                let answer = try ClassQuestion.answer(held: [held], vehicle: vehicle, on: day, scheme: .iso)
                #expect(answer.permitted == (held == vehicle || included.contains(vehicle)), "\(held) → \(vehicle)")
                #expect(answer.regulation == .euDrivingLicenceDirective)
            }
        }
    }

    @Test func ceCoversDEOnlyWithD() throws {
        let day = try #require(FullDate(rfc3339: "2024-05-01"))
        #expect(try !ClassQuestion.answer(held: ["CE"], vehicle: "DE", on: day, scheme: .iso).permitted)
        let answer = try ClassQuestion.answer(held: ["D", "CE"], vehicle: "DE", on: day, scheme: .iso)
        #expect(answer.permitted && answer.via == "CE")
        #expect(answer.reasons.map(\.code) == ["class.includedWithD"])
    }

    @Test func restrictionCodesAreReportedAsConditions() throws {
        let day = try #require(FullDate(rfc3339: "2024-05-01"))
        let privilege = DrivingPrivilege(
            vehicleCategoryCode: "B", codes: [DrivingPrivilegeCode(code: "78"), DrivingPrivilegeCode(code: "01.06")])
        let answer = try ClassQuestion.answer(privileges: [privilege], vehicle: "B1", on: day, scheme: .iso)
        #expect(answer.permitted)
        #expect(answer.reasons.map(\.code) == ["class.includedBy", "restriction.automaticOnly", "restriction.driver"])
    }

    @Test func aPrivilegeCountsOnlyInsideItsDates() throws {
        let issued = try #require(FullDate(rfc3339: "2020-01-01"))
        let expired = try #require(FullDate(rfc3339: "2023-12-31"))
        let privilege = DrivingPrivilege(vehicleCategoryCode: "C", issueDate: issued, expiryDate: expired)
        let inside = try ClassQuestion.answer(privileges: [privilege], vehicle: "C1", on: expired, scheme: .iso)
        #expect(inside.permitted)
        let after = try ClassQuestion.answer(
            privileges: [privilege], vehicle: "C1", on: expired.adding(days: 1), scheme: .iso)
        #expect(!after.permitted)
        #expect(after.reasons.map(\.code) == ["class.privilegeNotInForce", "class.noneHeld"])
    }

    @Test func schemeComesFromTheIssuingCountry() {
        #expect(LicenseScheme(issuingCountry: "CN") == .cn)
        #expect(LicenseScheme(issuingCountry: "cn ") == .cn)
        #expect(LicenseScheme(issuingCountry: "DE") == .iso)
        #expect(LicenseScheme(issuingCountry: "US") == .iso)
        #expect(LicenseScheme(issuingCountry: nil) == nil)
        #expect(LicenseScheme(issuingCountry: "") == nil)
    }

    @Test func theSameSpellingMeansDifferentThingsPerScheme() throws {
        let day = try #require(FullDate(rfc3339: "2024-05-01"))
        // Chinese C1 (small car) covers C2; ISO C1 (medium lorry) has no C2 at all.
        #expect(try ClassQuestion.answer(held: ["C1"], vehicle: "C2", on: day, scheme: .cn).permitted)
        #expect(throws: MDLError(code: .classUnknown)) {
            try ClassQuestion.answer(held: ["C1"], vehicle: "C2", on: day, scheme: .iso)
        }
    }
}
