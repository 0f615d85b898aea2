import Crypto
import Foundation
import MDLCBOR
import MDLCOSE

/// Verifies ISO 18013-5 DeviceResponses: pipeline steps 1, 3, 4 and 5 of the architecture (structure and limits,
/// issuer authentication with the DS chain at the verification time, the MSO, device authentication).
///
/// The first failure wins and throws an ``MDLError`` with its stable code.
///
/// ```swift
/// let verifier = PresentationVerifier(configuration: .init(trustAnchors: [try TrustAnchor(pemEncoded: iacaPEM)]))
/// let transcript = SessionTranscript.openID4VP(clientID: clientID, nonce: nonce, jwkThumbprint: thumbprint, responseURI: uri)
/// let presentation = try await verifier.verify(responseBytes, sessionTranscript: transcript)
/// print(presentation.license?.drivingPrivileges.map(\.vehicleCategoryCode) ?? [])
/// ```
public struct PresentationVerifier: Sendable {
    /// The configuration.
    public let configuration: VerifierConfiguration
    /// Validates document-signer chains; held for the verifier's lifetime so its cache of validated chains
    /// is reused across verifications (copies of the verifier share it).
    let documentSigners: DocumentSignerValidator
    /// Logs and counts each verification (``VerifierConfiguration/observability``); its handles are made once here.
    let observer: VerificationObserver

    /// Creates a verifier.
    public init(configuration: VerifierConfiguration) {
        self.configuration = configuration
        documentSigners = DocumentSignerValidator(anchors: configuration.trustAnchors, policy: configuration.policy)
        observer = VerificationObserver(configuration.observability)
    }

    /// Verifies `responseBytes` for the session `sessionTranscript`.
    ///
    /// - Parameters:
    ///   - responseBytes: the DeviceResponse as received.
    ///   - sessionTranscript: the transcript rebuilt from the RP's own request; required for holder binding.
    ///   - readerKey: the reader's ephemeral private key, needed when the device authenticates with a MAC.
    ///   - time: the verification time; the configured clock when `nil`.
    public func verify(
        _ responseBytes: [UInt8], sessionTranscript: SessionTranscript?,
        readerKey: P256.KeyAgreement.PrivateKey? = nil, at time: Date? = nil
    ) async throws(MDLError) -> VerifiedPresentation {
        do {
            let presentation = try await verifyPresentation(responseBytes, sessionTranscript: sessionTranscript, readerKey: readerKey, at: time)
            observer.verified(presentation)
            return presentation
        } catch {
            observer.refused(error)
            throw error
        }
    }

    /// The verification itself, before it is logged and counted.
    private func verifyPresentation(
        _ responseBytes: [UInt8], sessionTranscript: SessionTranscript?, readerKey: P256.KeyAgreement.PrivateKey?, at time: Date?
    ) async throws(MDLError) -> VerifiedPresentation {
        let decoder = CBORDecoder(options: configuration.decoderOptions)
        let response = try DeviceResponse(bytes: responseBytes, decoder: decoder)
        guard response.status == 0 else {
            throw MDLError(code: .responseStatusNotOK, message: "the wallet reported status \(response.status)")
        }
        guard !response.documents.isEmpty else {
            throw MDLError.structure("the DeviceResponse holds no documents")
        }
        let time = time ?? configuration.clock()
        var documents: [VerifiedDocument] = []
        for (index, document) in response.documents.enumerated() {
            do {
                documents.append(try await verify(document, transcript: sessionTranscript, readerKey: readerKey, at: time, decoder: decoder))
            } catch {
                throw error.inDocument(index)
            }
        }
        if documents.contains(where: { $0.statusReference != nil }) {
            let statuses = try await checkStatuses(of: documents, at: time)
            for index in documents.indices { documents[index].status = statuses[index] }
        } else {
            // No document names a status list: whatever the status mode, there is nothing to look up or refuse.
            for index in documents.indices { documents[index].status = .noReference }
        }
        return VerifiedPresentation(documents: documents, verifiedAt: time, deviceResponse: responseBytes)
    }

    func verify(
        _ document: Document, transcript: SessionTranscript?, readerKey: P256.KeyAgreement.PrivateKey?, at time: Date,
        decoder: CBORDecoder
    ) async throws(MDLError) -> VerifiedDocument {
        var relaxations: [VerificationPolicy.Relaxation] = []
        let issuer = try await IssuerAuthentication(configuration: configuration, documentSigners: documentSigners).verify(document.issuerSigned.issuerAuth, at: time, decoder: decoder)
        relaxations.append(contentsOf: issuer.signer.relaxationsUsed)
        let msoChecks = MSOChecks(configuration: configuration)
        relaxations.append(contentsOf: try msoChecks.checkValidity(issuer.mso, signer: issuer.signer, document: document, at: time))
        let disclosed = try msoChecks.checkDigests(document.issuerSigned, mso: issuer.mso)
        relaxations.append(contentsOf: try msoChecks.checkSalts(document.issuerSigned))
        relaxations.append(contentsOf: try msoChecks.checkIssuingCountry(disclosed, signer: issuer.signer))
        let device = try DeviceAuthenticationCheck(configuration: configuration)
            .verify(document, mso: issuer.mso, transcript: transcript, readerKey: readerKey)
        relaxations.append(contentsOf: device.relaxationsUsed)
        var unique: [VerificationPolicy.Relaxation] = []
        for relaxation in relaxations where !unique.contains(relaxation) { unique.append(relaxation) }
        return VerifiedDocument(
            docType: document.docType, issuerSigned: disclosed, deviceSigned: device.elements,
            notReturned: document.errors, validity: issuer.mso.validity, statusReference: issuer.mso.status,
            trustPath: issuer.signer.trustPath, relaxationsUsed: unique, deviceAuthentication: device.method,
            digestAlgorithm: issuer.mso.digestAlgorithm, issuerAnchor: issuer.signer.anchor)
    }

    /// Pipeline step 7: the document's status, as ``VerifierConfiguration/status`` asks.
    func checkStatus(of document: VerifiedDocument, at time: Date) async throws(MDLError) -> DocumentStatus {
        guard document.statusReference != nil else { return .noReference }
        switch configuration.status.mode {
        case .required:
            throw MDLError(
                code: .statusUnavailable,
                message: "the document has a status reference and no status checker is configured "
                    + "(configure one with .check(with:), or opt out with .skip(reason:))")
        case .skip(let reason):
            return .notChecked(reason: reason)
        case .check(let checker):
            let result = try await checker.status(of: document, at: time)
            if let refusal = result.refusal { throw refusal }
            return .checked(result)
        }
    }
}
