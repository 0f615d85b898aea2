import Foundation
import Testing

/// Says when this target's suites that need outside resources cannot run: one `SKIPPED: why` line per missing
/// resource on standard output, and, when `MDLKIT_REQUIRE_TEST_RESOURCES=1` (set by `.ci/run`), a failure, so
/// CI cannot pass with those suites silently skipped.
struct TestResourcesGate {
    /// What is missing, one reason per resource.
    static var missing: [String] {
        return VectorFiles.available ? [] : ["\(VectorFiles.root.path) is absent (RealWorldVectorTests, TrustVectorTests, status and DC API vector suites)"]
    }

    static var required: Bool { ProcessInfo.processInfo.environment["MDLKIT_REQUIRE_TEST_RESOURCES"] == "1" }

    @Test func suitesThatNeedOutsideResourcesRanOrSaidWhyNot() {
        for reason in Self.missing {
            print("SKIPPED: MDLKitTests vector suites: \(reason)")
            if Self.required { Issue.record("SKIPPED under MDLKIT_REQUIRE_TEST_RESOURCES=1: \(reason)") }
        }
        #expect(!Self.required || Self.missing.isEmpty)
    }
}
