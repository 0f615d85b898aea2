import Foundation
import MDLCBOR
import MDLCOSE

/// Pipeline step 3: the IssuerAuth's algorithm, the document signer's chain at the verification time, and the
/// signature over `MobileSecurityObjectBytes`; then the MSO is read.
struct IssuerAuthentication {
    let configuration: VerifierConfiguration
    /// The verifier's validator, whose cache remembers chains already validated.
    let documentSigners: DocumentSignerValidator

    struct Result {
        let signer: ValidatedDocumentSigner
        let mso: MobileSecurityObject
    }

    func verify(_ issuerAuth: COSESign1, at time: Date, decoder: CBORDecoder) async throws(MDLError) -> Result {
        guard let algorithm = issuerAuth.headers.algorithm, configuration.allowedAlgorithms.contains(algorithm),
            algorithm != .hmac256
        else {
            throw MDLError(
                code: .algorithmNotAllowed,
                message: "IssuerAuth alg \(issuerAuth.headers.algorithmIdentifier.map(String.init) ?? "absent from the protected header") is not allowed")
        }
        let chain: [[UInt8]]
        do {
            guard let x5chain = try issuerAuth.headers.x5chain(), !x5chain.isEmpty else {
                throw MDLError(code: .certificateMissing, message: "IssuerAuth has no x5chain with the document signer certificate")
            }
            chain = x5chain
        } catch let error as MDLError {
            throw error
        } catch {
            throw MDLError.structure("IssuerAuth x5chain: \(error)")
        }
        let signer: ValidatedDocumentSigner
        do {
            signer = try await documentSigners.validate(x5chain: chain, at: time)
        } catch let error as MDLError {
            throw error
        } catch {
            throw MDLError(code: .certificateUntrusted, message: "document signer chain: \(error)")
        }
        guard let payload = issuerAuth.payload else {
            throw MDLError.structure("IssuerAuth must carry the MSO as its payload")
        }
        do {
            try issuerAuth.verifyAttached(with: try signer.verificationKey.get(), allowedAlgorithms: configuration.allowedAlgorithms)
        } catch let error as MDLError {
            throw error
        } catch let error as COSEError where error.code == .weakKey || error.code == .invalidKey {
            throw MDLError(code: .weakKey, message: "document signer key: \(error.message)")
        } catch {
            throw MDLError(code: .issuerSignatureInvalid, message: "the IssuerAuth signature does not verify with the document signer's key")
        }
        let msoItem = try decoder.decodeStructure(payload, what: "MobileSecurityObjectBytes")
        guard let embedded = msoItem.embedded else {
            throw MDLError.structure("the IssuerAuth payload must be MobileSecurityObjectBytes (tag 24)")
        }
        let mso = try MobileSecurityObject(embedded: embedded, decoder: decoder)
        return Result(signer: signer, mso: mso)
    }
}
