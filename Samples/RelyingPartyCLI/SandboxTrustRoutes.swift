import Crypto
import Foundation
import Hummingbird
import MDLKit
import MDLSandbox
import SwiftASN1
import X509

/// The trust-list operator of `sandbox serve`: publishes a signed VICAL listing the state's IACA, re-signed when
/// half its update interval has passed, with the well-known sandbox operator keys relying parties pin.
actor SandboxTrustList {
    let trustOperator: TrustListOperator
    private var publishedAt: Date?
    /// Seconds from a publication to its `nextUpdate`.
    let updateInterval: TimeInterval = 86_400

    /// An operator whose register holds `authority` (with its status service), issue numbers growing with the
    /// clock so a restarted server never publishes an older issue than a relying party holds.
    init(authority: IssuingAuthority, statusServiceURL: String, now: Date) async throws {
        trustOperator = TrustListOperator(
            signer: try WellKnownSandbox.trustListSigner(now: now), firstIssueID: UInt64(max(0, now.timeIntervalSince1970)),
            updateInterval: updateInterval)
        await trustOperator.add(authority, statusServiceURL: statusServiceURL)
    }

    /// The operator root relying parties pass as `--vical-signer-anchor`, PEM.
    nonisolated func rootPEM() throws -> String { try trustOperator.signer.rootPEM() }

    /// The current publication, signing a new one first when none is younger than half the update interval.
    func publication(now: Date) async throws -> [UInt8] {
        if let publishedAt, let latest = await trustOperator.latest,
            now.timeIntervalSince(publishedAt) < updateInterval / 2, now >= publishedAt
        {
            return latest
        }
        let bytes = try await trustOperator.publish(now: now)
        publishedAt = now
        return bytes
    }
}

/// The registrar of `sandbox serve`: the sandbox registrar (well-known keys, the root the sandbox wallet trusts),
/// the relying parties registered for the three use cases, and registration of a new one for a use case's elements.
struct SandboxRegistrar: Sendable {
    let registrar: Registrar

    init(now: Date) throws { registrar = try WellKnownSandbox.registrar(now: now) }

    /// The registered sandbox relying parties: public facts only (names, DNS name, purpose, elements).
    static func registered() -> JSONValue {
        .array(PresentationPurpose.allCases.map { purpose in
            describe(RelyingPartyApplication.sandbox(for: purpose))
        })
    }

    static func describe(_ application: RelyingPartyApplication) -> JSONValue {
        .object([
            "clientID": .string("x509_san_dns:\(application.dnsName)"), "dnsName": .string(application.dnsName),
            "nameZH": .string(application.registration.nameZH), "nameEN": .string(application.registration.nameEN),
            "permissions": .array(application.registration.permissions.map { permission in
                .object([
                    "purpose": .string(permission.purpose.rawValue),
                    "elements": .array(permission.elements.map { .string($0.description) }),
                ])
            }),
        ])
    }

    /// What `POST /relying-parties` takes: the relying party's names, DNS name, purpose and P-256 public key (PEM);
    /// `elements` (`namespace/identifier`) defaults to the purpose's template and may only narrow it.
    struct Application: Decodable {
        let dnsName: String
        let nameZH: String
        let nameEN: String
        let purpose: String
        let elements: [String]?
        let publicKey: String
    }

    /// Certifies `application`: the certificate (PEM) with its registration, or why not (a message for a 400).
    func register(_ body: [UInt8], now: Date) -> Result<JSONValue, RegistrationRefusal> {
        let application: Application
        do { application = try JSONDecoder().decode(Application.self, from: Data(body)) } catch {
            return .failure(RegistrationRefusal("the body must be JSON {dnsName, nameZH, nameEN, purpose, elements?, publicKey}"))
        }
        guard let purpose = PresentationPurpose(rawValue: application.purpose) else {
            return .failure(RegistrationRefusal("unknown purpose \(application.purpose)"))
        }
        let host = application.dnsName
        guard !host.isEmpty, host.count <= 253,
            host.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == ".") })
        else { return .failure(RegistrationRefusal("dnsName must be a DNS name")) }
        let template = RequestTemplate.template(for: purpose).elementReferences
        guard let asked = application.elements else { return certify(application, purpose: purpose, elements: template, now: now) }
        let allowed = Set(template.map(\.description))
        if let outside = asked.first(where: { !allowed.contains($0) }) {
            return .failure(RegistrationRefusal("\(outside) is not an element the \(purpose.rawValue) use case needs"))
        }
        return certify(application, purpose: purpose, elements: template.filter { asked.contains($0.description) }, now: now)
    }

    private func certify(_ application: Application, purpose: PresentationPurpose, elements: [ElementReference], now: Date)
        -> Result<JSONValue, RegistrationRefusal>
    {
        let key: P256.Signing.PublicKey
        do { key = try P256.Signing.PublicKey(pemRepresentation: application.publicKey) } catch {
            return .failure(RegistrationRefusal("publicKey must be a P-256 public key in PEM"))
        }
        let registration = RelyingPartyRegistration(
            nameZH: application.nameZH, nameEN: application.nameEN, permissions: [.init(purpose: purpose, elements: elements)])
        let candidate = RelyingPartyApplication(dnsName: application.dnsName, registration: registration)
        do {
            let certificate = try registrar.issueCertificate(
                for: candidate, key: Certificate.PublicKey(key), notBefore: now - 86_400, notAfter: now + 365 * 86_400)
            var result = Self.describe(candidate)
            if case .object(var members) = result {
                members["certificate"] = .string(try certificate.serializeAsPEM().pemString)
                result = .object(members)
            }
            return .success(result)
        } catch {
            return .failure(RegistrationRefusal("the certificate could not be issued"))
        }
    }

    struct RegistrationRefusal: Error { let message: String; init(_ message: String) { self.message = message } }
}

extension SandboxRoutes {
    /// `GET /vical.cose` and `GET /trust-list-root.pem`.
    static func trustListOperator(_ router: Router<BasicRequestContext>, trustList: SandboxTrustList) {
        router.get("vical.cose") { _, _ in
            var headers = HTTPFields()
            headers[.contentType] = "application/cose"
            headers[.cacheControl] = "max-age=60"
            let bytes = try await trustList.publication(now: Date())
            return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
        }
        router.get("trust-list-root.pem") { _, _ in
            body(Array(try trustList.rootPEM().utf8), type: "application/x-pem-file")
        }
    }

    /// `GET /registrar.pem`, `GET /relying-parties`, and the operator's `POST /relying-parties`.
    static func registrar(_ router: Router<BasicRequestContext>, registrar: SandboxRegistrar, operatorToken: String) {
        router.get("registrar.pem") { _, _ in
            body(Array(try registrar.registrar.rootPEM().utf8), type: "application/x-pem-file")
        }
        router.get("relying-parties") { _, _ in
            body(Array(SandboxRegistrar.registered().serialized.utf8), type: "application/json")
        }
        router.post("relying-parties") { request, _ in
            guard isOperator(request, token: operatorToken) else {
                var headers = HTTPFields()
                headers[.wwwAuthenticate] = "Bearer"
                return Response(status: .unauthorized, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: "operator token required\n")))
            }
            var request = request
            let buffer = try await request.collectBody(upTo: 16 * 1024)
            switch registrar.register(Array(buffer.readableBytesView), now: Date()) {
            case .success(let json): return body(Array(json.serialized.utf8), type: "application/json")
            case .failure(let refusal): return body(Array((refusal.message + "\n").utf8), status: .badRequest)
            }
        }
    }
}
