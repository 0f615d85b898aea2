// verify-only DIRECTORY [TIME]: verifies the ISO/IEC 18013-5 Annex D DeviceResponse kept in DIRECTORY (the files
// device-response.hex, session-transcript-bytes.hex, e-reader-key.pem, iaca-root.pem) at TIME (RFC 3339; default
// 2021-01-01T00:00:00Z, when its document signer was valid), and prints what was verified. Exit 0 verified,
// 1 refused (the error code is printed), 2 unusable input.
import Foundation
import MDLVerifier

func readText(_ directory: URL, _ name: String) throws -> String {
    try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
}

func readHex(_ directory: URL, _ name: String) throws -> [UInt8] {
    let digits = Array(try readText(directory, name).filter { !$0.isWhitespace }.utf8)
    guard digits.count % 2 == 0 else { throw MDLError(code: .structureInvalid, message: "\(name) is not hex") }
    return try stride(from: 0, to: digits.count, by: 2).map { index in
        guard let byte = UInt8(String(decoding: digits[index...index + 1], as: UTF8.self), radix: 16) else {
            throw MDLError(code: .structureInvalid, message: "\(name) is not hex")
        }
        return byte
    }
}

let arguments = CommandLine.arguments.dropFirst()
guard let directoryPath = arguments.first else {
    FileHandle.standardError.write(Data("usage: verify-only DIRECTORY [TIME]\n".utf8))
    exit(2)
}
let directory = URL(fileURLWithPath: directoryPath)
let timeText = arguments.dropFirst().first ?? "2021-01-01T00:00:00Z"
guard let time = ISO8601DateFormatter().date(from: timeText) else {
    FileHandle.standardError.write(Data("verify-only: \(timeText) is not an RFC 3339 time\n".utf8))
    exit(2)
}

do {
    let response = try readHex(directory, "device-response.hex")
    let transcript = try SessionTranscript(bytes: try readHex(directory, "session-transcript-bytes.hex"))
    let anchor = try TrustAnchor(pemEncoded: try readText(directory, "iaca-root.pem"))
    let verifier = PresentationVerifier(configuration: .init(trustAnchors: [anchor]))
    let presentation = try await verifier.verify(
        response, sessionTranscript: transcript, readerKeyPEM: try readText(directory, "e-reader-key.pem"), at: time)
    for document in presentation.documents {
        let elements = document.issuerSigned.values.reduce(0) { $0 + $1.count }
        print("verified \(document.docType): \(elements) issuer-signed elements, device authentication \(document.deviceAuthentication)")
    }
} catch let error as MDLError {
    print("refused: \(error.code)")
    exit(1)
} catch {
    FileHandle.standardError.write(Data("verify-only: \(error)\n".utf8))
    exit(2)
}
