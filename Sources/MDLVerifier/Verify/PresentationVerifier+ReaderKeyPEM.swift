import Crypto
import Foundation

extension PresentationVerifier {
    /// Verifies `responseBytes` for the session `sessionTranscript`, with the reader's ephemeral P-256 key given as
    /// PEM, for a device that authenticates with a MAC (ISO 18013-5 proximity sessions).
    ///
    /// - Parameters:
    ///   - responseBytes: the DeviceResponse as received.
    ///   - sessionTranscript: the transcript rebuilt from the RP's own session.
    ///   - readerKeyPEM: the reader's ephemeral private key (PEM, `EC PRIVATE KEY` or PKCS #8).
    ///   - time: the verification time; the configured clock when `nil`.
    /// - Throws: ``MDLError`` `structureInvalid` when the key is not a P-256 private key, or any verification code.
    public func verify(
        _ responseBytes: [UInt8], sessionTranscript: SessionTranscript?, readerKeyPEM: String, at time: Date? = nil
    ) async throws(MDLError) -> VerifiedPresentation {
        let readerKey: P256.KeyAgreement.PrivateKey
        do {
            readerKey = try P256.KeyAgreement.PrivateKey(pemRepresentation: readerKeyPEM)
        } catch {
            throw MDLError(code: .structureInvalid, message: "the reader key is not a P-256 private key in PEM")
        }
        return try await verify(responseBytes, sessionTranscript: sessionTranscript, readerKey: readerKey, at: time)
    }
}
