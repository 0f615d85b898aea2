// libFuzzer entry point for MDLKit's whole verification pipeline (decode, structure, IssuerAuth and the DS chain,
// MSO, digests, device authentication). Built by Fuzz/build-pipeline.sh: MDLCBOR, MDLCOSE and MDLKit compiled with
// `-sanitize=fuzzer`, linked with the dependencies' objects from the package's own debug build.
//
// Setup (from LLVMFuzzerInitialize): the folder $MDL_FUZZ_SETUP holds what Fuzz/make-pipeline-corpus.sh exported from
// the sandbox: iaca-*.der (trust anchors), session-transcript.cbor and time.txt (seconds since 1970), so mutations of
// the seed presentations get past the chain and reach the MSO and device checks.
//
// Any MDLError is a refusal, which is fine; a crash, a trap, or a verification that succeeds on bytes other than a
// seed's is what libFuzzer reports.

import Foundation
import MDLCBOR
import MDLCOSE
import MDLKit
import MDLVerifier

struct PipelineSetup: Sendable {
    let strict: PresentationVerifier
    let interop: PresentationVerifier
    let transcript: SessionTranscript
    let time: Date

    static func load() -> PipelineSetup? {
        guard let path = ProcessInfo.processInfo.environment["MDL_FUZZ_SETUP"] else { return nil }
        let folder = URL(fileURLWithPath: path)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        let anchors = names.filter { $0.hasPrefix("iaca-") && $0.hasSuffix(".der") }.sorted().compactMap { name in
            (try? Data(contentsOf: folder.appendingPathComponent(name))).flatMap { try? TrustAnchor(derEncoded: Array($0)) }
        }
        guard !anchors.isEmpty,
            let transcriptData = try? Data(contentsOf: folder.appendingPathComponent("session-transcript.cbor")),
            let transcript = try? SessionTranscript(bytes: Array(transcriptData)),
            let timeText = try? String(contentsOf: folder.appendingPathComponent("time.txt"), encoding: .utf8),
            let seconds = Double(timeText.trimmingCharacters(in: .whitespacesAndNewlines))
        else { return nil }
        let time = Date(timeIntervalSince1970: seconds)
        return PipelineSetup(
            strict: PresentationVerifier(configuration: .init(trustAnchors: anchors, clock: { time })),
            interop: PresentationVerifier(configuration: .init(trustAnchors: anchors, policy: .interop, clock: { time })),
            transcript: transcript, time: time)
    }
}

nonisolated(unsafe) var setup: PipelineSetup?

func checkPipeline(_ input: [UInt8]) {
    // The model layer alone (synchronous): must throw only MDLError.
    _ = try? DeviceResponse(bytes: input)
    checkReadInPlace(input)
    _ = try? SessionTranscript(bytes: input)
    guard let setup else { return }
    let results = runBlocking { () async -> [String?] in
        var codes: [String?] = []
        for verifier in [setup.strict, setup.interop] {
            do throws(MDLError) {
                _ = try await verifier.verify(input, sessionTranscript: setup.transcript, at: setup.time)
                codes.append(nil)
            } catch {
                codes.append(error.code.rawValue)
            }
        }
        return codes
    }
    // Strict may refuse what interop accepts, never the reverse.
    if results[0] == nil && results[1] != nil { fatalError("strict accepted what interop refused: \(results[1] ?? "")") }
}

/// The response read straight into the model is the one the general decoder reads (issue 16), item by item too: the
/// in-place readers answer only for what the general decoder accepts, and with the same values.
func checkReadInPlace(_ input: [UInt8]) {
    let decoder = CBORDecoder()
    guard let inPlace = DeviceResponse.readInPlace(input, decoder: decoder) else { return }
    guard let tree = try? decoder.decodeStructure(input, what: "DeviceResponse"), let general = try? DeviceResponse(tree, decoder: decoder)
    else { fatalError("read in place, refused by the general decoder") }
    guard general == inPlace else { fatalError("read in place differently from the general decoder") }
    for document in inPlace.documents {
        for items in document.issuerSigned.nameSpaces.values {
            for item in items {
                guard let map = try? decoder.decode(item.embedded).map, map.count == 4, map["digestID"] == .unsigned(item.digestID),
                    map["random"] == .bytes(item.random), map["elementIdentifier"] == .text(item.elementIdentifier),
                    map["elementValue"] == item.elementValue
                else { fatalError("an item read in place differs from its decoding") }
            }
        }
    }
}

@_cdecl("LLVMFuzzerInitialize")
public func fuzzInitialize(_ argc: UnsafeMutablePointer<CInt>?, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>?) -> CInt {
    setup = PipelineSetup.load()
    if setup == nil {
        FileHandle.standardError.write(Data("PipelineFuzz: no $MDL_FUZZ_SETUP (see Fuzz/make-pipeline-corpus.sh); fuzzing the decoding layers only\n".utf8))
    }
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    checkPipeline(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
