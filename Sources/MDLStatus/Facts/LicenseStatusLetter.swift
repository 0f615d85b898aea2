/// One letter of a Chinese driver-licence status (驾驶证状态, field `ZT`), GA 581.5 / GA/T 16.25 style.
///
/// These are **driver** status letters. The vehicle status table (机动车状态) reuses letters with other meanings
/// (there B = 转出, L = 暂扣) and is deliberately not modelled here. O and Q are in no driver table.
public enum LicenseStatusLetter: String, Sendable, Hashable, CaseIterable, Comparable, CustomStringConvertible {
    /// 正常: normal.
    case a = "A"
    /// 超分: 12 or more points in the cycle.
    case b = "B"
    /// 转出: record transferred out to another vehicle-administration office.
    case c = "C"
    /// 暂扣: temporarily suspended.
    case d = "D"
    /// 撤销: cancelled because obtained by fraud or bribery.
    case e = "E"
    /// 吊销: revoked.
    case f = "F"
    /// 注销: cancelled (death, request, ill health, more than a year expired, …).
    case g = "G"
    /// 违法未处理: violations not yet dealt with.
    case h = "H"
    /// 事故未处理: accident not yet dealt with.
    case i = "I"
    /// 停止使用: declared out of use.
    case j = "J"
    /// 扣押 (GA) or 协查 (vendor): seized, or an investigation request.
    case k = "K"
    /// 锁定: locked.
    case l = "L"
    /// 逾期未换证: expired and not renewed.
    case m = "M"
    /// 延期换证: renewal deferred.
    case n = "N"
    /// 延期体检: health certificate deferred.
    case p = "P"
    /// 注销可恢复 (GA) or 逾期未体检 (vendor).
    case r = "R"
    /// 逾期未审验: periodic review (审验) overdue.
    case s = "S"
    /// 延期审验: periodic review deferred.
    case t = "T"
    /// 扣留: detained.
    case u = "U"
    /// 其他: other.
    case z = "Z"

    /// The letter.
    public var description: String { rawValue }

    /// Letters order alphabetically.
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Which status table's meanings apply: K and R differ between the GA-style table and vendor APIs.
public enum LicenseStatusVocabulary: String, Sendable, Hashable, CaseIterable {
    /// The GA-style table (K = 扣押 seized, R = 注销可恢复 cancelled but recoverable).
    case ga
    /// Vendor APIs (K = 协查 investigation request, R = 逾期未体检 health check overdue).
    case vendor
}

/// What a status letter means for driving.
public enum LicenseStatusEffect: String, Sendable, Hashable, CaseIterable {
    /// 正常: nothing stands in the way.
    case normal
    /// The licence may be used, but something is pending (unprocessed violations or accident, record moved).
    case advisory
    /// The holder may not drive on this licence.
    case blocking
    /// The table gives no clear effect (Z 其他, vendor K 协查): a person must look.
    case indeterminate
}
