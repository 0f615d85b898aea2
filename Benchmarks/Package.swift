// swift-tools-version: 6.1
import PackageDescription

/// MDLKit's benchmarks, a package of their own so SDK users never resolve package-benchmark.
/// `swift package benchmark` runs the package-benchmark suite; `swift run -c release mdl-bench-ratios` prints the
/// ratio "presentation / its two signature checks" and writes the ES256 document compare-pymdoccbor.py times.
let package = Package(
    name: "MDLKitBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "MDLKit", path: "../"),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
        .package(url: "https://github.com/apple/swift-certificates.git", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-asn1.git", from: "1.7.4"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
    ],
    targets: [
        .target(
            name: "BenchmarkFixtures",
            dependencies: [
                .product(name: "MDLKit", package: "MDLKit"),
                .product(name: "MDLSandbox", package: "MDLKit"),
                .product(name: "MDLCBOR", package: "MDLKit"),
                .product(name: "MDLCOSE", package: "MDLKit"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .executableTarget(
            name: "MDLBenchmarks",
            dependencies: [
                "BenchmarkFixtures",
                .product(name: "MDLKit", package: "MDLKit"),
                .product(name: "MDLSandbox", package: "MDLKit"),
                .product(name: "MDLCBOR", package: "MDLKit"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/MDLBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "mdl-bench-ratios",
            dependencies: [
                "BenchmarkFixtures", .product(name: "MDLKit", package: "MDLKit"),
                .product(name: "MDLSandbox", package: "MDLKit"),
            ],
            path: "Sources/Ratios"
        ),
        .executableTarget(
            name: "mdl-bench-status",
            dependencies: [
                "BenchmarkFixtures", .product(name: "MDLKit", package: "MDLKit"),
                .product(name: "MDLSandbox", package: "MDLKit"),
            ],
            path: "Sources/StatusRatios"
        ),
        .executableTarget(
            name: "mdl-bench-stages",
            dependencies: [
                "BenchmarkFixtures", .product(name: "MDLKit", package: "MDLKit"),
                .product(name: "MDLSandbox", package: "MDLKit"), .product(name: "MDLCBOR", package: "MDLKit"),
                .product(name: "MDLCOSE", package: "MDLKit"), .product(name: "Crypto", package: "swift-crypto"),
            ],
            path: "Sources/Stages"
        ),
    ]
)
