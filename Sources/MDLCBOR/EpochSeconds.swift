import Foundation

/// Seconds since 1970 read from untrusted input (CWT `iat`/`exp`, tag-1 dates), kept to the instants RFC 3339 can
/// write: 0001-01-01T00:00:00Z through 9999-12-31T23:59:59Z.
///
/// An integer such as 2^63 is well-formed CBOR but no instant a licence, token or trust list can mean; turning it
/// into a `Date` and later into text or whole seconds would overflow. Readers refuse it with their own error.
public enum EpochSeconds {
    /// The earliest instant accepted: 0001-01-01T00:00:00Z.
    public static let earliest: Int64 = -62_135_596_800
    /// The latest instant accepted: 9999-12-31T23:59:59Z.
    public static let latest: Int64 = 253_402_300_799

    /// The instant `seconds` after 1970, or `nil` outside ``earliest``…``latest``.
    public static func date(_ seconds: Int64) -> Date? {
        (earliest...latest).contains(seconds) ? Date(timeIntervalSince1970: TimeInterval(seconds)) : nil
    }

    /// The instant `seconds` after 1970 (fractions allowed), or `nil` when not finite or outside the range.
    public static func date(_ seconds: Double) -> Date? {
        guard seconds.isFinite, seconds >= Double(earliest), seconds < Double(latest) + 1 else { return nil }
        return Date(timeIntervalSince1970: seconds)
    }

    /// The instant `seconds` after 1970, clamped to ``earliest``…``latest``: for NumericDates (CWT `iat`, `exp`),
    /// where 2^63 means "later than anything representable" and compares as such.
    public static func clampedDate(_ seconds: Int64) -> Date {
        Date(timeIntervalSince1970: TimeInterval(min(max(seconds, earliest), latest)))
    }

    /// `date`'s whole seconds since 1970, clamped to the range (for text and arithmetic that must not trap).
    static func clampedSeconds(_ date: Date) -> Int64 {
        let seconds = date.timeIntervalSince1970.rounded(.down)
        guard seconds.isFinite else { return seconds > 0 ? latest : earliest }
        return Int64(min(max(seconds, Double(earliest)), Double(latest)))
    }
}
