/// Why a relying party asks for a licence; the registrar allows each relying party some purposes, each with the
/// elements it may request.
public enum PresentationPurpose: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    /// An insurer settling a claim (facts as of the accident).
    case insuranceClaim
    /// A car-rental counter handing over a vehicle.
    case carRental
    /// An employer screening a driver (ride-hailing, school bus, transport company).
    case drivingJob

    /// The purpose in Chinese, for the holder's consent screen.
    public var nameZH: String {
        switch self {
        case .insuranceClaim: "保险理赔"
        case .carRental: "租车"
        case .drivingJob: "驾驶岗位审查"
        }
    }

    /// The purpose in English.
    public var nameEN: String {
        switch self {
        case .insuranceClaim: "insurance claim"
        case .carRental: "car rental"
        case .drivingJob: "driving-job screening"
        }
    }

    public var description: String { rawValue }
}
