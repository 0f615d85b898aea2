import Foundation
import MDLCBOR
import MDLKit

/// Prints a verification outcome as the section 7 JSON shape or as a table for people. Never prints element
/// values other than through ``CBORJSON`` (bytes such as portraits appear as length and hash only).
struct VerificationReport {
    let json: Bool
    /// `--status`, for the human status line.
    var statusMode: VerifyCommand.StatusMode = .check

    func success(_ presentation: VerifiedPresentation, statuses: [JSONValue]) {
        if json {
            JSONOutput.print(.object(["verified": .bool(true), "documents": .array(zip(presentation.documents, statuses).map(Self.document))]))
            return
        }
        print(Terminal.green("✔ verified") + " at \(TDate.format(presentation.verifiedAt))")
        for (index, document) in presentation.documents.enumerated() {
            print("document \(index): \(document.docType)")
            print("  trust path:  \(ContractText.trustPath(document.trustPath).joined(separator: " → "))")
            print("  valid:       \(document.validity.validFrom) … \(document.validity.validUntil) (signed \(document.validity.signed))")
            print("  device auth: \(ContractText.deviceAuthentication(document.deviceAuthentication))")
            if !document.relaxationsUsed.isEmpty {
                print("  relaxations: \(document.relaxationsUsed.map(\.description).joined(separator: ", "))")
            }
            print("  status:      \(HumanStatusLine.text(for: document, mode: statusMode))")
            for (nameSpace, elements) in document.issuerSigned.sorted(by: { $0.key < $1.key }) {
                print("  \(nameSpace)")
                for (identifier, value) in elements.sorted(by: { $0.key < $1.key }) {
                    print("    \(identifier.padding(toLength: 34, withPad: " ", startingAt: 0)) \(HumanStatusLine.value(CBORJSON.value(value)))")
                }
            }
        }
    }

    func failure(_ error: MDLError) {
        if json {
            JSONOutput.print(RefusalJSON.object(error, ["verified": .bool(false)]))
        } else {
            let place = error.documentIndex.map { " (document \($0))" } ?? ""
            print(Terminal.red("✘ refused") + ": \(error.code.rawValue)\(place) — \(error.message)")
        }
    }

    static func document(_ document: VerifiedDocument, status: JSONValue) -> JSONValue {
        var validity: [String: JSONValue] = [
            "signed": .string(document.validity.signed.description), "validFrom": .string(document.validity.validFrom.description),
            "validUntil": .string(document.validity.validUntil.description),
        ]
        if let expected = document.validity.expectedUpdate { validity["expectedUpdate"] = .string(expected.description) }
        return .object([
            "docType": .string(document.docType),
            "issuerSigned": CBORJSON.nameSpaces(document.issuerSigned),
            "deviceSigned": CBORJSON.nameSpaces(document.deviceSigned),
            "validity": .object(validity),
            "status": status,
            "trustPath": .array(ContractText.trustPath(document.trustPath).map(JSONValue.string)),
            "relaxations": .array(document.relaxationsUsed.map { .string($0.description) }),
        ])
    }
}

/// The SDK's typed verification facts as the CLI contract's strings (section 7), spelled here so that a change in
/// the SDK's types cannot change the output.
enum ContractText {
    /// The subjects along the path, the document signer first, e.g. `"CN=utopia ds,C=US"`.
    static func trustPath(_ path: TrustPath) -> [String] { path.subjects }

    /// `"signature"` or `"mac"`.
    static func deviceAuthentication(_ method: DeviceAuthenticationMethod) -> String {
        switch method {
        case .signature: "signature"
        case .mac: "mac"
        }
    }
}

/// The CBOR → JSON mapping of the CLI contract, over the SDK's redaction (``RedactedValue``: bytes become
/// `{"bytes": N, "sha256": "hex"}`, never their content).
enum CBORJSON {
    static func nameSpaces(_ nameSpaces: [String: [String: CBOR]]) -> JSONValue {
        .object(nameSpaces.mapValues { .object($0.mapValues(value)) })
    }

    static func value(_ item: CBOR) -> JSONValue { json(RedactedValue(item)) }

    static func json(_ value: RedactedValue) -> JSONValue {
        switch value {
        case .integer(let number): return .integer(number)
        case .number(let number): return .number(number)
        case .text(let text): return .string(text)
        case .bool(let flag): return .bool(flag)
        case .null: return .null
        case .bytes(let count, let digest): return .object(["bytes": .integer(Int64(count)), "sha256": .string(Hex.encode(digest))])
        case .array(let items): return .array(items.map(json))
        case .map(let entries):
            var object: [String: JSONValue] = [:]
            for entry in entries { object[entry.key] = json(entry.value) }
            return .object(object)
        }
    }
}
