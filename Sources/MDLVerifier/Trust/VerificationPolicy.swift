import SwiftASN1

/// How strictly a presentation is checked against ISO/IEC 18013-5, and which named deviations real issuers and
/// wallets need are tolerated.
///
/// The default, ``strict``, follows ISO/IEC 18013-5. Each ``Relaxation`` tolerates one documented deviation seen in
/// real documents; nothing is tolerated silently, and every verification result lists the relaxations it actually
/// used, so a relying party can audit or refuse them.
///
/// ```swift
/// let policy = VerificationPolicy.strict
/// let lenient = VerificationPolicy.interop            // every documented relaxation
/// let eu = VerificationPolicy(relaxations: [.extraDocumentSignerEKUs([.eudiReferenceDocumentSigner])])
/// ```
public struct VerificationPolicy: Sendable, Hashable {
    /// The relaxations in force, in the order given (duplicates removed).
    public private(set) var relaxations: [Relaxation]

    /// Creates a policy that tolerates exactly `relaxations`.
    public init(relaxations: [Relaxation] = []) {
        var unique: [Relaxation] = []
        for relaxation in relaxations where !unique.contains(relaxation) {
            unique.append(relaxation)
        }
        self.relaxations = unique
    }

    /// The ISO/IEC 18013-5 profile with no relaxation: the default.
    public static let strict = VerificationPolicy()

    /// Every documented relaxation: what it takes to verify the public example documents of the EU reference
    /// wallet and of auth0's `mdl` library. Prefer listing the relaxations a deployment really needs.
    public static let interop = VerificationPolicy(relaxations: [
        .extraDocumentSignerEKUs([.eudiReferenceDocumentSigner]),
        .selfSignedDocumentSignerAsAnchor,
        .countryCheckOff,
        .fractionalSecondsInTDate,
        .emptyX5ChainInDeviceSignature,
        .nonUTCOffsetInTDate,
        .shortIssuerSignedItemRandom,
        .attachedPayloadInDeviceSignature,
    ])

    /// Whether `relaxation` is in force (for cases without a payload; use ``extraDocumentSignerEKUs`` for EKUs).
    public func allows(_ relaxation: Relaxation) -> Bool {
        relaxations.contains(relaxation)
    }

    /// The document-signer EKUs accepted besides ISO's `1.0.18013.5.1.2`, from every
    /// ``Relaxation/extraDocumentSignerEKUs(_:)`` in force.
    public var extraDocumentSignerEKUs: [ASN1ObjectIdentifier] {
        relaxations.flatMap { relaxation -> [ASN1ObjectIdentifier] in
            if case .extraDocumentSignerEKUs(let oids) = relaxation { return oids }
            return []
        }
    }

    /// A named, documented deviation from ISO/IEC 18013-5 that a policy may tolerate.
    public enum Relaxation: Sendable, Hashable, CustomStringConvertible {
        /// Accept these extended key usages on a document-signer certificate as well as `1.0.18013.5.1.2`.
        ///
        /// Why: the EU reference issuer (EUDI wallet) signs mDLs with a DS certificate whose EKU is
        /// `1.3.130.2.0.0.1.2` (`SwiftASN1.ASN1ObjectIdentifier.eudiReferenceDocumentSigner`).
        case extraDocumentSignerEKUs([ASN1ObjectIdentifier])

        /// Accept a document-signer certificate that is itself a trust anchor (a one-certificate chain), waiving
        /// the DS profile's EKU, key-usage presence and "not a CA" checks for it.
        ///
        /// Why: auth0's `mdl` example issuer signs with a self-signed `CA:TRUE` certificate without EKU or key
        /// usage, which is both the `x5chain` and the anchor. Trusting it is an explicit decision of the relying
        /// party, which added the certificate to its anchors.
        case selfSignedDocumentSignerAsAnchor

        /// Do not require the DS certificate's country (and state) to equal its IACA's, nor the disclosed
        /// `issuing_country` (and `issuing_jurisdiction`) to equal the DS certificate's.
        ///
        /// Why: the EU reference wallet's mDL discloses `issuing_country` `GR` under a DS certificate for `UT`.
        case countryCheckOff

        /// Accept fractional seconds in `tdate` values (ISO/IEC 18013-5 forbids them).
        ///
        /// Why: the EU reference issuer writes nine fractional digits (`2025-12-19T08:03:22.321379844Z`).
        case fractionalSecondsInTDate

        /// Accept an empty `x5chain` (`{33: []}`) in the DeviceSignature's unprotected header, ignoring it.
        ///
        /// Why: the EU reference wallet writes one; the device key comes from the MSO, so the header carries nothing.
        case emptyX5ChainInDeviceSignature

        /// Accept a numeric UTC offset (`+08:00`, `+00:00`) instead of `Z` in the MSO's `validityInfo` dates
        /// (ISO/IEC 18013-5 §9.1.2.4 wants UTC written as `Z`). Offsets out of range (`+25:00`) are never accepted.
        ///
        /// Why: RFC 3339 allows offsets and general-purpose date libraries write them; the instant is unambiguous.
        case nonUTCOffsetInTDate

        /// Accept an IssuerSignedItem `random` shorter than 16 bytes (ISO/IEC 18013-5 §9.1.2.5 wants at least 16).
        ///
        /// Why: the salt keeps undisclosed elements from being guessed from their digests; a short one weakens only
        /// the holder's privacy, not the authenticity of what is disclosed. Some test issuers write short salts.
        case shortIssuerSignedItemRandom

        /// Accept a DeviceSignature that carries the DeviceAuthenticationBytes attached instead of detached, **only**
        /// when they are byte for byte the ones the RP rebuilt from its own SessionTranscript; any other attached
        /// payload (another session's, an arbitrary message) is still `deviceSignatureInvalid`.
        ///
        /// Why: auth0's `mdl` library attaches the payload (ISO/IEC 18013-5 §9.1.3 wants it detached).
        case attachedPayloadInDeviceSignature

        /// A stable name for audit records and the CLI's `--json`, e.g. `"countryCheckOff"`.
        public var description: String {
            switch self {
            case .extraDocumentSignerEKUs(let oids):
                "extraDocumentSignerEKUs(\(oids.map { $0.description }.joined(separator: ",")))"
            case .selfSignedDocumentSignerAsAnchor: "selfSignedDocumentSignerAsAnchor"
            case .countryCheckOff: "countryCheckOff"
            case .fractionalSecondsInTDate: "fractionalSecondsInTDate"
            case .emptyX5ChainInDeviceSignature: "emptyX5ChainInDeviceSignature"
            case .nonUTCOffsetInTDate: "nonUTCOffsetInTDate"
            case .shortIssuerSignedItemRandom: "shortIssuerSignedItemRandom"
            case .attachedPayloadInDeviceSignature: "attachedPayloadInDeviceSignature"
            }
        }
    }
}
