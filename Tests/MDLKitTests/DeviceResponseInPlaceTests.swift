import Foundation
import MDLCBOR
import MDLSandbox
import Testing

@testable import MDLVerifier

/// A DeviceResponse read straight into the model is the response the general decoder reads, and a response the
/// in-place reader does not handle gets the general decoder's answer: the same response or the same error (issue 16).
struct DeviceResponseInPlaceTests {
    /// The general path alone: the whole CBOR tree, then the model.
    static func general(_ bytes: [UInt8], _ decoder: CBORDecoder) -> Result<DeviceResponse, MDLError> {
        Result { () throws(MDLError) in try DeviceResponse(try decoder.decodeStructure(bytes, what: "DeviceResponse"), decoder: decoder) }
    }

    /// Whatever the in-place reader answers, the general path answers the same; whenever it does not answer, the
    /// public initialiser gives the general path's result or error. Returns whether the in-place reader answered.
    @discardableResult
    static func expectSame(
        _ bytes: [UInt8], _ decoder: CBORDecoder = CBORDecoder(), label: String = "", sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
        let general = general(bytes, decoder)
        let inPlace = DeviceResponse.readInPlace(bytes, decoder: decoder)
        if let inPlace {
            guard case .success(let expected) = general else {
                Issue.record("\(label): read in place, refused by the general decoder: \(general)", sourceLocation: sourceLocation)
                return true
            }
            #expect(inPlace == expected, "\(label)", sourceLocation: sourceLocation)
            #expect(inPlace.documents.map(\.issuerSigned.nameSpaceOrder) == expected.documents.map(\.issuerSigned.nameSpaceOrder), sourceLocation: sourceLocation)
        }
        let public_ = Result { () throws(MDLError) in try DeviceResponse(bytes: bytes, decoder: decoder) }
        switch (public_, general) {
        case (.success(let a), .success(let b)): #expect(a == b, "\(label)", sourceLocation: sourceLocation)
        case (.failure(let a), .failure(let b)):
            #expect(a.code == b.code, "\(label)", sourceLocation: sourceLocation)
            #expect(a.message == b.message, "\(label)", sourceLocation: sourceLocation)
        default: Issue.record("\(label): public \(public_), general \(general)", sourceLocation: sourceLocation)
        }
        return inPlace != nil
    }

    /// Responses made by the sandbox (Ed25519 and ES256, all elements) and, when present, other implementations'.
    static func responses() throws -> [[UInt8]] {
        var responses: [[UInt8]] = []
        for algorithm in [SigningKey.Algorithm.ed25519, .p256] {
            let fixture = try SandboxFixture(issuerKey: algorithm, deviceKey: algorithm)
            responses.append(try fixture.presentation())
            responses.append(try fixture.presentation(["org.iso.18013.5.1": ["family_name"]]))
        }
        if VectorFiles.available {
            responses.append(try VectorFiles.hex("iso18013-5-annex-d/device-response.hex"))
            responses.append(try VectorFiles.hex("auth0-mdl-example1/device-response.hex"))
            responses.append(try VectorFiles.base64URL("eudi-mdl-openid4vp/device-response.b64u"))
        }
        return responses
    }

    @Test func regularResponsesAreReadInPlaceAsTheGeneralDecoderReadsThem() throws {
        for bytes in try Self.responses() {
            #expect(Self.expectSame(bytes), "a regular response is read in place")
            // Under strict options (which some of the vectors' encodings do not meet) both paths still agree.
            Self.expectSame(bytes, CBORDecoder(options: .init(strict: true)))
        }
    }

