import Foundation
import Synchronization

/// A minimal HTTP/1.1 server on 127.0.0.1 that keeps connections alive and counts how many it accepted: each request
/// (a head without a body) gets `200 ok`. Runs on threads of its own; `stop()` closes the listener.
final class KeepAliveLoopbackServer: Sendable {
    let port: Int
    private let descriptor: Int32
    private let accepted = Atomic<Int>(0)

    /// How many TCP connections clients opened.
    var connections: Int { accepted.load(ordering: .relaxed) }

    init() throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw LoopbackError.serverFailed("socket() failed") }
        var reuse: Int32 = 1
        setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &reuse, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let descriptor = self.descriptor
        let listening = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                bind(descriptor, generic, length) == 0 && listen(descriptor, 16) == 0
                    && getsockname(descriptor, generic, &length) == 0
            }
        }
        guard listening else {
            close(descriptor)
            throw LoopbackError.serverFailed("bind() or listen() failed")
        }
        port = Int(UInt16(bigEndian: address.sin_port))
        Thread.detachNewThread { [self] in acceptLoop() }
    }

    func stop() { shutdown(descriptor, Int32(SHUT_RDWR)); close(descriptor) }

    private func acceptLoop() {
        while true {
            let connection = accept(descriptor, nil, nil)
            guard connection >= 0 else { return }
            accepted.add(1, ordering: .relaxed)
            Thread.detachNewThread { Self.serve(connection) }
        }
    }

    private static func serve(_ connection: Int32) {
        defer { close(connection) }
        var pending: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        let end: [UInt8] = Array("\r\n\r\n".utf8)
        let reply = Array("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Type: text/plain\r\n\r\nok".utf8)
        while true {
            let count = read(connection, &buffer, buffer.count)
            guard count > 0 else { return }
            pending += buffer[0..<count]
            while let range = pending.firstRange(of: end) {
                pending.removeSubrange(0..<range.upperBound)
                guard write(connection, reply, reply.count) == reply.count else { return }
            }
        }
    }
}
