/// A statement about a licence with a stable code and text in Chinese and English, e.g. why a class is permitted.
///
/// The CLI prints it as `{"code": ..., "zh": ..., "en": ...}`. Codes are a public contract; texts may change.
public struct LicenseReason: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The stable code, e.g. `"class.includedBy"`.
    public let code: String
    /// The text in Chinese.
    public let zh: String
    /// The text in English.
    public let en: String

    /// Creates a reason.
    public init(code: String, zh: String, en: String) {
        self.code = code
        self.zh = zh
        self.en = en
    }

    /// `code: en`.
    public var description: String { "\(code): \(en)" }
}
