import MDLVerifier
/// An ISO/IEC 18013-5 vehicle category, read with the equivalences of EU Directive 2006/126/EC art. 6(2).
///
/// ```swift
/// ISOVehicleCategory.b.permits(.b1)            // true: art. 6(2)(f)
/// ISOVehicleCategory.ce.permits(.de)           // false on its own: art. 6(2)(b) needs D as well
/// ```
public enum ISOVehicleCategory: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// Mopeds.
    case am = "AM"
    /// Light motorcycles (up to 125 cm³, 11 kW).
    case a1 = "A1"
    /// Motorcycles up to 35 kW.
    case a2 = "A2"
    /// Motorcycles.
    case a = "A"
    /// Quadricycles.
    case b1 = "B1"
    /// Cars up to 3500 kg and 8 passenger seats.
    case b = "B"
    /// Car with a trailer over 750 kg.
    case be = "BE"
    /// Medium goods vehicles, 3500–7500 kg.
    case c1 = "C1"
    /// C1 with a trailer over 750 kg.
    case c1e = "C1E"
    /// Goods vehicles over 3500 kg.
    case c = "C"
    /// C with a trailer over 750 kg.
    case ce = "CE"
    /// Minibuses, up to 16 passenger seats and 8 m.
    case d1 = "D1"
    /// D1 with a trailer over 750 kg.
    case d1e = "D1E"
    /// Buses, more than 8 passenger seats.
    case d = "D"
    /// D with a trailer over 750 kg.
    case de = "DE"
    /// Agricultural and forestry tractors (a national category outside the directive's list).
    case t = "T"

    /// The category for `code` (`"be"` is read as `BE`), or `nil` when ISO has no such code.
    public init?(code: String) {
        self.init(rawValue: code.trimmingASCIIWhitespace().uppercased())
    }

    /// The categories a licence for `self` also covers without conditions (art. 6(2)(a), (c), (d), (e), (f)).
    /// CE → DE is conditional on holding D (art. 6(2)(b)); ``ClassQuestion`` applies it.
    public var includedCategories: [ISOVehicleCategory] {
        switch self {
        case .am, .t: return []
        case .a1, .b1, .be, .c1, .d1: return [.am]
        case .a2: return [.a1, .am]
        case .a: return [.a1, .a2, .am]
        case .b: return [.b1, .am]
        case .c: return [.c1, .am]
        case .d: return [.d1, .am]
        case .c1e, .d1e: return [.be, .am]
        case .ce: return [.c1e, .be, .am]
        case .de: return [.d1e, .be, .am]
        }
    }

    /// Whether holding `self` covers `other` without conditions: the same category or one it includes.
    public func permits(_ other: ISOVehicleCategory) -> Bool {
        self == other || includedCategories.contains(other)
    }

    /// What the category covers, in English.
    public var en: String {
        switch self {
        case .am: return "mopeds"
        case .a1: return "light motorcycles (up to 125 cm³ and 11 kW)"
        case .a2: return "motorcycles up to 35 kW"
        case .a: return "motorcycles"
        case .b1: return "heavy quadricycles"
        case .b: return "cars up to 3500 kg with at most 8 passenger seats"
        case .be: return "category B vehicles with a trailer over 750 kg"
        case .c1: return "goods vehicles of 3500–7500 kg"
        case .c1e: return "category C1 vehicles with a trailer over 750 kg"
        case .c: return "goods vehicles over 3500 kg"
        case .ce: return "category C vehicles with a trailer over 750 kg"
        case .d1: return "minibuses with at most 16 passenger seats and 8 m long"
        case .d1e: return "category D1 vehicles with a trailer over 750 kg"
        case .d: return "buses with more than 8 passenger seats"
        case .de: return "category D vehicles with a trailer over 750 kg"
        case .t: return "agricultural and forestry tractors"
        }
    }

    /// What the category covers, in Chinese (our translation).
    public var zh: String {
        switch self {
        case .am: return "轻便摩托车"
        case .a1: return "轻型摩托车（125立方厘米、11千瓦以下）"
        case .a2: return "35千瓦以下摩托车"
        case .a: return "摩托车"
        case .b1: return "重型四轮车"
        case .b: return "3500千克以下、乘客座位不超过8个的汽车"
        case .be: return "B类车辆牵引750千克以上挂车"
        case .c1: return "3500至7500千克载货汽车"
        case .c1e: return "C1类车辆牵引750千克以上挂车"
        case .c: return "3500千克以上载货汽车"
        case .ce: return "C类车辆牵引750千克以上挂车"
        case .d1: return "乘客座位不超过16个、车长不超过8米的小型客车"
        case .d1e: return "D1类车辆牵引750千克以上挂车"
        case .d: return "乘客座位超过8个的客车"
        case .de: return "D类车辆牵引750千克以上挂车"
        case .t: return "农林拖拉机"
        }
    }

    /// The code, e.g. `"BE"`.
    public var description: String { rawValue }
}
