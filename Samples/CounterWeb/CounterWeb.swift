import Foundation
import MDLKit

/// `mdl-rp-web`: the rental counter and claim portal page over the embedded sandbox (issuer, status service,
/// wallet). Open the printed address in a browser; see `Documentation/WebSample.md`.
///
/// Usage: `mdl-rp-web [--port N]` (default 8080). It listens on 127.0.0.1 only.
@main
struct CounterWeb {
    static func main() async {
        var port = 8080
        var arguments = CommandLine.arguments.dropFirst().makeIterator()
        while let argument = arguments.next() {
            switch argument {
            case "--port":
                guard let value = arguments.next().flatMap(Int.init), (1...65_535).contains(value) else { fail("--port takes 1…65535") }
                port = value
            case "-h", "--help":
                print("usage: mdl-rp-web [--port N]   (serves the sample page on http://127.0.0.1:N/, default 8080)")
                return
            default: fail("unknown argument \(argument); usage: mdl-rp-web [--port N]")
            }
        }
        do {
            let sandbox = try await CounterSandbox.start(now: Date())
            let site = try CounterSite(sandbox: sandbox, host: "127.0.0.1", port: port)
            try await site.run { bound in
                print("mdl-rp-web: open http://127.0.0.1:\(bound)/ (sandbox; Ctrl-C stops)")
                fflush(nil)
            }
            await sandbox.stop()
        } catch {
            fail("\(error)")
        }
    }

    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("mdl-rp-web: \(message)\n".utf8))
        exit(2)
    }
}
