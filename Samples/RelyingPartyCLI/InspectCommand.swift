import ArgumentParser
import Foundation
import MDLCBOR

/// `mdl-rp inspect FILE`: the CBOR diagnostic notation of any mdoc structure.
struct InspectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Print any CBOR structure (DeviceResponse, MSO, transcript…) in diagnostic notation.",
        discussion: "Input: raw CBOR, hex text or base64url text. Byte strings longer than --max-bytes are shortened.")

    @Argument(help: "The file to show.") var file: String
    @Option(help: "Show at most this many bytes of each byte string.") var maxBytes = 64
    @Flag(help: "Decode strictly: refuse non-preferred heads and indefinite lengths.") var strict = false
    @Flag(help: "Print JSON: {\"diagnostic\": …}.") var json = false

    func run() async throws {
        let bytes = try InputBytes.read(file)
        let item: CBOR
        do { item = try CBORDecoder(options: .init(strict: strict)).decode(bytes) } catch {
            if json {
                JSONOutput.print(RefusalJSON.object(error))
            } else {
                FileHandle.standardError.write(Data("not valid CBOR: \(error)\n".utf8))
            }
            throw ExitCode(1)
        }
        let text = CBORDiagnostic.format(item, maxBytesShown: maxBytes, indent: "  ")
        if json { JSONOutput.print(.object(["diagnostic": .string(text)])) } else { print(text) }
    }
}
