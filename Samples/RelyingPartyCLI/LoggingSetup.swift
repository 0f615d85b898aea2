import Foundation
import Logging

/// The CLI's logging: MDLKit's log lines go to standard error (standard output carries the command's result), at
/// the level `MDLKIT_LOG_LEVEL` names (`trace`, `debug`, `info`, `notice`, `warning`, `error`, `critical`);
/// `critical` when unset, so the output stays as documented.
enum LoggingSetup {
    /// The environment variable that sets the level.
    static let variable = "MDLKIT_LOG_LEVEL"

    /// Bootstraps `LoggingSystem` once, before any logger is made; exits 2 on a level it does not know.
    static func bootstrap(environment: [String: String] = ProcessInfo.processInfo.environment) {
        var level = Logger.Level.critical
        if let name = environment[variable], !name.isEmpty {
            guard let named = Logger.Level(rawValue: name.lowercased()) else {
                FileHandle.standardError.write(Data("\(variable)=\(name) is not a log level (trace, debug, info, notice, warning, error, critical)\n".utf8))
                exit(2)
            }
            level = named
        }
        let chosen = level
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = chosen
            return handler
        }
    }
}
