/// Names and descriptions of the Chinese classes (Appendix 1 as rebuilt in cn-license-rules.md §1; the English is
/// our own translation).
extension CNLicenseClass {
    /// The class name in Chinese under `regulation`, e.g. `"重型牵引挂车"` (Order 162) or `"牵引车"` (Order 123).
    public func zhName(under regulation: RegulationVersion = .cnOrder162) -> String {
        let old = regulation == .cnOrder123
        switch self {
        case .a1: return "大型客车"
        case .a2: return old ? "牵引车" : "重型牵引挂车"
        case .a3: return "城市公交车"
        case .b1: return "中型客车"
        case .b2: return "大型货车"
        case .c1: return "小型汽车"
        case .c2: return "小型自动挡汽车"
        case .c3: return "低速载货汽车"
        case .c4: return "三轮汽车"
        case .c5: return "残疾人专用小型自动挡载客汽车"
        case .c6: return "轻型牵引挂车"
        case .d: return "普通三轮摩托车"
        case .e: return "普通二轮摩托车"
        case .f: return "轻便摩托车"
        case .m: return old ? "轮式自行机械车" : "轮式专用机械车"
        case .n: return "无轨电车"
        case .p: return "有轨电车"
        }
    }

    /// The class name in English under `regulation`.
    public func enName(under regulation: RegulationVersion = .cnOrder162) -> String {
        let old = regulation == .cnOrder123
        switch self {
        case .a1: return "large bus"
        case .a2: return old ? "tractor" : "heavy tractor-trailer combination"
        case .a3: return "city bus"
        case .b1: return "medium bus"
        case .b2: return "large truck"
        case .c1: return "small vehicle"
        case .c2: return "small automatic vehicle"
        case .c3: return "low-speed goods vehicle"
        case .c4: return "three-wheeled motor vehicle"
        case .c5: return "small automatic passenger car for disabled drivers"
        case .c6: return "light tractor-trailer combination"
        case .d: return "motor tricycle"
        case .e: return "motorcycle"
        case .f: return "moped"
        case .m: return old ? "wheeled self-propelled machinery" : "wheeled special-purpose machinery"
        case .n: return "trolleybus"
        case .p: return "tram"
        }
    }

    /// The vehicles the class covers (准驾的车辆), in Chinese, under `regulation`.
    public func zhVehicles(under regulation: RegulationVersion = .cnOrder162) -> String {
        let old = regulation == .cnOrder123
        switch self {
        case .a1: return "大型载客汽车"
        case .a2: return old ? "重型、中型全挂、半挂汽车列车" : "总质量大于4500kg的汽车列车"
        case .a3: return "核载10人以上的城市公共汽车"
        case .b1: return "中型载客汽车（含核载10人以上、19人以下的城市公共汽车）"
        case .b2: return old ? "重型、中型载货汽车；大、重、中型专项作业车" : "重型、中型载货汽车；重型、中型专项作业车"
        case .c1:
            return old
                ? "小型、微型载客汽车以及轻型、微型载货汽车；轻、小、微型专项作业车"
                : "小型、微型载客汽车以及轻型、微型载货汽车；轻型、微型专项作业车"
        case .c2:
            return old
                ? "小型、微型自动挡载客汽车以及轻型、微型自动挡载货汽车"
                : "小型、微型自动挡载客汽车以及轻型、微型自动挡载货汽车；轻型、微型自动挡专项作业车；上肢残疾人专用小型自动挡载客汽车"
        case .c3: return "低速载货汽车"
        case .c4: return "三轮汽车"
        case .c5:
            return old
                ? "残疾人专用小型、微型自动挡载客汽车（只允许右下肢或者双下肢残疾人驾驶）"
                : "残疾人专用小型、微型自动挡载客汽车（允许上肢、右下肢或者双下肢残疾人驾驶）"
        case .c6: return "总质量小于（不包含等于）4500kg的汽车列车"
        case .d: return "发动机排量大于50ml或者最大设计车速大于50km/h的三轮摩托车"
        case .e: return "发动机排量大于50ml或者最大设计车速大于50km/h的二轮摩托车"
        case .f: return "发动机排量小于等于50ml，最大设计车速小于等于50km/h的摩托车"
        case .m: return old ? "轮式自行机械车" : "轮式专用机械车"
        case .n: return "无轨电车"
        case .p: return "有轨电车"
        }
    }

    /// The vehicles the class covers, in English, under `regulation`.
    public func enVehicles(under regulation: RegulationVersion = .cnOrder162) -> String {
        let old = regulation == .cnOrder123
        switch self {
        case .a1: return "large passenger vehicles"
        case .a2:
            return old
                ? "heavy and medium full-trailer and semi-trailer combinations"
                : "vehicle combinations with a total mass over 4500 kg"
        case .a3: return "city buses for more than 10 people"
        case .b1: return "medium passenger vehicles (including city buses for 10 to 19 people)"
        case .b2: return "heavy and medium goods vehicles; heavy and medium special-purpose vehicles"
        case .c1: return "small and mini passenger cars; light and mini goods and special-purpose vehicles"
        case .c2:
            return old
                ? "small and mini automatic passenger cars; light and mini automatic goods vehicles"
                : "small and mini automatic passenger cars; light and mini automatic goods and special-purpose "
                    + "vehicles; small automatic passenger cars adapted for upper-limb disabled drivers"
        case .c3: return "low-speed goods vehicles"
        case .c4: return "three-wheeled motor vehicles"
        case .c5:
            return old
                ? "small and mini automatic passenger cars adapted for right-leg or both-leg disabled drivers"
                : "small and mini automatic passenger cars adapted for upper-limb, right-leg or both-leg disabled drivers"
        case .c6: return "vehicle combinations with a total mass under (not equal to) 4500 kg"
        case .d: return "motor tricycles over 50 ml or 50 km/h"
        case .e: return "two-wheeled motorcycles over 50 ml or 50 km/h"
        case .f: return "mopeds of at most 50 ml and 50 km/h"
        case .m: return old ? "wheeled self-propelled machinery" : "wheeled special-purpose machinery"
        case .n: return "trolleybuses"
        case .p: return "trams"
        }
    }
}
