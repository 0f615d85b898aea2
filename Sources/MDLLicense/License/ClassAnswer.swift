/// The answer to a ``ClassQuestion``: may a holder of these classes drive this vehicle class on that day?
///
/// Encodes to the JSON of `mdl-rp classes --json`:
/// `{"permitted": true, "vehicle": "C6", "via": "A2", "regulation": "cn-mps-order-162", "reasons": [{"code", "zh", "en"}]}`.
public struct ClassAnswer: Sendable, Hashable, Encodable {
    /// Whether one of the held classes covers the vehicle's class.
    public let permitted: Bool
    /// The vehicle's class as normalised (`"C6"`).
    public let vehicle: String
    /// The held class that permits it (the vehicle's own class when held), or `nil` when not permitted.
    public let via: String?
    /// The regulation whose class table was applied.
    public let regulation: RegulationVersion
    /// Why, with stable codes; conditions (restriction codes) appear here even when permitted.
    public let reasons: [LicenseReason]

    /// Creates an answer.
    public init(permitted: Bool, vehicle: String, via: String?, regulation: RegulationVersion, reasons: [LicenseReason])
    {
        self.permitted = permitted
        self.vehicle = vehicle
        self.via = via
        self.regulation = regulation
        self.reasons = reasons
    }

    private enum CodingKeys: String, CodingKey {
        case permitted, vehicle, via, regulation, reasons
    }

    /// Writes the CLI's JSON shape; `via` is written as `null` when absent and `regulation` as its ``RegulationVersion/id``.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(permitted, forKey: .permitted)
        try container.encode(vehicle, forKey: .vehicle)
        if let via { try container.encode(via, forKey: .via) } else { try container.encodeNil(forKey: .via) }
        try container.encode(regulation.id, forKey: .regulation)
        try container.encode(reasons, forKey: .reasons)
    }
}
