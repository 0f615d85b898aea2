import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The CLI tests' own process spawner: exit statuses, standard streams, and no descriptors leaked into the child.
struct SpawnedProcessTests {
    func run(_ script: String, input: String = "") throws -> (status: Int32, output: String) {
        let scratch = try Scratch()
        let inputPath = try scratch.write(input, to: "stdin")
        let output = try scratch.write("", to: "stdout")
        let error = try scratch.write("", to: "stderr")
        let process = try SpawnedProcess.start(
            executable: "/bin/sh", arguments: ["-c", script], environment: ["PATH": "/usr/bin:/bin"], input: inputPath,
            output: output, error: error)
        let status = try #require(process.waitForExit(timeout: 30))
        return (status, try String(contentsOfFile: output, encoding: .utf8))
    }

    @Test func exitStatusAndStreamsAreTheChildsOwn() throws {
        let result = try run("read line; echo \"got $line\"; exit 7", input: "hello\n")
        #expect(result.status == 7)
        #expect(result.output == "got hello\n")
    }

    @Test func aChildKilledBySignalReportsIt() throws {
        #expect(try run("kill -9 $$").status == 128 + 9)
    }

    @Test func theChildInheritsOnlyItsStandardStreams() throws {
        // Two descriptors opened without close-on-exec, as a careless library might leave them: at least one is
        // above 3.
        let leaked = [open("/dev/null", O_RDONLY), open("/dev/null", O_RDONLY)]
        #expect(leaked.allSatisfy { $0 > 2 })
        defer { for descriptor in leaked { close(descriptor) } }
        // `ls` lists its own directory descriptor too (3, the lowest free one in the child); the shell's are 0, 1, 2.
        let listed = try run("ls /proc/self/fd").output.split(separator: "\n").compactMap { Int32($0) }
        #expect(listed.contains(1))
        #expect(listed.filter { $0 > 3 }.isEmpty, "descriptors \(listed)")
    }
}
