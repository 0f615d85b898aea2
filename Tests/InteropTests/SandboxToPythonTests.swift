import Foundation
import MDLCBOR
import MDLCOSE
import MDLKit
import MDLSandbox
import Testing

/// The other direction: what MDLKit's sandbox issues and its wallet presents (P-256 issuer and device keys, the
/// only curve both Python verifiers handle) is accepted by pymdoccbor's and isomdoc's verifiers with our values.
@Suite(.enabled(if: PythonPeer.available, Comment(rawValue: PythonPeer.skipMessage)))
struct SandboxToPythonTests {
    static let transcript = SessionTranscript.openID4VP(
        clientID: "x509_san_dns:rp.example.cn", nonce: "n-interop-1", jwkThumbprint: Array(repeating: 9, count: 32),
        responseURI: "https://rp.example.cn/response")

    /// A sandbox presentation written to a temporary folder: the response, the IACA and the transcript.
    struct Presented {
        let folder: URL
        let record: LicenseRecord
        let presented: [String: Set<String>]?

        var response: String { folder.appendingPathComponent("device-response.cbor").path }
        var iaca: String { folder.appendingPathComponent("iaca.pem").path }
        var transcript: String { folder.appendingPathComponent("session-transcript.cbor").path }

        init(elements: [String: Set<String>]? = nil, tamper: Bool = false) throws {
            let now = Date()
            let today = FullDate(daysSinceEpoch: Int(now.timeIntervalSince1970 / 86_400))
            let authority = try IssuingAuthority(region: .jiangsu, keyAlgorithm: .p256, now: now)
            var wallet = HolderWallet(deviceKeyAlgorithm: .p256)
            record = Persona.cleanC1(today: today, asOf: now).record
            presented = elements
            wallet.store(try authority.issue(record, deviceKey: wallet.deviceCOSEKey, now: now))
            var bytes = try wallet.present(elements: elements, transcript: SandboxToPythonTests.transcript).encoded
            if tamper, let name = record[MDLProfile.isoNameSpace, "family_name"]?.text {
                let pattern = Array(name.utf8)
                if let start = bytes.indices.first(where: { bytes[$0...].starts(with: pattern) }) { bytes[start] ^= 0x20 }
            }
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("mdl-interop-sandbox-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(bytes).write(to: URL(fileURLWithPath: response))
            try Data(try authority.iaca.pemEncoded().utf8).write(to: URL(fileURLWithPath: iaca))
            try Data(SandboxToPythonTests.transcript.sessionTranscriptBytes).write(to: URL(fileURLWithPath: transcript))
        }

        /// The issued values of what was presented, in the peers' JSON form.
        var expectedElements: [String: [String: InteropJSON]] {
            var result: [String: [String: InteropJSON]] = [:]
            for (nameSpace, elements) in record.elements {
                for (identifier, value) in elements where presented.map({ $0[nameSpace]?.contains(identifier) ?? false }) ?? true {
                    result[nameSpace, default: [:]][identifier] = InteropJSON(element: value)
                }
            }
            return result
        }

        func remove() { try? FileManager.default.removeItem(at: folder) }
    }

    static func elements(of output: InteropJSON) -> [String: [String: InteropJSON]] {
        (output["elements"]?.object ?? [:]).compactMapValues(\.object)
    }

    @Test func pymdoccborVerifiesTheSandboxPresentationWithItsChain() throws {
        let presented = try Presented()
        defer { presented.remove() }
        let run = try PythonPeer.run("pymdoccbor_verify.py", [presented.response, "--trust-anchor", presented.iaca])
        let output = try InteropJSON.decode(run.stdout)
        #expect(run.status == 0, "pymdoccbor: \(output)")
        #expect(output["verified"]?.bool == true)
        #expect(output["docType"]?.string == MDLProfile.docType)
        #expect(Self.elements(of: output) == presented.expectedElements)
        #expect(!(presented.expectedElements[MDLProfile.chinaNameSpace] ?? [:]).isEmpty)
    }

    @Test func pymdoccborVerifiesASelectiveDisclosure() throws {
        let presented = try Presented(elements: [MDLProfile.isoNameSpace: ["family_name", "portrait", "driving_privileges"]])
        defer { presented.remove() }
        let run = try PythonPeer.run("pymdoccbor_verify.py", [presented.response, "--trust-anchor", presented.iaca])
        let output = try InteropJSON.decode(run.stdout)
        #expect(run.status == 0, "pymdoccbor: \(output)")
        #expect(Self.elements(of: output) == presented.expectedElements)
        #expect(Self.elements(of: output)[MDLProfile.isoNameSpace]?.count == 3)
    }

    @Test func pymdoccborRefusesATamperedSandboxPresentation() throws {
        let presented = try Presented(tamper: true)
        defer { presented.remove() }
        let run = try PythonPeer.run("pymdoccbor_verify.py", [presented.response, "--trust-anchor", presented.iaca])
        #expect(run.status == 1)
        #expect(try InteropJSON.decode(run.stdout)["verified"]?.bool == false)
    }

    @Test func isomdocVerifiesTheSandboxPresentationAndOurDeviceSignature() throws {
        let presented = try Presented()
        defer { presented.remove() }
        let run = try PythonPeer.run("isomdoc_verify.py", [presented.response, "--session-transcript", presented.transcript])
        let output = try InteropJSON.decode(run.stdout)
        #expect(run.status == 0, "isomdoc: \(output)")
        #expect(output["verified"]?.bool == true)
        #expect(Self.elements(of: output) == presented.expectedElements)
        #expect(output["documents"].map { "\($0)".contains("ES256") } == true)
    }

    @Test func isomdocRefusesOurPresentationUnderAnotherTranscript() throws {
        let presented = try Presented()
        defer { presented.remove() }
        let other = presented.folder.appendingPathComponent("other-transcript.cbor")
        let transcript = SessionTranscript.openID4VP(
            clientID: "x509_san_dns:rp.example.cn", nonce: "n-interop-2", jwkThumbprint: Array(repeating: 9, count: 32),
            responseURI: "https://rp.example.cn/response")
        try Data(transcript.sessionTranscriptBytes).write(to: other)
        let run = try PythonPeer.run("isomdoc_verify.py", [presented.response, "--session-transcript", other.path])
        #expect(run.status == 1)
        #expect(try InteropJSON.decode(run.stdout)["verified"]?.bool == false)
    }
}
