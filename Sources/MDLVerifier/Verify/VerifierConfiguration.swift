import Foundation
import MDLCBOR
import MDLCOSE

/// What a ``PresentationVerifier`` trusts and how strictly it reads.
public struct VerifierConfiguration: Sendable {
    /// The IACA certificates document signers must chain to.
    public var trustAnchors: [TrustAnchor]
    /// The ISO 18013-5 profile and any named relaxations.
    public var policy: VerificationPolicy
    /// Signature algorithms accepted for IssuerAuth and DeviceSignature.
    public var allowedAlgorithms: Set<COSEAlgorithm>
    /// Tolerance for the MSO's validity window, for clock differences between issuer and RP.
    public var clockSkew: TimeInterval
    /// Limits for decoding received bytes.
    public var decoderOptions: CBORDecoder.Options
    /// The clock used when a verification gives no time of its own; injectable for tests.
    public var clock: @Sendable () -> Date
    /// How status references are checked (pipeline step 7); ``StatusCheckPolicy/required`` by default.
    public var status: StatusCheckPolicy
    /// Where verifications are logged and counted: `LoggingSystem` and `MetricsSystem` by default
    /// (`Documentation/Operations.md` lists the logger label and metric names).
    public var observability: Observability = .default

    /// Every COSE signature algorithm MDLKit verifies (EdDSA with Ed25519, ES256, ES384, ES512): the default of
    /// ``allowedAlgorithms``. A request never advertises an algorithm outside it.
    public static let implementedSignatureAlgorithms: Set<COSEAlgorithm> = Set(
        COSEAlgorithm.allCases.filter(\.isSignature))

    /// Creates a configuration.
    ///
    /// - Parameters:
    ///   - trustAnchors: the IACAs to trust.
    ///   - policy: `.strict` (the default) follows ISO 18013-5; relaxations are named and reported.
    ///   - allowedAlgorithms: the COSE algorithms accepted for issuer and device signatures.
    ///   - clockSkew: defaults to five minutes.
    ///   - decoderOptions: limits for decoding received bytes.
    ///   - clock: the time used when a verification gives none; injectable for tests.
    ///   - status: how status references are checked; by default a document with one is refused
    ///     `statusUnavailable` until a checker is configured or the check is explicitly skipped.
    public init(
        trustAnchors: [TrustAnchor], policy: VerificationPolicy = .strict,
        allowedAlgorithms: Set<COSEAlgorithm> = implementedSignatureAlgorithms, clockSkew: TimeInterval = 300,
        decoderOptions: CBORDecoder.Options = .init(), clock: @escaping @Sendable () -> Date = { Date() },
        status: StatusCheckPolicy = .required
    ) {
        self.status = status
        self.trustAnchors = trustAnchors
        self.policy = policy
        self.allowedAlgorithms = allowedAlgorithms
        self.clockSkew = clockSkew
        self.decoderOptions = decoderOptions
        self.clock = clock
    }
}
