import Foundation
import MDLCBOR
import MDLCOSE
import MDLKit
import MDLSandbox

/// The foundation flow: issue, present for one session, verify, show facts; then the same bytes replayed to
/// another session and a tampered element, both refused.
struct FoundationDemo {
    let world: DemoWorld
    let narrator: Narrator

    func run() async throws {
        narrator.heading("Issue, present and verify a licence (Shanghai issuer, Ed25519)")
        guard let wallet = world.wallets["clean-c1"] else { return }
        let nonce = Base64URL.encode(SecureRandom.bytes(count: 16))
        let transcript = SessionTranscript.openID4VP(
            clientID: "x509_san_dns:rental.example.cn", nonce: nonce, jwkThumbprint: nil, responseURI: "https://rental.example.cn/response")
        let wanted: [String: Set<String>] = [
            MDLProfile.isoNameSpace: ["family_name", "given_name", "family_name_national_character", "given_name_national_character", "portrait", "driving_privileges", "expiry_date", "issuing_country"],
            MDLProfile.chinaNameSpace: ["status_letters", "points", "first_license_date"],
        ]
        let response = try wallet.present(elements: wanted, transcript: transcript)
        let bytes = response.encoded
        narrator.line("wallet returned a DeviceResponse of \(bytes.count) bytes with \(wanted.values.map(\.count).reduce(0, +)) elements")
        let verifier = try world.verifier()
        let presentation = try await verifier.verify(bytes, sessionTranscript: transcript)
        guard let document = presentation.documents.first, let facts = document.licenseFacts else { return }
        narrator.outcome(true, "verified: chain \(ContractText.trustPath(document.trustPath).joined(separator: " → ")), device \(ContractText.deviceAuthentication(document.deviceAuthentication))")
        narrator.line("holder:   \(facts.familyNameNational ?? "")\(facts.givenNameNational ?? "") (\(facts.givenName ?? "") \(facts.familyName ?? ""))")
        narrator.line("classes:  \(facts.drivingPrivileges.map { "\($0.vehicleCategoryCode) since \($0.issueDate.map { $0.description } ?? "?")" }.joined(separator: ", "))")
        narrator.line("expires:  \(facts.expiryDate?.description ?? "?")   status letters: \(facts.statusLetters.map { "\($0)" } ?? "?")   points: \(facts.points.map { "\($0.pointsInCycle)" } ?? "?")")
        narrator.line("portrait: \(facts.portrait?.count ?? 0) bytes (kept out of logs)")

        narrator.heading("The same response replayed in another session")
        let otherSession = SessionTranscript.openID4VP(
            clientID: "x509_san_dns:rental.example.cn", nonce: "another-nonce", jwkThumbprint: nil, responseURI: "https://rental.example.cn/response")
        await expectRefusal { try await verifier.verify(bytes, sessionTranscript: otherSession) }

        narrator.heading("A response whose family_name was altered after issuance")
        await expectRefusal { try await verifier.verify(Tampering.alterFirstText(in: bytes, element: "family_name"), sessionTranscript: transcript) }

        narrator.heading("A P-256 issuer (Sichuan) and a P-256 device key")
        var p256Wallet = HolderWallet(deviceKeyAlgorithm: .p256)
        let record = Persona.coachA1(today: world.today, asOf: world.now).record
        p256Wallet.store(try world.sichuanP256.issue(record, deviceKey: p256Wallet.deviceCOSEKey, now: world.now))
        let p256Bytes = try p256Wallet.present(elements: nil, transcript: transcript).encoded
        let p256 = try await verifier.verify(p256Bytes, sessionTranscript: transcript)
        narrator.outcome(true, "verified: chain \(p256.documents.first?.trustPath.subjects.joined(separator: " → ") ?? "")")
    }

    private func expectRefusal(_ body: () async throws -> VerifiedPresentation) async {
        do {
            _ = try await body()
            narrator.outcome(false, "unexpectedly verified")
        } catch let error as MDLError {
            narrator.expectedRefusal("refused: \(error.code.rawValue) — \(error.message)", fields: ["code": .string(error.code.rawValue)])
        } catch {
            narrator.outcome(false, "failed: \(error)")
        }
    }
}

/// Builds tampered responses for the demo and tests: the element's value changes, its digest does not.
enum Tampering {
    static func alterFirstText(in bytes: [UInt8], element: String) throws -> [UInt8] {
        let response = try DeviceResponse(bytes: bytes)
        guard let document = response.documents.first else { return bytes }
        var nameSpaces = document.issuerSigned.nameSpaces
        for (nameSpace, items) in nameSpaces {
            nameSpaces[nameSpace] = items.map { item in
                guard item.elementIdentifier == element else { return item }
                return IssuerSignedItem(digestID: item.digestID, random: item.random, elementIdentifier: element, elementValue: .text("Tampered"))
            }
        }
        let issuerSigned = IssuerSigned(nameSpaces: nameSpaces, nameSpaceOrder: document.issuerSigned.nameSpaceOrder, issuerAuth: document.issuerSigned.issuerAuth)
        let altered = Document(docType: document.docType, issuerSigned: issuerSigned, deviceSigned: document.deviceSigned, errors: document.errors)
        return DeviceResponse(documents: [altered]).encoded
    }
}
