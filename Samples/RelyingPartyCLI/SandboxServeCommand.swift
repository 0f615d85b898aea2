import ArgumentParser
import Foundation
import Hummingbird
import Logging
import MDLCBOR
import MDLCOSE
import MDLKit
import MDLRelyingPartyServer
import MDLSandbox

/// `mdl-rp sandbox serve`: the sandbox issuing authority over HTTP on loopback, with its state in DIR.
struct SandboxServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the sandbox issuing authority on 127.0.0.1 (state in DIR) until interrupted.",
        discussion: """
            Routes: GET /health; GET /iaca.pem and /ds.pem (certificates); GET /licences (persona, status-list \
            index, status, points: no personal data); POST /licences/PERSONA with the wallet's device COSE_Key (CBOR) \
            as body → the IssuerSigned (application/cbor) of a licence bound to that key. Routes that change the \
            state are the operator's: they need "Authorization: Bearer TOKEN" with the token printed at start \
            (also in DIR/operator.token, mode 0600); without it they answer 401.
            Status service: GET /status-lists/1. Trust-list operator: GET /vical.cose (a VICAL listing the IACA) and \
            GET /trust-list-root.pem (also DIR/trust-list-root.pem: verify --vical-signer-anchor). Registrar: GET \
            /registrar.pem (also DIR/registrar.pem: what wallets trust), GET /relying-parties, and the operator's \
            POST /relying-parties (JSON {dnsName, nameZH, nameEN, purpose, elements?, publicKey}) → a reader certificate.
            """)

    @OptionGroup var options: SandboxOptions
    @Option(help: "The port on 127.0.0.1 (default: the state's, 8470 for a new state).") var port: Int?

    func validate() throws {
        if let port, !(1...65_535).contains(port) { throw ValidationError("--port must be 1 to 65535") }
    }

    func run() async throws {
        let directory = options.directory
        let (state, authority) = try directory.openAuthority(port: port)
        try ListenPreflight.check(host: "127.0.0.1", port: state.port)
        let office = SandboxOffice(directory: directory, state: state, authority: authority)
        let token = Base64URL.encode(SecureRandom.bytes(count: 32))
        try directory.write(Array((token + "\n").utf8), to: directory.url("operator.token"), secret: true)
        let router = Router()
        SandboxRoutes.issuingAuthority(router, office: office, operatorToken: token)
        // The status service: the list the MSOs reference, read from the state directory at every fetch.
        let statusList = try SandboxStatusList(authority: authority, now: Date())
        SandboxRoutes.statusService(router, office: office, list: statusList, subject: state.statusListURI)
        // The trust-list operator (a VICAL naming this IACA) and the registrar (reader certificates).
        let startedAt = Date()
        let trustList = try await SandboxTrustList(authority: authority, statusServiceURL: state.statusListURI, now: startedAt)
        try directory.write(Array(try trustList.rootPEM().utf8), to: directory.url("trust-list-root.pem"))
        SandboxRoutes.trustListOperator(router, trustList: trustList)
        let registrar = try SandboxRegistrar(now: startedAt)
        try directory.write(Array(try registrar.registrar.rootPEM().utf8), to: directory.url("registrar.pem"))
        SandboxRoutes.registrar(router, registrar: registrar, operatorToken: token)
        let address = "http://127.0.0.1:\(state.port)"
        let json = options.json
        // Server logs go to standard error (warnings and worse), so standard output stays the command's output.
        var logger = Logger(label: "mdl-rp.sandbox", factory: { StreamLogHandler.standardError(label: $0) })
        logger.logLevel = .warning
        let limits = HTTPServerLimits.standard
        let application = Application(
            router: router, server: limits.serverBuilder(logger: logger),
            configuration: limits.configuration(address: .hostname("127.0.0.1", port: state.port)),
            onServerRunning: { _ in
                let lines: [String]
                if json {
                    lines = [
                        JSONValue.object([
                            "url": .string(address), "state": .string(directory.path),
                            "iaca": .string(directory.iacaPEMPath),
                            "services": .array([
                                .string("issuing-authority"), .string("status-service"), .string("trust-list-operator"),
                                .string("registrar"),
                            ]),
                            "operatorToken": .string(token),
                            "vical": .string("\(address)/vical.cose"),
                            "trustListRoot": .string(directory.url("trust-list-root.pem").path),
                            "registrarRoot": .string(directory.url("registrar.pem").path),
                        ]).serialized
                    ]
                } else {
                    lines = [
                        "sandbox issuing authority on \(address)  (state \(directory.path))",
                        "trust anchor (IACA): \(directory.iacaPEMPath)",
                        "status list: \(state.statusListURI)  (suspend, revoke, supersede, deduct show on the next check)",
                        "trust list (VICAL): \(address)/vical.cose  (signer anchor \(directory.url("trust-list-root.pem").path))",
                        "registrar: \(address)/relying-parties  (root \(directory.url("registrar.pem").path))",
                        "operator token (Authorization: Bearer …, for POST /licences/PERSONA and POST /relying-parties): \(token)",
                    ]
                }
                // Unbuffered, so a script reading a pipe sees the address as soon as the server listens.
                FileHandle.standardOutput.write(Data(lines.map { $0 + "\n" }.joined().utf8))
            },
            logger: logger)
        try await application.runService()
    }
}

