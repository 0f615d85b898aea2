import ArgumentParser
import Foundation
import MDLKit
import MDLSandbox

/// `mdl-rp request --dc-api PROTOCOL --origin ORIGIN`: the browser flow of ARCHITECTURE section 7.
extension RequestCommand {
    func digitalCredentialsOptions() throws -> (DigitalCredentialsProtocol, String) {
        guard let dcAPI, let exchangeProtocol = DigitalCredentialsProtocol(rawValue: dcAPI) else {
            let names = DigitalCredentialsProtocol.allCases.map(\.rawValue).joined(separator: ", ")
            throw ValidationError("--dc-api takes one of \(names)")
        }
        guard let origin else { throw ValidationError("--dc-api needs --origin ORIGIN (the page's origin, e.g. https://rent.example.cn)") }
        guard listen == nil else { throw ValidationError("--dc-api answers through the browser: leave out --listen") }
        guard responses == 1 else { throw ValidationError("--dc-api takes one response") }
        do { _ = try WebOrigin(origin) } catch { throw ValidationError("--origin: \(error.message)") }
        return (exchangeProtocol, origin)
    }

    func runDigitalCredentials(_ exchangeProtocol: DigitalCredentialsProtocol, origin: String) async throws {
        // The origin is only ever the relying party's own --origin: the page it serves is the only place its
        // request goes, and the transcript is rebuilt from it, never from anything on the response line.
        let (relyingParty, template, anchors) = try makeRelyingParty(allowedOrigins: [origin])
        let request = try await relyingParty.createDigitalCredentialsRequest(
            template, protocol: exchangeProtocol, origin: origin, lifetime: TimeInterval(timeout))
        guard let argument = request.navigatorArgument, argument.hasSuffix("}") else { throw InputError("no request was made") }
        if !json { print("pass this to navigator.credentials.get on \(origin), then paste the credential line:") }
        print(String(argument.dropLast()) + ",\"state\":\"\(request.state)\"}")
        fflush(nil)
        let report = RequestReport(json: json, anchors: anchors)
        guard let line = try await Self.oneLine(within: timeout) else {
            report.timedOut(state: request.state)
            throw ExitCode(1)
        }
        guard let text = line else { throw InputError("end of input before the credential line") }
        let received = await relyingParty.receive(digitalCredential: Array(text.utf8), forRequest: request.id, origin: origin)
        if !(await report.outcome(received.outcome)) { throw ExitCode(1) }
    }

    /// One line of standard input, read on its own thread so no task blocks on it: `.some(nil)` at end of input,
    /// `nil` when `seconds` pass first.
    private static func oneLine(within seconds: Int) async throws -> String?? {
        let (lines, sink) = AsyncStream.makeStream(of: String?.self)
        let reader = Thread {
            sink.yield(readLine(strippingNewline: true))
            sink.finish()
        }
        reader.start()
        return try await withThrowingTaskGroup(of: String??.self) { group in
            group.addTask {
                for await line in lines { return .some(line) }
                return .some(nil)
            }
            group.addTask {
                try await Task.sleep(for: .seconds(seconds))
                return nil
            }
            let first = try await group.next() ?? nil
            group.cancelAll()
            return first
        }
    }
}