    /// Each of these is irregular in one way; the public initialiser answers as the general decoder does.
    @Test func irregularResponsesGetTheGeneralAnswer() throws {
        let fixture = try SandboxFixture()
        let response = try DeviceResponse(bytes: try fixture.presentation())
        var map = try #require(response.cbor.map)
        func variant(_ change: (inout CBORMap) -> Void) -> [UInt8] {
            var copy = map
            change(&copy)
            return CBOREncoder.encode(.map(copy))
        }
        var cases: [(String, [UInt8])] = [
            ("unknown member", variant { $0["extra"] = .unsigned(1) }),
            ("no status", variant { $0["status"] = nil }),
            ("status of another type", variant { $0["status"] = .text("0") }),
            ("version 2", variant { $0["version"] = .text("2.0") }),
            ("version a number", variant { $0["version"] = .unsigned(1) }),
            ("documents a map", variant { $0["documents"] = .map([:]) }),
            ("no documents", variant { $0["documents"] = nil }),
            ("documentErrors", variant { $0["documentErrors"] = .array([.map(["org.iso.18013.5.1.mDL": .unsigned(0)])]) }),
            ("documentErrors malformed", variant { $0["documentErrors"] = .array([.unsigned(0)]) }),
        ]
        let document = try #require(map["documents"]?.array?.first?.map)
        func documentVariant(_ change: (inout CBORMap) -> Void) -> [UInt8] {
            var copy = document
            change(&copy)
            return variant { $0["documents"] = .array([.map(copy)]) }
        }
        let issuerSigned = try #require(document["issuerSigned"]?.map)
        func issuerSignedVariant(_ change: (inout CBORMap) -> Void) -> [UInt8] {
            var copy = issuerSigned
            change(&copy)
            return documentVariant { $0["issuerSigned"] = .map(copy) }
        }
        let deviceSigned = try #require(document["deviceSigned"]?.map)
        let deviceAuth = try #require(deviceSigned["deviceAuth"]?.map)
        let signature = try #require(deviceAuth["deviceSignature"])
        func deviceSignedVariant(_ change: (inout CBORMap) -> Void) -> [UInt8] {
            var copy = deviceSigned
            change(&copy)
            return documentVariant { $0["deviceSigned"] = .map(copy) }
        }
        cases += [
            ("deviceSigned unknown member", deviceSignedVariant { $0["x"] = .null }),
            ("deviceSigned without nameSpaces", deviceSignedVariant { $0["nameSpaces"] = nil }),
            ("device nameSpaces untagged", deviceSignedVariant { $0["nameSpaces"] = .map([:]) }),
            ("device nameSpaces with an element", deviceSignedVariant { $0["nameSpaces"] = .embedded(EmbeddedCBOR(.map(["a": .map(["b": .unsigned(1)])]))) }),
            ("device nameSpaces malformed", deviceSignedVariant { $0["nameSpaces"] = .embedded(EmbeddedCBOR(content: [0xa1, 0x01])) }),
            ("no deviceAuth", deviceSignedVariant { $0["deviceAuth"] = nil }),
            ("empty deviceAuth", deviceSignedVariant { $0["deviceAuth"] = .map([:]) }),
            ("deviceAuth with both", deviceSignedVariant { $0["deviceAuth"] = .map(["deviceSignature": signature, "deviceMac": signature]) }),
            ("deviceAuth with a mac", deviceSignedVariant { $0["deviceAuth"] = .map(["deviceMac": .array([.bytes([0xa1, 0x01, 0x05]), .map([:]), .null, .bytes([1])])]) }),
            ("deviceAuth with another member", deviceSignedVariant { $0["deviceAuth"] = .map(["deviceSignature": signature, "other": .null]) }),
            ("deviceSignature tagged", deviceSignedVariant { $0["deviceAuth"] = .map(["deviceSignature": .tagged(18, signature)]) }),
            ("deviceSignature malformed", deviceSignedVariant { $0["deviceAuth"] = .map(["deviceSignature": .array([])]) }),
        ]
        let nameSpaces = try #require(issuerSigned["nameSpaces"]?.map)
        let firstItems = try #require(nameSpaces.entries.first?.value.array)
        cases += [
            ("document unknown member", documentVariant { $0["x"] = .null }),
            ("document without docType", documentVariant { $0["docType"] = nil }),
            ("docType bytes", documentVariant { $0["docType"] = .bytes([1]) }),
            ("no deviceSigned", documentVariant { $0["deviceSigned"] = nil }),
            ("deviceSigned malformed", documentVariant { $0["deviceSigned"] = .map([:]) }),
            ("document errors", documentVariant { $0["errors"] = .map(["org.iso.18013.5.1": .map(["portrait": .unsigned(0)])]) }),
            ("document errors malformed", documentVariant { $0["errors"] = .map(["org.iso.18013.5.1": .unsigned(0)]) }),
            ("two documents", variant { $0["documents"] = .array([.map(document), .map(document)]) }),
            ("no issuerAuth", issuerSignedVariant { $0["issuerAuth"] = nil }),
            ("issuerAuth malformed", issuerSignedVariant { $0["issuerAuth"] = .array([]) }),
            ("no nameSpaces", issuerSignedVariant { $0["nameSpaces"] = nil }),
            ("empty nameSpaces", issuerSignedVariant { $0["nameSpaces"] = .map([:]) }),
            ("nameSpaces unknown member", issuerSignedVariant { $0["nameSpacez"] = .map([:]) }),
            ("namespace not text", issuerSignedVariant { $0["nameSpaces"] = .map([.unsigned(1): .array(firstItems)]) }),
            ("namespace of a map", issuerSignedVariant { $0["nameSpaces"] = .map(["a": .map([:])]) }),
            ("an item untagged", issuerSignedVariant { $0["nameSpaces"] = .map(["a": .array([.bytes([0xa0])])]) }),
            ("an item of another tag", issuerSignedVariant { $0["nameSpaces"] = .map(["a": .array([.tagged(25, .bytes([0xa0]))])]) }),
            ("an item not a map", issuerSignedVariant { $0["nameSpaces"] = .map(["a": .array([.embedded(EmbeddedCBOR(.unsigned(1)))])]) }),
            ("empty item array", issuerSignedVariant { $0["nameSpaces"] = .map(["a": .array([])]) }),
            ("items under two namespaces", issuerSignedVariant { $0["nameSpaces"] = .map(["b": .array(firstItems), "a": .array(firstItems)]) }),
        ]
        // Forms the deterministic encoder does not write, patched into the bytes.
        let bytes = try fixture.presentation()
        cases += [
            ("trailing byte", bytes + [0]),
            ("truncated", Array(bytes.dropLast())),
            ("indefinite outer map", [0xbf] + bytes.dropFirst() + [0xff]),
            ("repeated member", Self.repeatingFirstMember(bytes)),
        ]
        for (name, bytes) in cases {
            for decoder in [
                CBORDecoder(), CBORDecoder(options: .init(strict: true)), CBORDecoder(options: .init(maxDepth: 6)),
                CBORDecoder(options: .init(maxDepth: 8)), CBORDecoder(options: .init(maxItems: 40)),
                CBORDecoder(options: .init(maxStringBytes: 64)),
            ] {
                Self.expectSame(bytes, decoder, label: "\(name), \(decoder.options)")
            }
        }
        // Two namespace names distinct byte for byte but equal as Swift strings (NFC and NFD é): one would overwrite
        // the other's items, so both paths refuse the pair.
        let equalNames = issuerSignedVariant { $0["nameSpaces"] = .map(["\u{e9}": .array(firstItems), "e\u{301}": .array([])]) }
        #expect(throws: MDLError(code: .structureInvalid)) { _ = try DeviceResponse(bytes: equalNames) }
        Self.expectSame(equalNames)
        // A namespace named twice, which the general decoder refuses as a repeated key.
        let twice = Self.namingFirstNameSpaceTwice(bytes)
        #expect(throws: MDLError.self) { _ = try DeviceResponse(bytes: twice) }
        Self.expectSame(twice)
    }

