import Foundation
import MDLKit

enum VICALAnchors {
    static func load(vical: String, signerAnchor: String, at time: Date) async throws -> [TrustAnchor] {
        throw InputError("VICAL trust lists are not supported by this build yet")
    }
}
