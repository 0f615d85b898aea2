/// The inclusion lists of the Chinese class tables (准予驾驶的其他准驾车型).
///
/// Order 162 Appendix 1 as rebuilt in cn-license-rules.md §1; Order 123/139 differs only in that C6 did not exist
/// and A2 did not include it. Each list is complete (already transitive), so no closure is computed.
enum CNClassGraph {
    /// Order 162 (from 2022-04-01).
    static let order162: [CNLicenseClass: [CNLicenseClass]] = [
        .a1: [.a3, .b1, .b2, .c1, .c2, .c3, .c4, .m],
        .a2: [.b1, .b2, .c1, .c2, .c3, .c4, .c6, .m],
        .a3: [.c1, .c2, .c3, .c4],
        .b1: [.c1, .c2, .c3, .c4, .m],
        .b2: [.c1, .c2, .c3, .c4, .m],
        .c1: [.c2, .c3, .c4],
        .c3: [.c4],
        .d: [.e, .f],
        .e: [.f],
    ]

    /// Order 123 as amended by Order 139 (before 2022-04-01).
    static let order123: [CNLicenseClass: [CNLicenseClass]] = order162.mapValues { $0.filter { $0 != .c6 } }

    static func included(by held: CNLicenseClass, under regulation: RegulationVersion) -> [CNLicenseClass] {
        let table = regulation == .cnOrder123 ? order123 : order162
        return table[held] ?? []
    }
}
