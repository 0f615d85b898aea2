// swift-tools-version: 6.1
import PackageDescription

/// A sample relying party built on MDLKit by path, run end to end against the in-process sandbox
/// (`../run-samples.sh` builds and runs it).
let package = Package(
    name: "ClaimIntake",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "MDLKit", path: "../..")],
    targets: [
        .executableTarget(
            name: "claim-intake",
            dependencies: [
                .product(name: "MDLKit", package: "MDLKit"),
                .product(name: "MDLSandbox", package: "MDLKit"),
                .product(name: "MDLCBOR", package: "MDLKit"),
            ],
            swiftSettings: [.enableUpcomingFeature("ExistentialAny"), .enableUpcomingFeature("MemberImportVisibility")]
        )
    ]
)
