// swift-tools-version: 6.1
import PackageDescription

/// Settings shared by every target: Swift 6 language mode plus the upcoming features our style guide asks for.
let sharedSwiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "MDLKit",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "MDLCBOR", targets: ["MDLCBOR"]),
        .library(name: "MDLCOSE", targets: ["MDLCOSE"]),
        .library(name: "MDLVerifier", targets: ["MDLVerifier"]),
        .library(name: "MDLStatus", targets: ["MDLStatus"]),
        .library(name: "MDLOpenID4VP", targets: ["MDLOpenID4VP"]),
        .library(name: "MDLLicense", targets: ["MDLLicense"]),
        .library(name: "MDLCurl", targets: ["MDLCurl"]),
        .library(name: "MDLStorageSQLite", targets: ["MDLStorageSQLite"]),
        .library(name: "MDLStoragePostgres", targets: ["MDLStoragePostgres"]),
        .library(name: "MDLRelyingPartyServer", targets: ["MDLRelyingPartyServer"]),
        .library(name: "MDLSandbox", targets: ["MDLSandbox"]),
        .library(name: "MDLKit", targets: ["MDLKit"]),
        .executable(name: "mdl-rp", targets: ["mdl-rp"]),
        .executable(name: "mdl-rp-web", targets: ["mdl-rp-web"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-certificates.git", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-asn1.git", from: "1.7.4"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CMDLSodium",
            pkgConfig: "libsodium",
            providers: [.apt(["libsodium-dev"]), .brew(["libsodium"])]
        ),
        .systemLibrary(
            name: "CMDLCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"]), .brew(["curl"])]
        ),
        .systemLibrary(
            name: "CMDLZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"]), .brew(["zlib"])]
        ),
        .systemLibrary(
            name: "CMDLQREncode",
            pkgConfig: "libqrencode",
            providers: [.apt(["libqrencode-dev"]), .brew(["qrencode"])]
        ),
        .target(name: "MDLCBOR", swiftSettings: sharedSwiftSettings),
        .target(
            name: "MDLCOSE",
            dependencies: [
                "MDLCBOR",
                "CMDLSodium",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: sharedSwiftSettings
        ),
        .target(
            name: "MDLVerifier",
            dependencies: [
                "MDLCBOR",
                "MDLCOSE",
                "CMDLSodium",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
            ],
            swiftSettings: sharedSwiftSettings
        ),
        // JWK, JWS, JWE and base64url: one key model for status tokens (MDLStatus) and requests (MDLOpenID4VP).
        .target(
            name: "MDLJOSE",
            dependencies: [
                "MDLVerifier",
                "MDLCOSE",
                "CMDLSodium",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: sharedSwiftSettings
        ),
        // The HTTP-client protocol, its errors and the HTTP cache: no I/O of its own.
        // HTTP values are swift-http-types' (`HTTPRequest`, `HTTPResponse`, `HTTPFields`), re-exported from here.
        .target(
            name: "MDLHTTP",
            dependencies: [.product(name: "HTTPTypes", package: "swift-http-types")],
            swiftSettings: sharedSwiftSettings
        ),
        .target(
            name: "MDLCurl",
            dependencies: ["MDLHTTP", "CMDLCurl", .product(name: "HTTPTypes", package: "swift-http-types")],
            swiftSettings: sharedSwiftSettings
        ),
        .target(
            name: "MDLStatus",
            dependencies: [
                "MDLVerifier",
                "MDLJOSE",
                "MDLHTTP",
                "MDLCBOR",
                "MDLCOSE",
                "CMDLZlib",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
            ],
            swiftSettings: sharedSwiftSettings
        ),
        .target(
            name: "MDLOpenID4VP",
            dependencies: [
                "MDLVerifier",
                "MDLStatus",
                "MDLJOSE",
                "MDLCBOR",
                "MDLCOSE",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
            ],
            swiftSettings: sharedSwiftSettings
        ),
        .target(
            name: "MDLLicense",
            dependencies: ["MDLVerifier", "MDLStatus", "MDLCBOR"],
            swiftSettings: sharedSwiftSettings
        ),
        .target(
            name: "MDLStorageSQLite",
            dependencies: [
                "MDLOpenID4VP",
                "MDLVerifier",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: sharedSwiftSettings
        ),
        .target(
            name: "MDLKit",
            dependencies: [
                "MDLCBOR", "MDLCOSE", "MDLVerifier", "MDLJOSE", "MDLHTTP", "MDLCurl", "MDLStatus", "MDLOpenID4VP",
                "MDLLicense", "MDLStorageSQLite",
                .product(name: "X509", package: "swift-certificates"),
            ],
            swiftSettings: sharedSwiftSettings
        ),
        .target(
            name: "MDLRelyingPartyServer",
            dependencies: [
                "MDLOpenID4VP",
                "MDLVerifier",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: sharedSwiftSettings
        ),
        .target(
            name: "MDLStoragePostgres",
            dependencies: [
                "MDLOpenID4VP",
                "MDLVerifier",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: sharedSwiftSettings
        ),
        .target(
            name: "MDLSandbox",
            dependencies: [
                "MDLKit",
                "MDLRelyingPartyServer",
                "MDLCBOR",
                "MDLCOSE",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: sharedSwiftSettings
        ),
        .executableTarget(
            name: "mdl-rp",
            dependencies: [
                "MDLKit",
                "MDLSandbox",
                "MDLRelyingPartyServer",
                "MDLCBOR",
                "MDLCOSE",
                "CMDLQREncode",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Samples/RelyingPartyCLI",
            swiftSettings: sharedSwiftSettings
        ),
        // The web sample (Samples/CounterWeb): the rental counter and claim portal page, over the sandbox.
        .executableTarget(
            name: "mdl-rp-web",
            dependencies: [
                "MDLKit",
                "MDLSandbox",
                "MDLRelyingPartyServer",
                "CMDLQREncode",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Samples/CounterWeb",
            swiftSettings: sharedSwiftSettings
        ),
        .testTarget(name: "MDLCBORTests", dependencies: ["MDLCBOR"], swiftSettings: sharedSwiftSettings),
        .testTarget(
            name: "MDLCOSETests",
            dependencies: ["MDLCOSE", "MDLCBOR", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: sharedSwiftSettings
        ),
        .testTarget(
            name: "MDLKitTests",
            dependencies: [
                "MDLKit", "MDLVerifier", "MDLJOSE", "MDLHTTP", "MDLCurl", "MDLStatus", "MDLOpenID4VP", "MDLLicense", "MDLStorageSQLite", 
                "MDLSandbox", "MDLRelyingPartyServer", "MDLCBOR", "MDLCOSE",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "InMemoryLogging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "MetricsTestKit", package: "swift-metrics"),
            ],
            swiftSettings: sharedSwiftSettings
        ),
        .testTarget(
            name: "MDLStoragePostgresTests",
            dependencies: [
                "MDLStoragePostgres", "MDLKit", "MDLSandbox", "MDLRelyingPartyServer", "MDLCBOR",
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            swiftSettings: sharedSwiftSettings
        ),
        .testTarget(
            name: "CLITests",
            dependencies: ["MDLCBOR", "MDLCOSE", "MDLKit", "MDLSandbox", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: sharedSwiftSettings
        ),
        .testTarget(
            name: "InteropTests",
            dependencies: [
                "MDLKit", "MDLSandbox", "MDLCBOR", "MDLCOSE", .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: sharedSwiftSettings
        ),
    ]
)
