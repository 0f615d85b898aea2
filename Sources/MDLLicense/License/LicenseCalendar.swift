import Foundation
import MDLCBOR

/// The calendar a licence's days are counted in: the time zone of its issuing jurisdiction.
///
/// Every day-valued fact of a licence (its expiry, a class's validity, the end of probation, the holder's age, the
/// points cycle, the regulation in force) is judged on the **licence's** day, not the relying party's and not UTC's.
/// A Chinese licence that expired on 2 December is no longer valid at 01:00 on 3 December in Beijing, though it is
/// still 2 December in UTC. ``day(of:issuingCountry:issuingJurisdiction:issuingAuthority:)`` is the one place an
/// instant becomes a licence day; ``LicenseFacts/day(of:calendar:)`` asks it for a licence's own issuer.
///
/// ```swift
/// let today = facts.day(of: Date())                  // Beijing's day for a CN licence
/// let rental = RentalPolicy(vehicleClass: "C1", pickup: today, returnDate: facts.day(of: returnTime))
///
/// var calendar = LicenseCalendar.standard             // CN → Asia/Shanghai
/// calendar.byAuthority["Example Licensing Office"] = TimeZone(identifier: "Europe/Berlin")
/// ```
public struct LicenseCalendar: Sendable, Hashable {
    /// Zones per `issuing_authority` text (trimmed, compared exactly): the most specific rule.
    public var byAuthority: [String: TimeZone]
    /// Zones per `issuing_jurisdiction` (ISO 3166-2, e.g. `"CN-31"`; compared upper-cased).
    public var byJurisdiction: [String: TimeZone]
    /// Zones per `issuing_country` (ISO 3166-1 alpha-2, e.g. `"CN"`; compared upper-cased).
    public var byCountry: [String: TimeZone]
    /// The zone for a licence whose issuer no rule names (and for a licence without an issuing country).
    public var fallback: TimeZone

    /// Creates a calendar; with no arguments every licence's day is UTC's.
    public init(
        byAuthority: [String: TimeZone] = [:],
        byJurisdiction: [String: TimeZone] = [:],
        byCountry: [String: TimeZone] = [:],
        fallback: TimeZone = LicenseCalendar.utc
    ) {
        self.byAuthority = byAuthority
        self.byJurisdiction = byJurisdiction
        self.byCountry = byCountry
        self.fallback = fallback
    }

    /// China Standard Time, `Asia/Shanghai` (UTC+8, no daylight saving since 1991): the day of every Chinese
    /// licence. A system without the time-zone database gets the fixed UTC+8 offset, the same for every instant
    /// since 1991.
    public static let chinaStandardTime: TimeZone =
        TimeZone(identifier: "Asia/Shanghai") ?? TimeZone(secondsFromGMT: 8 * 3_600) ?? utc

    /// UTC.
    public static let utc: TimeZone = TimeZone(secondsFromGMT: 0) ?? .gmt

    /// The default: licences issued in China (`issuing_country` `CN`) count days in Beijing time; any other in UTC.
    public static let standard = LicenseCalendar(byCountry: ["CN": chinaStandardTime])

    /// The zone of a licence from this issuer: the most specific rule that names it (authority, then
    /// jurisdiction, then country), else ``fallback``.
    public func timeZone(
        issuingCountry: String?,
        issuingJurisdiction: String? = nil,
        issuingAuthority: String? = nil
    ) -> TimeZone {
        if let authority = issuingAuthority?.trimmingCharacters(in: .whitespaces), let zone = byAuthority[authority] {
            return zone
        }
        if let jurisdiction = issuingJurisdiction?.trimmingCharacters(in: .whitespaces).uppercased(),
            let zone = byJurisdiction[jurisdiction]
                ?? byJurisdiction.first(where: { $0.key.uppercased() == jurisdiction })?.value
        {
            return zone
        }
        if let country = issuingCountry?.trimmingCharacters(in: .whitespaces).uppercased(),
            let zone = byCountry[country] ?? byCountry.first(where: { $0.key.uppercased() == country })?.value
        {
            return zone
        }
        return fallback
    }

    /// The licence's day of `instant`: the calendar day in the issuer's time zone. **The** function from an instant
    /// to a licence day; every day-valued fact in MDLKit is judged on its answer.
    ///
    /// `2022-03-31T16:30:00Z` is 1 April 2022 for a CN licence (00:30 in Beijing), 31 March for an issuer in UTC.
    public func day(
        of instant: Date,
        issuingCountry: String?,
        issuingJurisdiction: String? = nil,
        issuingAuthority: String? = nil
    ) -> FullDate {
        let zone = timeZone(
            issuingCountry: issuingCountry,
            issuingJurisdiction: issuingJurisdiction,
            issuingAuthority: issuingAuthority
        )
        let local = instant.timeIntervalSince1970 + TimeInterval(zone.secondsFromGMT(for: instant))
        // Clamped so a nonsense instant (infinite, or beyond year 9999) gives a far day rather than a trap.
        let days = (local / 86_400).rounded(.down)
        guard days.isFinite else { return FullDate(daysSinceEpoch: local > 0 ? 2_932_896 : -719_162) }
        return FullDate(daysSinceEpoch: Int(max(-719_162, min(2_932_896, days))))
    }
}

extension LicenseFacts {
    /// This licence's day of `instant`, in its issuer's time zone (Beijing for a CN licence): pass it to the
    /// policies and checks as their day.
    public func day(of instant: Date, calendar: LicenseCalendar = .standard) -> FullDate {
        calendar.day(
            of: instant,
            issuingCountry: issuingCountry,
            issuingJurisdiction: issuingJurisdiction,
            issuingAuthority: issuingAuthority
        )
    }
}
