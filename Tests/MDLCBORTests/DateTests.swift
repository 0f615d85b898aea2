import Foundation
import MDLCBOR
import Testing

/// The instant of a UTC calendar time, computed with Foundation's calendar (independent of the code under test).
func utc(_ year: Int, _ month: Int, _ day: Int, _ hour: Int = 0, _ minute: Int = 0, _ second: Int = 0) -> Date? {
    var calendar = Calendar(identifier: .gregorian)
    guard let zone = TimeZone(secondsFromGMT: 0) else { return nil }
    calendar.timeZone = zone
    return calendar.date(from: DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second))
}

struct TDateTests {
    @Test func parsesWholeSecondsInUTC() throws {
        let date = try #require(TDate(rfc3339: "2024-03-01T08:00:00Z"))
        #expect(date.date == utc(2024, 3, 1, 8))
        #expect(!date.hasFractionalSeconds)
        #expect(!date.hasOffset)
        #expect(date.description == "2024-03-01T08:00:00Z")
        #expect(TDate(rfc3339: "2024-03-01t08:00:00z")?.date == date.date)
    }

    @Test func parsesFractionalSeconds() throws {
        let date = try #require(TDate(rfc3339: "2024-03-01T08:00:00.123456789Z"))
        let whole = try #require(utc(2024, 3, 1, 8))
        #expect(date.hasFractionalSeconds)
        #expect(abs(date.date.timeIntervalSince(whole) - 0.123456789) < 1e-6)
        #expect(date.description == "2024-03-01T08:00:00Z")
        #expect(TDate(rfc3339: "2024-03-01T08:00:00.5Z")?.date == whole.addingTimeInterval(0.5))
    }

    @Test func parsesNumericOffsets() throws {
        let east = try #require(TDate(rfc3339: "2024-03-01T16:00:00+08:00"))
        #expect(east.date == utc(2024, 3, 1, 8))
        #expect(east.hasOffset)
        let west = try #require(TDate(rfc3339: "2024-02-29T21:30:00-10:30"))
        #expect(west.date == utc(2024, 3, 1, 8))
        #expect(TDate(rfc3339: "2024-03-01T08:00:00+00:00")?.date == utc(2024, 3, 1, 8))
        #expect(TDate(rfc3339: "2024-03-01T08:00:00.25-01:00")?.date == utc(2024, 3, 1, 9)?.addingTimeInterval(0.25))
    }

    @Test func acceptsALeapSecondAndDatesBeforeTheEpoch() throws {
        #expect(TDate(rfc3339: "2016-12-31T23:59:60Z")?.date == utc(2017, 1, 1))
        let early = try #require(TDate(rfc3339: "1969-12-31T23:59:59Z"))
        #expect(early.date.timeIntervalSince1970 == -1)
        #expect(early.description == "1969-12-31T23:59:59Z")
        #expect(TDate(Date(timeIntervalSince1970: -0.5)).description == "1969-12-31T23:59:59Z")
    }

    @Test(arguments: [
        "", "2024-03-01", "2024-03-01T08:00:00", "2024-03-01T08:00Z", "2024-03-01 08:00:00Z", "2024-3-01T08:00:00Z",
        "2024-02-30T00:00:00Z", "2023-02-29T00:00:00Z", "2024-13-01T00:00:00Z", "2024-00-01T00:00:00Z",
        "2024-03-01T24:00:00Z", "2024-03-01T08:60:00Z", "2024-03-01T08:00:61Z", "2024-03-01T08:00:00.Z",
        "2024-03-01T08:00:00+0800", "2024-03-01T08:00:00+08", "2024-03-01T08:00:00+08:00x", "2024-03-01T08:00:00Zx",
        "2024-03-01T08:00:00UTC", "+2024-03-01T08:00:00Z", "２０２４-03-01T08:00:00Z", "2024-03-01T08:00:00,5Z",
    ])
    func refusesInvalidText(_ text: String) {
        #expect(TDate(rfc3339: text) == nil)
    }

    @Test func roundsToWholeSecondsAndOrders() throws {
        let instant = Date(timeIntervalSince1970: 1_709_280_000.9)
        let date = TDate(instant)
        #expect(date.date.timeIntervalSince1970 == 1_709_280_000)
        #expect(date.description == "2024-03-01T08:00:00Z")
        #expect(TDate(rfc3339: date.description) == date)
        let later = try #require(TDate(rfc3339: "2024-03-01T08:00:01Z"))
        #expect(date < later)
        #expect(CBOR.tdate(instant) == .tagged(0, "2024-03-01T08:00:00Z"))
    }

    @Test func formatsRandomInstantsLikeFoundation() throws {
        var random = SplitMix64(seed: 0x7DA7E)
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(secondsFromGMT: 0)
        for _ in 0..<500 {
            let seconds = Double(Int64(bitPattern: random.next() % 8_000_000_000) - 2_000_000_000)
            let instant = Date(timeIntervalSince1970: seconds)
            let text = TDate.format(instant)
            #expect(text == formatter.string(from: instant))
            #expect(TDate(rfc3339: text)?.date == instant)
        }
    }
}