    /// Flipped, inserted and removed bytes in every response: the in-place reader never answers what the general
    /// decoder refuses, nor differently.
    @Test func mutatedResponsesReadAlike() throws {
        var generator = MutationGenerator(seed: 0x4d44_4c4b)
        var answered = 0
        var total = 0
        for base in try Self.responses() {
            for _ in 0..<300 {
                var bytes = base
                generator.mutate(&bytes, times: Int(1 + generator.next() % 3))
                total += 1
                if Self.expectSame(bytes) { answered += 1 }
            }
        }
        // Many mutations land in element values, salts or signatures, which both paths read alike: the comparison
        // above must have met the in-place reader answering, not only falling back.
        #expect(answered > total / 20, "in place answered \(answered) of \(total)")
    }

    /// The item reader that reads members straight from the item's bytes agrees with the general decoder's map for
    /// every mutation of real items: it answers only for a well-formed map of the four members, with their values.
    @Test func mutatedItemsReadAlikeInPlace() throws {
        var generator = MutationGenerator(seed: 0x4954_454d)
        var answered = 0
        var total = 0
        var items: [EmbeddedCBOR] = []
        for bytes in try Self.responses() {
            for document in try DeviceResponse(bytes: bytes).documents {
                for nameSpace in document.issuerSigned.nameSpaceOrder {
                    items += (document.issuerSigned.nameSpaces[nameSpace] ?? []).map(\.embedded)
                }
            }
        }
        #expect(items.count > 30)
        for (index, original) in items.enumerated() {
            // Read where it was received (inside its response) and as an item of its own.
            #expect(IssuerSignedItem.readInPlace(original, decoder: CBORDecoder()) != nil)
            Self.expectItemAsDecoded(original, CBORDecoder())
            for _ in 0..<(index < 40 ? 60 : 8) {
                var content = original.content
                generator.mutate(&content, times: Int(1 + generator.next() % 2))
                total += 1
                let decoder = generator.next() % 4 == 0 ? CBORDecoder(options: .init(strict: true)) : CBORDecoder()
                if Self.expectItemAsDecoded(EmbeddedCBOR(content: content), decoder) { answered += 1 }
            }
        }
        #expect(answered > total / 20, "in place answered \(answered) of \(total)")
    }

