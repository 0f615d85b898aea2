import Foundation

/// An RFC 3339 date-time as carried by CBOR tag 0 (`tdate`), e.g. the MSO's `signed`, `validFrom`, `validUntil`.
///
/// ISO 18013-5 wants whole seconds and UTC; real issuers send fractions (the EU reference issuer writes nine digits).
/// Parsing accepts both and records ``hasFractionalSeconds`` so a verification policy can decide.
public struct TDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The instant.
    public let date: Date
    /// Whether the text carried fractional seconds.
    public let hasFractionalSeconds: Bool
    /// Whether the text used a numeric offset instead of `Z`.
    public let hasOffset: Bool

    /// Creates a tdate at `date`, whole seconds in UTC.
    public init(_ date: Date) {
        self.date = Date(timeIntervalSince1970: (date.timeIntervalSince1970).rounded(.down))
        self.hasFractionalSeconds = false
        self.hasOffset = false
    }

    /// Parses `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`; an offset out of RFC 3339's range (hours above 23,
    /// minutes above 59) is refused (`nil`).
    public init?(rfc3339 text: String) {
        // Read in place from the string's UTF-8 (no copy into an array: issue 16).
        var text = text
        guard let parsed = text.withUTF8({ TDate.parse($0) }) else { return nil }
        self = parsed
    }

    private init(date: Date, hasFractionalSeconds: Bool, hasOffset: Bool) {
        self.date = date
        self.hasFractionalSeconds = hasFractionalSeconds
        self.hasOffset = hasOffset
    }

    /// The tdate `chars` spell (RFC 3339 as ``init(rfc3339:)`` reads it), or `nil`.
    package static func parse(_ chars: UnsafeBufferPointer<UInt8>) -> TDate? {
        guard chars.count >= 20 else { return nil }
        func digits(_ start: Int, _ count: Int) -> Int? {
            guard start + count <= chars.count else { return nil }
            var value = 0
            for byte in chars[start..<start + count] {
                guard byte >= 48, byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        guard let year = digits(0, 4), chars[4] == 45, let month = digits(5, 2), chars[7] == 45,
            let day = digits(8, 2), chars[10] == 84 || chars[10] == 116, let hour = digits(11, 2), chars[13] == 58,
            let minute = digits(14, 2), chars[16] == 58, let second = digits(17, 2),
            let calendarDay = FullDate(year: year, month: month, day: day), hour < 24, minute < 60, second < 61
        else { return nil }
        var index = 19
        var fraction = 0.0
        var hasFraction = false
        if index < chars.count, chars[index] == 46 {
            index += 1
            var scale = 0.1
            let start = index
            while index < chars.count, chars[index] >= 48, chars[index] <= 57 {
                fraction += Double(chars[index] - 48) * scale
                scale /= 10
                index += 1
            }
            guard index > start else { return nil }
            hasFraction = true
        }
        guard index < chars.count else { return nil }
        var offsetSeconds = 0
        var hasOffset = false
        if chars[index] == 90 || chars[index] == 122 {
            index += 1
        } else if chars[index] == 43 || chars[index] == 45, let offsetHours = digits(index + 1, 2),
            index + 3 < chars.count, chars[index + 3] == 58, let offsetMinutes = digits(index + 4, 2),
            offsetHours < 24, offsetMinutes < 60
        {
            offsetSeconds = (offsetHours * 3600 + offsetMinutes * 60) * (chars[index] == 43 ? 1 : -1)
            index += 6
            hasOffset = true
        } else {
            return nil
        }
        guard index == chars.count else { return nil }
        let seconds = calendarDay.daysSinceEpoch * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds
        return TDate(date: Date(timeIntervalSince1970: Double(seconds) + fraction), hasFractionalSeconds: hasFraction, hasOffset: hasOffset)
    }

    /// RFC 3339 text in UTC with whole seconds, as ISO 18013-5 writes it: `2024-03-01T08:00:00Z`.
    public var description: String { TDate.format(date) }

    /// RFC 3339 text in UTC with whole seconds for `date`; an instant outside years 1…9999 is written as the nearest
    /// end of that range (never a trap: the dates formatted may come from hostile input).
    public static func format(_ date: Date) -> String {
        let total = Int(EpochSeconds.clampedSeconds(date))
        let days = total >= 0 ? total / 86_400 : (total - 86_399) / 86_400
        let rest = total - days * 86_400
        func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(FullDate(daysSinceEpoch: days))T\(pad(rest / 3600)):\(pad(rest / 60 % 60)):\(pad(rest % 60))Z"
    }

    public static func < (lhs: TDate, rhs: TDate) -> Bool { lhs.date < rhs.date }
}

extension CBOR {
    /// A tag-0 item for `date` in whole seconds, UTC.
    public static func tdate(_ date: Date) -> CBOR { .tagged(0, .text(TDate(date).description)) }

    /// A tag-1004 item for `date`.
    public static func fullDate(_ date: FullDate) -> CBOR { .tagged(1004, .text(date.description)) }
}
