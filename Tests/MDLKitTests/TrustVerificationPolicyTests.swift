import MDLKit
import SwiftASN1
import Testing

struct TrustVerificationPolicyTests {
    @Test func strictHasNoRelaxation() {
        #expect(VerificationPolicy.strict.relaxations.isEmpty)
        #expect(VerificationPolicy().relaxations.isEmpty)
        #expect(!VerificationPolicy.strict.allows(.countryCheckOff))
        #expect(VerificationPolicy.strict.extraDocumentSignerEKUs.isEmpty)
    }

    @Test func interopHoldsEveryDocumentedRelaxation() {
        let interop = VerificationPolicy.interop
        for relaxation: VerificationPolicy.Relaxation in [
            .selfSignedDocumentSignerAsAnchor, .countryCheckOff, .fractionalSecondsInTDate,
            .emptyX5ChainInDeviceSignature, .nonUTCOffsetInTDate, .shortIssuerSignedItemRandom,
            .attachedPayloadInDeviceSignature,
        ] {
            #expect(interop.allows(relaxation), "interop lacks \(relaxation)")
        }
        #expect(interop.extraDocumentSignerEKUs == [.eudiReferenceDocumentSigner])
        #expect(interop.relaxations.count == 8)
    }

    @Test func relaxationsAreDeduplicatedAndEKUsCombined() {
        let extra: ASN1ObjectIdentifier = [1, 2, 3]
        let policy = VerificationPolicy(relaxations: [
            .countryCheckOff, .countryCheckOff, .extraDocumentSignerEKUs([extra]),
            .extraDocumentSignerEKUs([.eudiReferenceDocumentSigner]),
        ])
        #expect(policy.relaxations.count == 3)
        #expect(policy.extraDocumentSignerEKUs == [extra, .eudiReferenceDocumentSigner])
    }

    @Test func relaxationNamesAreStable() {
        #expect(VerificationPolicy.Relaxation.countryCheckOff.description == "countryCheckOff")
        #expect(VerificationPolicy.Relaxation.nonUTCOffsetInTDate.description == "nonUTCOffsetInTDate")
        #expect(VerificationPolicy.Relaxation.shortIssuerSignedItemRandom.description == "shortIssuerSignedItemRandom")
        #expect(VerificationPolicy.Relaxation.attachedPayloadInDeviceSignature.description == "attachedPayloadInDeviceSignature")
        #expect(
            VerificationPolicy.Relaxation.extraDocumentSignerEKUs([.eudiReferenceDocumentSigner]).description
                == "extraDocumentSignerEKUs(1.3.130.2.0.0.1.2)")
        #expect(ASN1ObjectIdentifier.mdlDocumentSigner.description == "1.0.18013.5.1.2")
    }
}
