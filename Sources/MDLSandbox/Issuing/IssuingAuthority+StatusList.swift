import Foundation
import MDLKit

extension IssuingAuthority {
    /// A Token Status List token (CWT) of `values` (`bits` per entry) for `subject`, signed by this authority's
    /// document signer with its `x5chain`: what a status service built on this authority would publish. For
    /// benchmarks and tests of relying-party code.
    public func signStatusList(
        values: [UInt8], bits: Int = 2, subject: String, issuedAt: Date, expiresAt: Date?, timeToLive: TimeInterval?
    ) throws -> [UInt8] {
        let signer = documentSigner
        return try StatusListToken.sign(
            list: try StatusList(bits: bits, values: values), subject: subject, issuedAt: issuedAt, expiresAt: expiresAt,
            timeToLive: timeToLive, algorithm: signer.signingKey.algorithm == .ed25519 ? .edDSA : .es256,
            x5chain: signer.x5chain
        ) { try signer.signingKey.signature(for: $0) }
    }
}
