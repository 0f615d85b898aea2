import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Checks, before a server starts, that it can listen on HOST:PORT: the host resolves, the address belongs to this
/// machine and the port is free. Each failure is one ``InputError`` line (exit status 2) naming what is wrong,
/// instead of a hang or an errno dump from the server.
enum ListenPreflight {
    static func check(host: String, port: Int) throws {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_flags = AI_PASSIVE
        #if canImport(Glibc)
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #else
        hints.ai_socktype = SOCK_STREAM
        #endif
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &list) == 0, let first = list else {
            throw InputError("cannot listen on \(host):\(port): the host \(host) does not resolve")
        }
        defer { freeaddrinfo(list) }
        let descriptor = socket(first.pointee.ai_family, first.pointee.ai_socktype, first.pointee.ai_protocol)
        guard descriptor >= 0 else { throw InputError("cannot listen on \(host):\(port): no socket available") }
        defer { close(descriptor) }
        var yes: Int32 = 1
        _ = setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        guard bind(descriptor, first.pointee.ai_addr, first.pointee.ai_addrlen) == 0 else {
            switch errno {
            case EADDRINUSE: throw InputError("cannot listen on \(host):\(port): the port \(port) is in use")
            case EADDRNOTAVAIL: throw InputError("cannot listen on \(host):\(port): \(host) is not an address of this machine")
            case EACCES: throw InputError("cannot listen on \(host):\(port): not permitted to use port \(port)")
            default: throw InputError("cannot listen on \(host):\(port): \(String(cString: strerror(errno)))")
            }
        }
    }
}
