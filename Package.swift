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
        .library(name: "MDLKit", targets: ["MDLKit"]),
        .library(name: "MDLSandbox", targets: ["MDLSandbox"]),
        .library(name: "MDLRelyingPartyServer", targets: ["MDLRelyingPartyServer"]),
        .library(name: "MDLKitPostgres", targets: ["MDLKitPostgres"]),
        .executable(name: "mdl-rp", targets: ["mdl-rp"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-certificates.git", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-asn1.git", from: "1.7.4"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
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
            name: "MDLKit",
            dependencies: [
                "MDLCBOR",
                "MDLCOSE",
                "CMDLSodium",
                "CMDLCurl",
                "CMDLZlib",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: sharedSwiftSettings
        ),
        .target(
            name: "MDLRelyingPartyServer",
            dependencies: [
                "MDLKit",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: sharedSwiftSettings
        ),
        .target(
            name: "MDLKitPostgres",
            dependencies: [
                "MDLKit",
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
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Samples/RelyingPartyCLI",
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
                "MDLKit", "MDLSandbox", "MDLRelyingPartyServer", "MDLCBOR", "MDLCOSE",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "Hummingbird", package: "hummingbird"),
            ],
            swiftSettings: sharedSwiftSettings
        ),
        .testTarget(
            name: "MDLKitPostgresTests",
            dependencies: [
                "MDLKitPostgres", "MDLKit", "MDLSandbox", "MDLRelyingPartyServer", "MDLCBOR",
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            swiftSettings: sharedSwiftSettings
        ),
        .testTarget(
            name: "CLITests",
            dependencies: ["MDLCBOR", "MDLCOSE", "MDLKit", .product(name: "Crypto", package: "swift-crypto")],
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
