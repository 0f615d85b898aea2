import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A child process started with `posix_spawn`, for the CLI tests' many short runs of `mdl-rp`.
///
/// Foundation's `Process.run()` in Swift 6.3.1 reads past a directory entry while it looks for the descriptors to
/// close in the child (swift-corelibs-foundation PR #5472, merged after 6.3.1), and the test process crashed in it
/// about once in five to twenty full runs. Spawning directly avoids that code; the child's standard streams are
/// opened from files and every other descriptor is closed in it (`posix_spawn_file_actions_addclosefrom_np`, glibc 2.34
/// and later, looked up at run time; without it they are inherited, as they would be by a shell).
struct SpawnedProcess {
    /// The child's process identifier.
    let pid: pid_t

    /// Starts `executable` with `arguments` and exactly `environment`, its standard input read from `input` and its
    /// standard output and error written to `output` and `error` (files that exist).
    static func start(
        executable: String, arguments: [String], environment: [String: String], input: String, output: String, error: String
    ) throws -> SpawnedProcess {
        var actions = posix_spawn_file_actions_t()
        guard posix_spawn_file_actions_init(&actions) == 0 else { throw CLITestError("posix_spawn_file_actions_init failed") }
        defer { posix_spawn_file_actions_destroy(&actions) }
        for (descriptor, path, flags) in [(Int32(0), input, O_RDONLY), (1, output, O_WRONLY | O_TRUNC), (2, error, O_WRONLY | O_TRUNC)] {
            guard posix_spawn_file_actions_addopen(&actions, descriptor, path, flags, 0) == 0 else {
                throw CLITestError("cannot arrange \(path) as descriptor \(descriptor)")
            }
        }
        if let closeFrom = closeFromAction { _ = closeFrom(&actions, 3) }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, executable, &actions, nil, argv, envp)
        guard status == 0 else { throw CLITestError("cannot start \(executable): \(String(cString: strerror(status)))") }
        return SpawnedProcess(pid: pid)
    }

    /// The exit status once the child has ended (128 + the signal for a child killed by one), `nil` while it runs.
    func exitStatus() -> Int32? {
        var status: Int32 = 0
        var result: pid_t
        repeat { result = waitpid(pid, &status, WNOHANG) } while result == -1 && errno == EINTR
        guard result == pid else { return nil }
        return status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    }

    /// The exit status once the child has ended within `timeout` seconds; past it, the child is killed and `nil`
    /// returned.
    func waitForExit(timeout: TimeInterval) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() <= deadline {
            if let status = exitStatus() { return status }
            Thread.sleep(forTimeInterval: 0.005)
        }
        if let status = exitStatus() { return status }
        kill()
        return nil
    }

    /// Ends the child with SIGKILL and reaps it.
    func kill() {
        _ = Glibc.kill(pid, SIGKILL)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
    }

    /// `posix_spawn_file_actions_addclosefrom_np`, which the Glibc module does not import.
    private static let closeFromAction: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32)? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32).self)
    }()
}
