import MDLCBOR
import MDLKit
import Testing

/// A vehicle class bound to its scheme (issue 15): the same spelling in two schemes is two different values, and the
/// question takes its scheme from the class.
struct VehicleClassTests {
    static func day(_ text: String) -> FullDate { FullDate(rfc3339: text) ?? FullDate(daysSinceEpoch: 0) }

    @Test func theSameSpellingInTwoSchemesIsTwoValues() throws {
        let chinese = try #require(VehicleClass(code: " c1 ", scheme: .cn))
        let iso = try #require(VehicleClass(code: "C1", scheme: .iso))
        #expect(chinese == .cn(.c1))
        #expect(iso == .iso(.c1))
        #expect(chinese != iso)
        #expect(chinese.code == iso.code)
        #expect(chinese.description == "cn:C1" && iso.description == "iso:C1")
        #expect(VehicleClass(code: "AM", scheme: .cn) == nil)  // an ISO category, not a Chinese class
        #expect(VehicleClass(code: "P", scheme: .iso) == nil)
    }

    @Test func theQuestionTakesItsSchemeFromTheClass() throws {
        let held = [DrivingPrivilege(vehicleCategoryCode: "B2")]
        let day = Self.day("2024-06-01")
        let chinese = try ClassQuestion.answer(privileges: held, vehicle: .cn(.c1), on: day)
        #expect(chinese == (try ClassQuestion.answer(privileges: held, vehicle: "C1", on: day, scheme: .cn)))
        #expect(chinese.permitted)  // Chinese B2 covers C1
        let iso = try ClassQuestion.answer(privileges: held, vehicle: .iso(.c1), on: day)
        #expect(iso == (try ClassQuestion.answer(privileges: held, vehicle: "C1", on: day, scheme: .iso)))
    }

    @Test func aClassNotYetInForceIsRefused() {
        #expect(throws: MDLError(code: .classUnknown)) {
            try ClassQuestion.answer(privileges: [], vehicle: .cn(.c6), on: Self.day("2021-01-01"))
        }
    }
}
