import MDLCBOR

/// What a probationer (实习期) may not do (L162 art. 77).
public enum ProbationRestriction: String, Sendable, Hashable, CaseIterable {
    /// Driving buses (公共汽车).
    case bus
    /// Driving commercial passenger vehicles (营运客车).
    case commercialPassenger
    /// Driving police, fire, ambulance or rescue vehicles on duty.
    case emergencyOnDuty
    /// Driving vehicles carrying explosives, flammable, toxic or radioactive goods.
    case hazardousGoods
    /// Towing any trailer.
    case towing

    /// The restriction in Chinese.
    public var zh: String {
        switch self {
        case .bus: return "实习期内不得驾驶公共汽车"
        case .commercialPassenger: return "实习期内不得驾驶营运客车"
        case .emergencyOnDuty: return "实习期内不得驾驶执行任务的警车、消防车、救护车、工程救险车"
        case .hazardousGoods: return "实习期内不得驾驶载有危险物品的机动车"
        case .towing: return "实习期内不得驾驶牵引挂车的机动车"
        }
    }

    /// The restriction in English.
    public var en: String {
        switch self {
        case .bus: return "A probationer may not drive a bus"
        case .commercialPassenger: return "A probationer may not drive a commercial passenger vehicle"
        case .emergencyOnDuty: return "A probationer may not drive a police, fire, ambulance or rescue vehicle on duty"
        case .hazardousGoods: return "A probationer may not drive a vehicle carrying hazardous goods"
        case .towing: return "A probationer may not tow a trailer"
        }
    }
}

/// How a vehicle is to be used, for probation and class checks.
public struct VehicleUse: Sendable, Hashable {
    /// The vehicle is a bus (公共汽车).
    public var bus: Bool
    /// The vehicle carries paying passengers (营运客车: taxi, ride-hailing, coach service).
    public var commercialPassenger: Bool
    /// An emergency vehicle on duty.
    public var emergencyOnDuty: Bool
    /// The vehicle carries hazardous goods.
    public var hazardousGoods: Bool
    /// The vehicle tows a trailer.
    public var towing: Bool

    /// Creates a use; everything defaults to `false` (a private car without a trailer).
    public init(
        bus: Bool = false, commercialPassenger: Bool = false, emergencyOnDuty: Bool = false,
        hazardousGoods: Bool = false, towing: Bool = false
    ) {
        self.bus = bus
        self.commercialPassenger = commercialPassenger
        self.emergencyOnDuty = emergencyOnDuty
        self.hazardousGoods = hazardousGoods
        self.towing = towing
    }

    /// The probation restrictions this use runs into.
    public var probationConflicts: [ProbationRestriction] {
        var result: [ProbationRestriction] = []
        if bus { result.append(.bus) }
        if commercialPassenger { result.append(.commercialPassenger) }
        if emergencyOnDuty { result.append(.emergencyOnDuty) }
        if hazardousGoods { result.append(.hazardousGoods) }
        if towing { result.append(.towing) }
        return result
    }
}

extension LicenseFacts {
    /// The last day of probation for `vehicleClass` (Chinese scheme).
    ///
    /// The issuer's ``probationEnd`` when stated; otherwise one year after the earliest class of the same family
    /// (汽车类 or 摩托车类, L162 art. 76) with an issue date, else one year after ``firstLicenseDate``. Upgrading
    /// within a family starts no new probation.
    public func probationEnd(for vehicleClass: String) -> FullDate? {
        if let probationEnd { return probationEnd }
        if scheme == .cn, let wanted = CNLicenseClass(code: vehicleClass) {
            let sameFamily = drivingPrivileges.compactMap { privilege -> FullDate? in
                guard let held = CNLicenseClass(code: privilege.vehicleCategoryCode), held.family == wanted.family
                else { return nil }
                return privilege.issueDate
            }
            if let first = sameFamily.min() { return first.adding(years: 1).adding(days: -1) }
        }
        return firstLicenseDate.map { $0.adding(years: 1).adding(days: -1) }
    }

    /// Whether the holder is in probation for `vehicleClass` on `date`; `nil` when no date to decide it is known.
    public func isInProbation(for vehicleClass: String, on date: FullDate) -> Bool? {
        probationEnd(for: vehicleClass).map { date <= $0 }
    }
}
