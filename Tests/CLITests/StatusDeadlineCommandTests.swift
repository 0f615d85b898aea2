import Crypto
import Foundation
import Testing

/// Attack run of issue 16: `mdl-rp status --url` against a server that never answers took 60.7 s (three attempts
/// of 20 s); it now answers `statusUnavailable` at the status check's 10 s deadline, retries included.
struct StatusDeadlineCommandTests {
    @Test(.enabled(if: CLIRun.binaryExists, "needs the built mdl-rp"))
    func aServerThatNeverAnswersIsStatusUnavailableWithinTheDeadline() throws {
        let listener = try SilentListener()
        let scratch = try Scratch()
        let key = try scratch.write(P256.Signing.PrivateKey().publicKey.pemRepresentation, to: "signer.pem")
        let started = Date()
        let run = try CLIRun.run(
            ["status", "--url", "http://127.0.0.1:\(listener.port)/status-lists/1", "--index", "0", "--signer-key", key, "--json"],
            timeout: 60)
        let took = Date().timeIntervalSince(started)
        #expect(run.status == 1, "\(run.stdout) \(run.stderr)")
        #expect((try run.json()["error"] as? [String: Any])?["code"] as? String == "statusUnavailable")
        #expect(took >= 9.5 && took < 13, "took \(took) s")  // before: 60.7 s; the margin is for a loaded CI machine
    }
}

/// A TCP listener on 127.0.0.1 that never accepts: connections complete from the kernel's backlog and no byte ever
/// comes back.
final class SilentListener {
    let port: Int
    private let descriptor: Int32

    init() throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw CLITestError("socket() failed") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let descriptor = self.descriptor
        let listening = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                bind(descriptor, generic, length) == 0 && listen(descriptor, 16) == 0 && getsockname(descriptor, generic, &length) == 0
            }
        }
        guard listening else {
            close(descriptor)
            throw CLITestError("bind() or listen() failed")
        }
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    deinit { close(descriptor) }
}
