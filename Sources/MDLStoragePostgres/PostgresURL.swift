import Foundation
import MDLVerifier
import PostgresNIO

extension PostgresStore {
    /// A client configuration from a libpq-style URL: `postgres://user[:password]@host[:port]/database?sslmode=disable`,
    /// or `postgres://user@/database?host=/run/postgresql` for a unix socket directory.
    ///
    /// Only connections without TLS are made from a URL, and only when it says `sslmode=disable` or reaches a
    /// loopback host or a unix socket; for TLS build a `PostgresClient.Configuration` with `tls: .require(…)`.
    public static func configuration(url text: String) throws(MDLError) -> PostgresClient.Configuration {
        guard let url = URLComponents(string: text), url.scheme == "postgres" || url.scheme == "postgresql" else {
            throw MDLError(code: .storageFailed, message: "a PostgreSQL URL starts with postgres://")
        }
        let user = url.percentEncodedUser?.removingPercentEncoding ?? ProcessInfo.processInfo.environment["USER"] ?? "postgres"
        let password = url.percentEncodedPassword?.removingPercentEncoding
        let database = url.path.isEmpty || url.path == "/" ? nil : String(url.path.dropFirst())
        let options = Dictionary((url.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { _, last in last })
        if let socketDirectory = options["host"], socketDirectory.hasPrefix("/") {
            let port = url.port ?? 5432
            return PostgresClient.Configuration(
                unixSocketPath: "\(socketDirectory)/.s.PGSQL.\(port)", username: user, password: password, database: database)
        }
        let host = url.host ?? "127.0.0.1"
        let loopback = ["127.0.0.1", "::1", "[::1]", "localhost"].contains(host)
        guard options["sslmode"] == "disable" || (options["sslmode"] == nil && loopback) else {
            throw MDLError(code: .storageFailed, message: "a URL configures only unencrypted connections (sslmode=disable or a loopback host)")
        }
        return PostgresClient.Configuration(host: host, port: url.port ?? 5432, username: user, password: password, database: database, tls: .disable)
    }
}
