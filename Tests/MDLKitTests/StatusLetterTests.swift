import Testing

@testable import MDLKit
@testable import MDLVerifier
@testable import MDLStatus
@testable import MDLOpenID4VP
@testable import MDLLicense
@testable import MDLJOSE
@testable import MDLHTTP
@testable import MDLCurl

struct StatusLetterTests {
    @Test func parsesASetOfLetters() throws {
        let status = try LicenseStatusLetters(parsing: "BDJ")
        #expect(status.letters == [.b, .d, .j])
        #expect(status.description == "BDJ")
        #expect(status.zh == "超分、暂扣、停止使用")
        #expect(status.blocksDriving)
        #expect(status.blockingLetters == [.b, .d, .j])
        #expect(status.credentialStatus == .suspended)
        #expect(!status.isNormal)
    }

    @Test func acceptsWhitespaceLowerCaseAndRepeats() throws {
        let status = try LicenseStatusLetters(parsing: " jdbB\n")
        #expect(status.letters == [.b, .d, .j])
        #expect(status.description == "BDJ")
    }

    @Test func normalIsOnlyA() throws {
        let status = try LicenseStatusLetters(parsing: "A")
        #expect(status.isNormal && !status.blocksDriving && status.credentialStatus == .valid)
        #expect(try !LicenseStatusLetters(parsing: "AH").isNormal)
        #expect(try !LicenseStatusLetters(parsing: "HI").blocksDriving)
    }

    @Test(arguments: ["", "   ", "AO", "Q", "B,D", "B D", "1", "甲", "BDJX"])
    func refusesWhatIsNotADriverStatusLetter(text: String) {
        #expect(throws: MDLError(code: .statusLetterUnknown)) { try LicenseStatusLetters(parsing: text) }
    }

    @Test func refusesOverlongText() {
        #expect(throws: MDLError(code: .statusLetterUnknown)) {
            try LicenseStatusLetters(parsing: String(repeating: "A", count: 100))
        }
    }

    /// Every letter of cn-license-rules.md §2 with its GA-style name, whether it blocks driving and its Token Status
    /// List value (0 valid, 1 invalid, 2 suspended, 3 superseded).
    static let table: [(String, String, LicenseStatusEffect, UInt8)] = [
        ("A", "正常", .normal, 0), ("B", "超分", .blocking, 2), ("C", "转出", .advisory, 3), ("D", "暂扣", .blocking, 2),
        ("E", "撤销", .blocking, 1), ("F", "吊销", .blocking, 1), ("G", "注销", .blocking, 1),
        ("H", "违法未处理", .advisory, 0), ("I", "事故未处理", .advisory, 0), ("J", "停止使用", .blocking, 2),
        ("K", "扣押", .blocking, 2), ("L", "锁定", .blocking, 2), ("M", "逾期未换证", .blocking, 1),
        ("N", "延期换证", .blocking, 2), ("P", "延期体检", .blocking, 2), ("R", "注销可恢复", .blocking, 1),
        ("S", "逾期未审验", .blocking, 2), ("T", "延期审验", .blocking, 2), ("U", "扣留", .blocking, 2),
        ("Z", "其他", .indeterminate, 2),
    ]

    @Test func everyLetterHasItsMeaningEffectAndStatusValue() throws {
        #expect(Self.table.count == LicenseStatusLetter.allCases.count)
        for (text, zh, effect, value) in Self.table {
            let letter = try #require(LicenseStatusLetter(rawValue: text))
            #expect(letter.zh() == zh, "\(text)")
            #expect(letter.effect() == effect, "\(text)")
            #expect(letter.credentialStatus().rawValue == value, "\(text)")
            #expect(!letter.en().isEmpty)
        }
    }

    @Test func vendorVocabularyReadsKAndRDifferently() throws {
        let ga = try LicenseStatusLetters(parsing: "KR")
        let vendor = try LicenseStatusLetters(parsing: "KR", vocabulary: .vendor)
        #expect(ga.zh == "扣押、注销可恢复")
        #expect(vendor.zh == "协查、逾期未体检")
        #expect(LicenseStatusLetter.k.effect(in: .vendor) == .indeterminate)
        #expect(ga.credentialStatus == .invalid)
        #expect(vendor.credentialStatus == .suspended)
        #expect(ga != vendor)
    }

    @Test func theStrongestLetterDecidesTheCredentialStatus() throws {
        #expect(try LicenseStatusLetters(parsing: "BF").credentialStatus == .invalid)
        #expect(try LicenseStatusLetters(parsing: "CD").credentialStatus == .suspended)
        #expect(try LicenseStatusLetters(parsing: "CH").credentialStatus == .superseded)
        #expect(try LicenseStatusLetters(parsing: "HI").credentialStatus == .valid)
        #expect(LicenseStatusLetters([]).credentialStatus == .valid)
    }
}