/// The issuing authority's state while serving: changes are saved to the directory one at a time.
actor SandboxOffice {
    let directory: SandboxDirectory
    let authority: IssuingAuthority
    private(set) var state: SandboxState

    init(directory: SandboxDirectory, state: SandboxState, authority: IssuingAuthority) {
        self.directory = directory
        self.state = state
        self.authority = authority
    }

    /// Issues `persona`'s licence to `deviceKey` and records it; returns the IssuerSigned CBOR.
    func issue(persona: String, deviceKey: COSEKey) throws -> [UInt8] {
        var updated = (try? directory.loadState()) ?? state
        let (credential, _) = try SandboxIssuance.issue(
            personaID: persona, deviceKey: deviceKey, state: &updated, authority: authority, now: Date())
        try directory.save(updated)
        state = updated
        return CBOREncoder.encode(credential.issuerSigned(selecting: nil).cbor)
    }

    /// The licences as stored now (other commands may have changed the directory).
    func licences() -> [SandboxState.Licence] { ((try? directory.loadState()) ?? state).licences }
}

/// The HTTP routes of the sandbox services.
enum SandboxRoutes {
    static func issuingAuthority(_ router: Router<BasicRequestContext>, office: SandboxOffice, operatorToken: String) {
        router.get("health") { _, _ in "ok\n" }
        router.get("iaca.pem") { _, _ in try file(office.directory.url("iaca.pem"), type: "application/x-pem-file") }
        router.get("ds.pem") { _, _ in try file(office.directory.url("ds.pem"), type: "application/x-pem-file") }
        router.get("licences") { _, _ in
            let list = await office.licences().map { licence -> JSONValue in
                .object([
                    "persona": .string(licence.persona), "statusIndex": .integer(Int64(licence.statusIndex)),
                    "status": .string(licence.status), "points": .integer(Int64(licence.points)),
                ])
            }
            return body(Array(JSONValue.array(list).serialized.utf8), type: "application/json")
        }
        router.post("licences/:persona") { request, context in
            guard isOperator(request, token: operatorToken) else {
                var headers = HTTPFields()
                headers[.wwwAuthenticate] = "Bearer"
                return Response(status: .unauthorized, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: "operator token required\n")))
            }
            guard let persona = context.parameters.get("persona") else {
                return body(Array("no persona\n".utf8), status: .badRequest)
            }
            var request = request
            let buffer = try await request.collectBody(upTo: 4096)
            let key: COSEKey
            do { key = try COSEKey(try CBORDecoder().decode(Array(buffer.readableBytesView))) } catch {
                return body(Array("the body must be the device key as a COSE_Key (CBOR)\n".utf8), status: .badRequest)
            }
            do {
                return body(try await office.issue(persona: persona, deviceKey: key), type: "application/cbor")
            } catch let error as SandboxStateError {
                return body(Array((error.description + "\n").utf8), status: .notFound)
            }
        }
    }

    /// Whether `request` carries the operator's bearer token (compared in constant time).
    static func isOperator(_ request: Request, token: String) -> Bool {
        guard let value = request.headers[.authorization], value.hasPrefix("Bearer ") else { return false }
        let given = Array(value.dropFirst("Bearer ".count).utf8)
        let expected = Array(token.utf8)
        guard given.count == expected.count else { return false }
        return zip(given, expected).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }

    static func file(_ url: URL, type: String) throws -> Response {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            return body(Array("missing\n".utf8), status: .notFound)
        }
        return body(Array(data), type: type)
    }

    static func body(_ bytes: [UInt8], status: HTTPResponse.Status = .ok, type: String = "text/plain; charset=utf-8")
        -> Response
    {
        var headers = HTTPFields()
        headers[.contentType] = type
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
