import Foundation
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

/// Every Chinese class against every other, under both class tables, compared with the inclusion lists of
/// cn-license-rules.md §1 written out here as text (independent of the implementation's table).
struct LicenseClassTests {
    /// "准予驾驶的其他准驾车型", Order 162 (2022-04-01 on), copied from the facts file's table.
    static let order162Lists: [String: String] = [
        "A1": "A3 B1 B2 C1 C2 C3 C4 M", "A2": "B1 B2 C1 C2 C3 C4 C6 M", "A3": "C1 C2 C3 C4",
        "B1": "C1 C2 C3 C4 M", "B2": "C1 C2 C3 C4 M", "C1": "C2 C3 C4", "C2": "", "C3": "C4", "C4": "", "C5": "",
        "C6": "", "D": "E F", "E": "F", "F": "", "M": "", "N": "", "P": "",
    ]
    /// Order 123/139: no C6, and A2 (牵引车) covers B1、B2、C1–C4、M.
    static let order123Lists: [String: String] = [
        "A1": "A3 B1 B2 C1 C2 C3 C4 M", "A2": "B1 B2 C1 C2 C3 C4 M", "A3": "C1 C2 C3 C4",
        "B1": "C1 C2 C3 C4 M", "B2": "C1 C2 C3 C4 M", "C1": "C2 C3 C4", "C2": "", "C3": "C4", "C4": "", "C5": "",
        "D": "E F", "E": "F", "F": "", "M": "", "N": "", "P": "",
    ]

    static func day(_ text: String) -> FullDate { FullDate(rfc3339: text) ?? FullDate(daysSinceEpoch: 0) }

    /// (date, expected lists, regulation id): the last day of Order 123, Order 162's first day, and a day under Order 172.
    static let versions: [(String, [String: String], String)] = [
        ("2021-06-01", order123Lists, "cn-mps-order-123"), ("2022-03-31", order123Lists, "cn-mps-order-123"),
        ("2022-04-01", order162Lists, "cn-mps-order-162"), ("2025-06-01", order162Lists, "cn-mps-order-162"),
    ]

    @Test(arguments: 0..<versions.count)
    func everyClassAgainstEveryClass(version: Int) throws {
        let (date, lists, regulation) = Self.versions[version]
        let codes = lists.keys.sorted()
        #expect(codes.count == (lists["A2"]?.contains("C6") == true ? 17 : 16))
        var checked = 0
        for held in codes {
            let included = Set((lists[held] ?? "").split(separator: " ").map(String.init))
            for vehicle in codes {
                let answer = try ClassQuestion.answer(held: [held], vehicle: vehicle, on: Self.day(date), scheme: .cn)
                let expected = held == vehicle || included.contains(vehicle)
                #expect(answer.permitted == expected, "\(held) → \(vehicle) on \(date)")
                #expect(answer.via == (expected ? held : nil), "\(held) → \(vehicle) on \(date)")
                #expect(answer.regulation.id == regulation)
                #expect(answer.vehicle == vehicle)
                checked += 1
            }
        }
        #expect(checked == codes.count * codes.count)
    }

    @Test func c6DoesNotExistBeforeOrder162() throws {
        for (held, vehicle) in [("A2", "C6"), ("C6", "C1")] {
            #expect(throws: MDLError(code: .classUnknown)) {
                try ClassQuestion.answer(held: [held], vehicle: vehicle, on: Self.day("2022-03-31"), scheme: .cn)
            }
        }
        let answer = try ClassQuestion.answer(held: ["A2"], vehicle: "C6", on: Self.day("2022-04-01"), scheme: .cn)
        #expect(answer.permitted && answer.via == "A2")
        #expect(answer.reasons.map(\.code) == ["class.includedBy"])
    }

    @Test func anUnknownHeldPrivilegeIsSkippedWithAReason() throws {
        let privileges = [DrivingPrivilege(vehicleCategoryCode: "C6"), DrivingPrivilege(vehicleCategoryCode: "C1")]
        let answer = try ClassQuestion.answer(
            privileges: privileges, vehicle: "C2", on: Self.day("2021-06-01"), scheme: .cn)
        #expect(answer.permitted && answer.via == "C1")
        #expect(answer.reasons.map(\.code) == ["class.heldUnknown", "class.includedBy"])
    }

    @Test func unknownCodesAreRefusedInEachScheme() {
        for (code, scheme) in [
            ("XX", LicenseScheme.cn), ("BE", .cn), ("AM", .cn), ("C5", .iso), ("M", .iso), ("", .iso),
        ] {
            #expect(throws: MDLError(code: .classUnknown)) {
                try ClassQuestion.answer(held: ["C1"], vehicle: code, on: Self.day("2024-01-01"), scheme: scheme)
            }
        }
    }

    @Test func codesAreNormalisedAndTheDirectClassIsPreferredAsVia() throws {
        let answer = try ClassQuestion.answer(
            held: ["a1", " c1 "], vehicle: "c2", on: Self.day("2024-01-01"), scheme: .cn)
        #expect(answer.vehicle == "C2" && answer.via == "A1")
        let direct = try ClassQuestion.answer(
            held: ["A1", "C1"], vehicle: "C1", on: Self.day("2024-01-01"), scheme: .cn)
        #expect(direct.via == "C1")
        #expect(direct.reasons.map(\.code) == ["class.held"])
    }

    @Test func nothingHeldIsAnsweredNotPermitted() throws {
        let answer = try ClassQuestion.answer(held: [], vehicle: "C1", on: Self.day("2024-01-01"), scheme: .cn)
        #expect(!answer.permitted && answer.via == nil)
        #expect(answer.reasons.map(\.code) == ["class.noneHeld"])
    }

    @Test func familiesAndAddOnClassesFollowTheFacts() {
        let motorcycles = CNLicenseClass.allCases.filter { $0.family == .motorcycle }.map(\.rawValue)
        #expect(motorcycles == ["D", "E", "F"])
        #expect(CNLicenseClass.allCases.filter(\.isAddOnOnly).map(\.rawValue) == ["A1", "A2", "B1", "C6"])
        #expect(CNLicenseClass.a2.zhName(under: .cnOrder123) == "牵引车")
        #expect(CNLicenseClass.a2.zhName(under: .cnOrder162) == "重型牵引挂车")
        #expect(CNLicenseClass.m.zhName(under: .cnOrder123) == "轮式自行机械车")
        #expect(CNLicenseClass.c5.zhVehicles(under: .cnOrder162).contains("上肢"))
        #expect(!CNLicenseClass.c5.zhVehicles(under: .cnOrder123).contains("上肢"))
    }

    @Test func answerEncodesToTheCLIShape() throws {
        let answer = try ClassQuestion.answer(held: ["C1"], vehicle: "C6", on: Self.day("2024-01-01"), scheme: .cn)
        let json = try JSONEncoder.licenseSortedKeys.encode(answer)
        let object = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
        #expect(Set(object.keys) == ["permitted", "vehicle", "via", "regulation", "reasons"])
        #expect(object["via"] is NSNull)
        #expect(object["permitted"] as? Bool == false)
        #expect(object["regulation"] as? String == "cn-mps-order-162")
        let reasons = try #require(object["reasons"] as? [[String: String]])
        #expect(reasons.map { Set($0.keys) } == [["code", "zh", "en"]])
        #expect(reasons.first?["code"] == "class.notPermitted")
    }
}

extension JSONEncoder {
    static var licenseSortedKeys: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }
}
