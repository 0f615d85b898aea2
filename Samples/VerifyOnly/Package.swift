// swift-tools-version: 6.1
import PackageDescription

/// The smallest relying party: verifies one ISO 18013-5 DeviceResponse with `MDLVerifier` alone, so it builds no
/// HTTP client, no database and no web server (`check.sh` proves it).
let package = Package(
    name: "VerifyOnly",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "MDLKit", path: "../..")],
    targets: [
        .executableTarget(
            name: "verify-only",
            dependencies: [.product(name: "MDLVerifier", package: "MDLKit")],
            swiftSettings: [.enableUpcomingFeature("ExistentialAny"), .enableUpcomingFeature("MemberImportVisibility")]
        )
    ]
)
