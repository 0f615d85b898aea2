import Foundation
import MDLCBOR
import Testing

/// RFC 3339 `time-numoffset` is `("+" / "-") time-hour ":" time-minute`: hours 00–23, minutes 00–59. An offset
/// outside that range is not a date and is refused, not folded into another instant (issue 14).
struct TDateOffsetRangeTests {
    @Test(arguments: [
        "2024-03-01T08:00:00+25:00", "2024-03-01T08:00:00+24:00", "2024-03-01T08:00:00-24:00",
        "2024-03-01T08:00:00+08:60", "2024-03-01T08:00:00+99:99", "2024-03-01T08:00:00.5-00:75",
    ])
    func anOffsetOutOfRangeIsRefused(text: String) {
        #expect(TDate(rfc3339: text) == nil)
    }

    @Test func theLargestOffsetsInRangeParse() throws {
        let east = try #require(TDate(rfc3339: "2024-03-01T23:59:00+23:59"))
        #expect(east.hasOffset)
        #expect(east.date == TDate(rfc3339: "2024-03-01T00:00:00Z")?.date)
        #expect(TDate(rfc3339: "2024-03-01T00:00:00-23:59")?.date == TDate(rfc3339: "2024-03-01T23:59:00Z")?.date)
    }
}
