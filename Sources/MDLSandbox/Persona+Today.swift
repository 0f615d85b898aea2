import Foundation
import MDLCBOR
import MDLKit

extension Persona {
    /// The reference day for the personas at `now`: the licence's day of the Shanghai authority that issues them,
    /// in Beijing time (``LicenseCalendar/standard``), so "expired a month ago" or "licensed four months ago" is
    /// counted on the days the licence itself counts.
    public static func today(at now: Date) -> FullDate {
        LicenseCalendar.standard.day(
            of: now,
            issuingCountry: "CN",
            issuingAuthority: IssuingAuthority.Region.shanghai.nameZH
        )
    }
}
