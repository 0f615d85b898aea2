import Foundation
import MDLCBOR
import MDLCOSE
import SwiftASN1
import X509

/// Verifies an mdoc reader's `readerAuth` (ISO/IEC 18013-5 §9.1.4): a COSE_Sign1 with a detached payload over
/// `ReaderAuthenticationBytes = #6.24(bstr .cbor ["ReaderAuthentication", SessionTranscript, ItemsRequestBytes])`,
/// signed by the reader certificate in `x5chain`, which must chain to a reader root with EKU `1.0.18013.5.1.6`.
///
/// A wallet uses it to learn who asks; a relying party's reader uses it to check its own requests.
///
/// ```swift
/// let readerAuth = ReaderAuthentication(readerRoots: [readerRoot])
/// let reader = try await readerAuth.verify(docRequest: docRequestItem, sessionTranscript: transcript, at: now)
/// print(reader.subject)   // "CN=reader"
/// ```
///
/// Failures throw ``MDLError``: `structureInvalid`, `algorithmNotAllowed`, `certificateMissing`, `limitExceeded`
/// (an `x5chain` of more than four certificates), `certificateUntrusted` (no chain to a reader root, wrong EKU,
/// outside validity, a certificate or subject repeated, entries out of order) or `readerSignatureInvalid`.
public struct ReaderAuthentication: Sendable {
    /// The roots reader certificates must chain to.
    public var readerRoots: [Certificate]
    /// The COSE algorithms accepted.
    public var allowedAlgorithms: Set<COSEAlgorithm>

    /// Creates a verifier trusting `readerRoots`.
    public init(readerRoots: [Certificate], allowedAlgorithms: Set<COSEAlgorithm> = [.edDSA, .es256, .es384, .es512]) {
        self.readerRoots = readerRoots
        self.allowedAlgorithms = allowedAlgorithms
    }

    /// A reader whose request signature verified.
    public struct VerifiedReader: Sendable {
        /// The reader certificate.
        public let certificate: Certificate
        /// The chain, the reader certificate first and the root last.
        public let chain: [Certificate]
        /// The reader's subject, e.g. `"CN=reader"`.
        public var subject: String { certificate.subject.description }
    }

    /// `ReaderAuthenticationBytes` for `sessionTranscript` and `itemsRequestBytes` (the tag-24 item as received).
    public static func readerAuthenticationBytes(sessionTranscript: SessionTranscript, itemsRequestBytes: [UInt8])
        -> [UInt8]
    {
        var inner = CBORWriter()
        inner.writeHead(major: 4, argument: 3)
        inner.write(.text("ReaderAuthentication"))
        inner.writeRaw(sessionTranscript.encoded)
        inner.writeRaw(itemsRequestBytes)
        return EmbeddedCBOR(content: inner.bytes).encoded
    }

    /// Verifies the `readerAuth` of a DocRequest map (`{"itemsRequest": #6.24(...), "readerAuth": COSE_Sign1}`).
    public func verify(docRequest: CBOR, sessionTranscript: SessionTranscript, at time: Date) async throws(MDLError)
        -> VerifiedReader
    {
        let map = try docRequest.requireMap("DocRequest")
        let items = try map.requiredEmbedded("itemsRequest", in: "DocRequest")
        guard let readerAuthItem = map["readerAuth"] else {
            throw MDLError(code: .certificateMissing, message: "the DocRequest carries no readerAuth")
        }
        let readerAuth: COSESign1
        do {
            readerAuth = try COSESign1(readerAuthItem)
        } catch {
            throw MDLError.structure("DocRequest.readerAuth is not a COSE_Sign1: \(error)")
        }
        return try await verify(
            readerAuth: readerAuth, itemsRequestBytes: items.encoded, sessionTranscript: sessionTranscript, at: time)
    }

    /// Verifies `readerAuth` over `itemsRequestBytes` (the `ItemsRequestBytes` tag-24 item) and `sessionTranscript`.
    public func verify(
        readerAuth: COSESign1, itemsRequestBytes: [UInt8], sessionTranscript: SessionTranscript, at time: Date
    ) async throws(MDLError) -> VerifiedReader {
        guard let algorithm = readerAuth.headers.algorithm, allowedAlgorithms.contains(algorithm), algorithm.isSignature
        else {
            throw MDLError(code: .algorithmNotAllowed, message: "readerAuth alg is absent or not allowed")
        }
        let der: [[UInt8]]
        do {
            guard let chain = try readerAuth.headers.x5chain(), !chain.isEmpty else {
                throw MDLError(code: .certificateMissing, message: "readerAuth has no x5chain with the reader certificate")
            }
            der = chain
        } catch let error as MDLError {
            throw error
        } catch {
            throw MDLError.structure("readerAuth x5chain: \(error)")
        }
        let parsed = try CertificateChainValidation.parse(
            x5chain: der, roots: readerRoots, code: .certificateUntrusted, role: "readerAuth")
        let chain = try await CertificateChainValidation.validate(
            chain: parsed, roots: readerRoots, requiredUsage: .mdlReaderAuthentication, at: time,
            code: .certificateUntrusted, role: "reader")
        guard let leaf = chain.first, let key = try? SignerPublicKey(leaf)?.coseKey() else {
            throw MDLError(code: .weakKey, message: "the reader certificate's key is not a usable signature key")
        }
        let payload = Self.readerAuthenticationBytes(
            sessionTranscript: sessionTranscript, itemsRequestBytes: itemsRequestBytes)
        do {
            try readerAuth.verifyDetached(content: payload, with: key, allowedAlgorithms: allowedAlgorithms)
        } catch {
            throw MDLError(
                code: .readerSignatureInvalid,
                message: "the readerAuth signature does not verify over this request and SessionTranscript")
        }
        return VerifiedReader(certificate: leaf, chain: chain)
    }
}
