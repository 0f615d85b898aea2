import MDLCBOR
import MDLKit

/// The data an issuing authority holds for one licence and writes into the mDL, per namespace.
public struct LicenseRecord: Sendable, Hashable {
    /// Element values per namespace (ISO `org.iso.18013.5.1` and the Chinese profile namespace).
    public var elements: [String: [String: CBOR]]

    /// Creates a record from element values.
    public init(elements: [String: [String: CBOR]]) { self.elements = elements }

    /// The value of one element.
    public subscript(nameSpace: String, identifier: String) -> CBOR? {
        get { elements[nameSpace]?[identifier] }
        set { elements[nameSpace, default: [:]][identifier] = newValue }
    }

    /// `driving_privileges` entries for class codes held since the given dates (Chinese scheme).
    public static func drivingPrivileges(_ classes: [(code: String, since: FullDate)], expiry: FullDate) -> CBOR {
        .array(classes.map { entry in
            .map([
                "vehicle_category_code": .text(entry.code), "issue_date": .fullDate(entry.since), "expiry_date": .fullDate(expiry),
            ])
        })
    }

    /// The points element of the Chinese profile.
    public static func points(inCycle: Int, cycleStart: FullDate, cycleEnd: FullDate, fullCyclesLastThree: Int, asOf: TDate) -> CBOR {
        .map([
            "in_cycle": .int(Int64(inCycle)), "cycle_start": .fullDate(cycleStart), "cycle_end": .fullDate(cycleEnd),
            "full_cycles_last_three": .int(Int64(fullCyclesLastThree)), "as_of": .tagged(0, .text(asOf.description)),
        ])
    }
}
