import MDLVerifier

/// Meanings and effects of the status letters (cn-license-rules.md §2).
extension LicenseStatusLetter {
    /// The name in Chinese under `vocabulary`, e.g. `"暂扣"`.
    public func zh(in vocabulary: LicenseStatusVocabulary = .ga) -> String {
        switch self {
        case .a: return "正常"
        case .b: return "超分"
        case .c: return "转出"
        case .d: return "暂扣"
        case .e: return "撤销"
        case .f: return "吊销"
        case .g: return "注销"
        case .h: return "违法未处理"
        case .i: return "事故未处理"
        case .j: return "停止使用"
        case .k: return vocabulary == .ga ? "扣押" : "协查"
        case .l: return "锁定"
        case .m: return "逾期未换证"
        case .n: return "延期换证"
        case .p: return "延期体检"
        case .r: return vocabulary == .ga ? "注销可恢复" : "逾期未体检"
        case .s: return "逾期未审验"
        case .t: return "延期审验"
        case .u: return "扣留"
        case .z: return "其他"
        }
    }

    /// The meaning in English under `vocabulary`.
    public func en(in vocabulary: LicenseStatusVocabulary = .ga) -> String {
        switch self {
        case .a: return "normal"
        case .b: return "12 or more points in the cycle"
        case .c: return "record transferred to another office"
        case .d: return "suspended"
        case .e: return "cancelled (obtained by fraud)"
        case .f: return "revoked"
        case .g: return "cancelled"
        case .h: return "traffic violations not dealt with"
        case .i: return "accident not dealt with"
        case .j: return "declared out of use"
        case .k: return vocabulary == .ga ? "seized" : "under investigation request"
        case .l: return "locked"
        case .m: return "expired and not renewed"
        case .n: return "renewal deferred"
        case .p: return "health certificate deferred"
        case .r: return vocabulary == .ga ? "cancelled, recoverable" : "health check overdue"
        case .s: return "periodic review overdue"
        case .t: return "periodic review deferred"
        case .u: return "detained"
        case .z: return "other"
        }
    }

    /// What the letter means for driving under `vocabulary`.
    ///
    /// N, P and T are deferrals under L162 art. 75, during which the holder may not drive.
    public func effect(in vocabulary: LicenseStatusVocabulary = .ga) -> LicenseStatusEffect {
        switch self {
        case .a: return .normal
        case .c, .h, .i: return .advisory
        case .b, .d, .e, .f, .g, .j, .l, .m, .n, .p, .r, .s, .t, .u: return .blocking
        case .k: return vocabulary == .ga ? .blocking : .indeterminate
        case .z: return .indeterminate
        }
    }

    /// The Token Status List value an issuer gives a credential whose licence carries only this letter.
    /// Letters without a clear effect map to suspended (fail closed).
    public func credentialStatus(in vocabulary: LicenseStatusVocabulary = .ga) -> LicenseCredentialStatus {
        switch self {
        case .a, .h, .i: return .valid
        case .c: return .superseded
        case .e, .f, .g, .m: return .invalid
        case .r: return vocabulary == .ga ? .invalid : .suspended
        case .b, .d, .j, .k, .l, .n, .p, .s, .t, .u, .z: return .suspended
        }
    }
}