struct FullDateTests {
    @Test func knowsLeapYears() {
        #expect(FullDate(year: 2024, month: 2, day: 29) != nil)
        #expect(FullDate(year: 2000, month: 2, day: 29) != nil)
        #expect(FullDate(year: 2023, month: 2, day: 29) == nil)
        #expect(FullDate(year: 1900, month: 2, day: 29) == nil)
        #expect(FullDate(year: 2100, month: 2, day: 29) == nil)
        #expect(FullDate(year: 2024, month: 4, day: 31) == nil)
        #expect(FullDate(year: 2024, month: 12, day: 31) != nil)
        #expect(FullDate(year: 0, month: 1, day: 1) == nil)
        #expect(FullDate(year: 2024, month: 13, day: 1) == nil)
        #expect(FullDate(year: 2024, month: 1, day: 0) == nil)
    }

    @Test func parsesAndPrintsRFC3339() throws {
        let date = try #require(FullDate(rfc3339: "2024-03-01"))
        #expect(date.year == 2024 && date.month == 3 && date.day == 1)
        #expect(date.description == "2024-03-01")
        #expect(FullDate(year: 987, month: 6, day: 5)?.description == "0987-06-05")
        for text in ["2024-3-01", "2024-03-1", "24-03-01", "2024/03/01", "2024-02-30", "2024-03-01T", "2024-0a-01", "-024-03-01"] {
            #expect(FullDate(rfc3339: text) == nil, "\(text)")
        }
        #expect(CBOR.fullDate(date) == .tagged(1004, "2024-03-01"))
    }

    @Test func daysSinceEpochAgreesWithFoundation() throws {
        var random = SplitMix64(seed: 1004)
        #expect(FullDate(year: 1970, month: 1, day: 1)?.daysSinceEpoch == 0)
        // Foundation's Gregorian calendar is Julian before October 1582, so compare from 1583 on.
        for _ in 0..<500 {
            let days = Int(random.next() % 2_900_000) - 140_000
            let date = FullDate(daysSinceEpoch: days)
            #expect(date.daysSinceEpoch == days)
            let expected = try #require(utc(date.year, date.month, date.day))
            #expect(Double(days) * 86_400 == expected.timeIntervalSince1970)
            #expect(FullDate(rfc3339: date.description) == date)
        }
    }

    @Test func wholeYearsCountBirthdays() throws {
        let leapling = try #require(FullDate(rfc3339: "2000-02-29"))
        #expect(leapling.wholeYears(until: try #require(FullDate(rfc3339: "2018-02-28"))) == 17)
        #expect(leapling.wholeYears(until: try #require(FullDate(rfc3339: "2018-03-01"))) == 18)
        #expect(leapling.wholeYears(until: try #require(FullDate(rfc3339: "2020-02-29"))) == 20)
        let born = try #require(FullDate(rfc3339: "2006-07-15"))
        #expect(born.wholeYears(until: try #require(FullDate(rfc3339: "2024-07-14"))) == 17)
        #expect(born.wholeYears(until: try #require(FullDate(rfc3339: "2024-07-15"))) == 18)
        #expect(born.wholeYears(until: born) == 0)
        #expect(born.wholeYears(until: try #require(FullDate(rfc3339: "2005-07-15"))) == -1)
    }

    @Test func addsYearsAndDays() throws {
        let leapDay = try #require(FullDate(rfc3339: "2024-02-29"))
        #expect(leapDay.adding(years: 1).description == "2025-02-28")
        #expect(leapDay.adding(years: 4).description == "2028-02-29")
        #expect(leapDay.adding(years: -24).description == "2000-02-29")
        #expect(leapDay.adding(days: 1).description == "2024-03-01")
        #expect(leapDay.adding(days: 366).description == "2025-03-01")
        #expect(try #require(FullDate(rfc3339: "2023-12-31")).adding(days: 1).description == "2024-01-01")
        #expect(try #require(FullDate(rfc3339: "1970-01-01")).adding(days: -1).description == "1969-12-31")
    }

    @Test func comparesChronologically() throws {
        let dates = try ["2024-03-01", "1999-12-31", "2024-02-29", "2024-03-02", "1970-01-01"].map {
            try #require(FullDate(rfc3339: $0))
        }
        #expect(dates.sorted().map(\.description) == ["1970-01-01", "1999-12-31", "2024-02-29", "2024-03-01", "2024-03-02"])
        #expect(dates.sorted() == dates.sorted { $0.daysSinceEpoch < $1.daysSinceEpoch })
    }
}

struct HexTests {
    @Test func roundTripsRandomBytes() {
        var random = SplitMix64(seed: 16)
        for length in 0..<100 {
            let value = (0..<length).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            let text = Hex.encode(value)
            #expect(text.count == 2 * length)
            #expect(text == text.lowercased())
            #expect(Hex.decode(text) == value)
            #expect(Hex.decode(text.uppercased()) == value)
        }
    }

    @Test func decodesLooseTextAndRefusesNonHex() {
        #expect(Hex.encode([0x00, 0x0f, 0xa0, 0xff]) == "000fa0ff")
        #expect(Hex.decode("00 0F\na0\tFf\r\n") == [0x00, 0x0f, 0xa0, 0xff])
        #expect(Hex.decode("") == [])
        #expect(Hex.decode("abc") == nil)
        #expect(Hex.decode("0g") == nil)
        #expect(Hex.decode("0x00") == nil)
        #expect(Hex.decode("é0") == nil)
    }
}
