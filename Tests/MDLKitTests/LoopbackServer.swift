import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import Synchronization
import SwiftASN1
import X509

/// Counts the requests a loopback route received and remembers request headers, for server-side assertions.
final class RequestLog: Sendable {
    private let state = Mutex<[[String: String]]>([])

    /// Records a request's headers (lower-cased names).
    func record(_ request: Request) {
        var headers: [String: String] = [:]
        for field in request.headers { headers[field.name.canonicalName] = field.value }
        state.withLock { $0.append(headers) }
    }

    var count: Int { state.withLock { $0.count } }
    var all: [[String: String]] { state.withLock { $0 } }
}

/// A real Hummingbird HTTP server on 127.0.0.1 with a port the system picks.
enum LoopbackHTTPServer {
    /// Starts a server with the routes `configure` adds, runs `body` with its port, then shuts it down.
    @discardableResult
    static func run<T: Sendable>(
        _ configure: (Router<BasicRequestContext>) -> Void,
        _ body: @Sendable (_ port: Int) async throws -> T
    ) async throws -> T {
        let router = Router()
        configure(router)
        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
        var logger = Logger(label: "loopback")
        logger.logLevel = .critical  // shutdown by cancellation logs an error for every open connection
        let application = Application(
            router: router,
            configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                portContinuation.yield(channel.localAddress?.port ?? 0)
                portContinuation.finish()
            },
            logger: logger
        )
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await application.run() }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next(), port > 0 else { throw LoopbackError.noPort }
            let result = try await body(port)
            group.cancelAll()
            return result
        }
    }
}

enum LoopbackError: Error { case noPort, serverFailed(String) }

/// A response for a loopback route.
func loopbackResponse(status: Int = 200, headers: [String: String] = [:], body: [UInt8] = []) -> Response {
    var fields = HTTPFields()
    for (name, value) in headers {
        if let fieldName = HTTPField.Name(name) { fields[fieldName] = value }
    }
    return Response(
        status: HTTPResponse.Status(code: status),
        headers: fields,
        body: ResponseBody(byteBuffer: ByteBuffer(bytes: body))
    )
}

/// A streamed body of `total` bytes in 16 KiB chunks, sent chunked unless `declared`.
func loopbackStreamedResponse(total: Int, declared: Bool) -> Response {
    let body = ResponseBody(contentLength: declared ? total : nil) { writer in
        var sent = 0
        while sent < total {
            let size = min(16 * 1024, total - sent)
            try await writer.write(ByteBuffer(repeating: 0x41, count: size))
            sent += size
        }
        try await writer.finish(nil)
    }
    return Response(status: .ok, body: body)
}

extension Request {
    /// The first value of the header `name`.
    func header(_ name: String) -> String? { HTTPField.Name(name).flatMap { headers[$0] } }
}

/// A TLS server on 127.0.0.1 (Python's `ssl` and `http.server`, a subprocess) with a freshly generated self-signed
/// P-256 certificate for IP 127.0.0.1. Answers every GET with `200 tls-ok`.
final class LoopbackTLSServer {
    let port: Int
    /// The certificate in PEM, to use as a custom trust anchor.
    let certificatePEM: String
    /// The base64 SHA-256 of the server key's SubjectPublicKeyInfo, the pin curl expects.
    let publicKeyPin: String
    private let process: Process
    private let input = Pipe()
    private let directory: URL

    init() throws {
        let key = P256.Signing.PrivateKey()
        let name = try DistinguishedName { CommonName("MDLKit loopback test") }
        let now = Date()
        let certificate = try Certificate(
            version: .v3,
            serialNumber: Certificate.SerialNumber(),
            publicKey: Certificate.PublicKey(key.publicKey),
            notValidBefore: now - 3600,
            notValidAfter: now + 3600,
            issuer: name,
            subject: name,
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: nil))
                SubjectAlternativeNames([.ipAddress(ASN1OctetString(contentBytes: [127, 0, 0, 1]))])
            },
            issuerPrivateKey: Certificate.PrivateKey(key)
        )
        certificatePEM = try certificate.serializeAsPEM().pemString
        publicKeyPin = Data(SHA256.hash(data: key.publicKey.derRepresentation)).base64EncodedString()

        directory = FileManager.default.temporaryDirectory.appendingPathComponent("mdlkit-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let certFile = directory.appendingPathComponent("cert.pem")
        let keyFile = directory.appendingPathComponent("key.pem")
        let script = directory.appendingPathComponent("server.py")
        try certificatePEM.write(to: certFile, atomically: true, encoding: .utf8)
        try key.pemRepresentation.write(to: keyFile, atomically: true, encoding: .utf8)
        try Self.script.write(to: script, atomically: true, encoding: .utf8)

        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path, certFile.path, keyFile.path]
        let output = Pipe()
        process.standardOutput = output
        process.standardInput = input  // the script exits when this pipe closes, even if the test crashes
        try process.run()
        var line: [UInt8] = []
        while let byte = try output.fileHandleForReading.read(upToCount: 1)?.first, byte != 0x0A { line.append(byte) }
        guard let port = Int(String(decoding: line, as: UTF8.self)), port > 0 else {
            try? input.fileHandleForWriting.close()
            throw LoopbackError.serverFailed("python3 TLS server did not report a port")
        }
        self.port = port
    }

    /// Stops the subprocess and removes the key material.
    ///
    /// Closing the child's stdin makes the script exit (SIGTERM may be blocked in a child of a Swift test process);
    /// SIGKILL follows if it has not exited within five seconds.
    func stop() {
        try? input.fileHandleForWriting.close()
        for _ in 0..<50 where process.isRunning { usleep(100_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        try? FileManager.default.removeItem(at: directory)
    }

    private static let script = """
        import http.server, os, ssl, sys, threading
        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                body = b"tls-ok"
                self.send_response(200)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            def log_message(self, *args):
                pass
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(sys.argv[1], sys.argv[2])
        server.socket = context.wrap_socket(server.socket, server_side=True)
        threading.Thread(target=lambda: (sys.stdin.read(), os._exit(0)), daemon=True).start()
        print(server.server_address[1], flush=True)
        server.serve_forever()
        """
}

/// A clock the test moves by hand.
final class ManualClock: Sendable {
    private let current: Mutex<Date>
    init(_ start: Date = Date(timeIntervalSince1970: 1_767_225_600)) { current = Mutex(start) }
    var now: Date { current.withLock { $0 } }
    func advance(by seconds: TimeInterval) { current.withLock { $0 += seconds } }
}

/// A loopback port nothing listens on: bound to learn a free number, then closed without listening.
///
/// (A port taken from a stopped Hummingbird server is not safe: NIO may still accept on it while shutting down.)
func closedLoopbackPort() throws -> Int {
    let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard descriptor >= 0 else { throw LoopbackError.serverFailed("socket() failed") }
    defer { close(descriptor) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) { pointer in
        pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
            guard bind(descriptor, generic, length) == 0 else { return false }
            return getsockname(descriptor, generic, &length) == 0
        }
    }
    guard bound else { throw LoopbackError.serverFailed("bind() failed") }
    return Int(UInt16(bigEndian: address.sin_port))
}