    /// Whether the in-place item reader answered; when it did, the general decoder decodes the same members.
    @discardableResult
    static func expectItemAsDecoded(_ embedded: EmbeddedCBOR, _ decoder: CBORDecoder, sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
        guard let item = IssuerSignedItem.readInPlace(embedded, decoder: decoder) else { return false }
        guard let map = try? decoder.decode(embedded).map, map.count == 4 else {
            Issue.record("read in place, not a map of four members to the general decoder", sourceLocation: sourceLocation)
            return true
        }
        #expect(map["digestID"] == .unsigned(item.digestID), sourceLocation: sourceLocation)
        #expect(map["random"] == .bytes(item.random), sourceLocation: sourceLocation)
        #expect(map["elementIdentifier"] == .text(item.elementIdentifier), sourceLocation: sourceLocation)
        #expect(map["elementValue"] == item.elementValue, sourceLocation: sourceLocation)
        #expect(item.embedded == embedded, sourceLocation: sourceLocation)
        return true
    }

    /// `bytes` with the outer map's first member written twice (and the map's count raised by one).
    static func repeatingFirstMember(_ bytes: [UInt8]) -> [UInt8] {
        guard let first = bytes.first, first & 0xe0 == 0xa0, first & 0x1f < 23 else { return bytes }
        let decoder = CBORDecoder()
        let afterHead = Array(bytes.dropFirst())
        guard let key = try? decoder.decodePrefix(afterHead), let value = try? decoder.decodePrefix(Array(afterHead.dropFirst(key.length)))
        else { return bytes }
        let member = Array(afterHead.prefix(key.length + value.length))
        return [first + 1] + member + afterHead
    }

    /// `bytes` with the first namespace of the first document's issuer-signed part named twice.
    static func namingFirstNameSpaceTwice(_ bytes: [UInt8]) -> [UInt8] {
        // `nameSpaces` is a key in DeviceSigned too (over a tag-24 item); IssuerSigned's is followed by a map head.
        // The deterministic encoding writes "org.iso.18013.5.1" once there as a key, right before its array; doubling
        // that key and array gives one more entry than the map's head declares, so the head is raised.
        let label = CBOREncoder.encode(.text("nameSpaces"))
        var from = 0
        while let found = firstRange(of: label, in: Array(bytes[from...])) {
            let start = from + found.upperBound
            from = start
            guard start < bytes.count, bytes[start] & 0xe0 == 0xa0, bytes[start] & 0x1f < 23,
                let key = firstRange(of: CBOREncoder.encode(.text("org.iso.18013.5.1")), in: Array(bytes[start...])),
                let array = try? CBORDecoder().decodePrefix(Array(bytes[(start + key.upperBound)...]))
            else { continue }
            let entry = Array(bytes[(start + key.lowerBound)..<(start + key.upperBound + array.length)])
            var result = bytes
            result.insert(contentsOf: entry, at: start + key.lowerBound)
            result[start] += 1
            return result
        }
        return bytes
    }

    static func firstRange(of needle: [UInt8], in haystack: [UInt8]) -> Range<Int>? {
        guard needle.count <= haystack.count else { return nil }
        for start in 0...(haystack.count - needle.count) where haystack[start..<start + needle.count].elementsEqual(needle) {
            return start..<start + needle.count
        }
        return nil
    }
}

/// A small deterministic generator for the mutations (SplitMix64).
struct MutationGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    /// Changes `bytes` `times` times: a bit flipped, a byte replaced, inserted or removed.
    mutating func mutate(_ bytes: inout [UInt8], times: Int) {
        for _ in 0..<times where !bytes.isEmpty {
            let position = Int(next() % UInt64(bytes.count))
            switch next() % 4 {
            case 0: bytes[position] ^= UInt8(1 << (next() % 8))
            case 1: bytes[position] = UInt8(truncatingIfNeeded: next())
            case 2: bytes.insert(UInt8(truncatingIfNeeded: next()), at: position)
            default: bytes.remove(at: position)
            }
        }
    }
}
