import Foundation
import MDLCBOR
import MDLKit

/// An mDL issued by a Python peer (`pymdoccbor_issue.py` / `isomdoc_issue.py`) into a temporary folder.
struct PythonIssuedDocument {
    let folder: URL
    let response: [UInt8]
    let transcript: SessionTranscript
    let anchor: TrustAnchor
    let expected: InteropJSON

    /// Runs `script` (an issuer) with `arguments` into a fresh folder and reads its outputs.
    static func issue(_ script: String, _ arguments: [String] = []) throws -> PythonIssuedDocument {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mdl-interop-doc-\(UUID().uuidString)")
        _ = try PythonPeer.succeed(script, [folder.path] + arguments)
        func bytes(_ name: String) throws -> [UInt8] { Array(try Data(contentsOf: folder.appendingPathComponent(name))) }
        return PythonIssuedDocument(
            folder: folder, response: try bytes("device-response.cbor"),
            transcript: try SessionTranscript(bytes: try bytes("session-transcript.cbor")),
            anchor: try TrustAnchor(pemEncoded: String(decoding: try bytes("iaca.pem"), as: UTF8.self)),
            expected: try InteropJSON.decode(Data(try bytes("expected.json"))))
    }

    /// The expected elements of the mDL namespace.
    var expectedElements: [String: InteropJSON] {
        expected["elements"]?[MDLProfile.isoNameSpace]?.object ?? [:]
    }

    func verifier(_ policy: VerificationPolicy) -> PresentationVerifier {
        PresentationVerifier(configuration: .init(trustAnchors: [anchor], policy: policy))
    }

    func verify(_ policy: VerificationPolicy, transcript: SessionTranscript? = nil) async throws -> VerifiedDocument {
        let presentation = try await verifier(policy).verify(response, sessionTranscript: transcript ?? self.transcript)
        guard let document = presentation.documents.first, presentation.documents.count == 1 else {
            throw PythonPeer.SetupFailure(reason: "expected one document")
        }
        return document
    }

    func remove() { try? FileManager.default.removeItem(at: folder) }
}

extension VerifiedDocument {
    /// The disclosed mDL namespace in the peers' JSON value form.
    var isoElementsJSON: [String: InteropJSON] {
        (issuerSigned[MDLProfile.isoNameSpace] ?? [:]).mapValues(InteropJSON.init(element:))
    }
}
