/// A Token Status List value, named as the draft's registry names them (`StatusList.Value` in `MDLStatus`).
public enum StatusListValue: Sendable, Hashable, CustomStringConvertible {
    /// `0x00`: the credential is valid.
    case valid
    /// `0x01`: revoked or cancelled, for good.
    case invalid
    /// `0x02`: suspended (for a licence: detained, seized, or over its points).
    case suspended
    /// Any other value: application-specific (`0x03`, `0x0C`…`0x0F`) or not yet registered. MDLKit's sandbox uses
    /// `0x03` for "superseded": the holder must re-apply after a renewal, class change or move.
    case applicationSpecific(UInt8)

    /// The value for its raw number.
    public init(rawValue: UInt8) {
        switch rawValue {
        case 0: self = .valid
        case 1: self = .invalid
        case 2: self = .suspended
        default: self = .applicationSpecific(rawValue)
        }
    }

    /// The raw number.
    public var rawValue: UInt8 {
        switch self {
        case .valid: 0
        case .invalid: 1
        case .suspended: 2
        case .applicationSpecific(let value): value
        }
    }

    /// `valid`, `invalid`, `suspended` or `application-N`, as the CLI prints it.
    public var description: String {
        switch self {
        case .valid: "valid"
        case .invalid: "invalid"
        case .suspended: "suspended"
        case .applicationSpecific(let value): "application-\(value)"
        }
    }
}
