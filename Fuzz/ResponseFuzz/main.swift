// libFuzzer entry point for what a relying party reads from the public `response_uri`: the form body, the JWE in
// it, the decrypted authorization response and the DeviceResponse inside. Built by Fuzz/build-pipeline.sh.
//
// Start-up makes a sandbox world with one open request and writes this run's honest presentation, an honest
// decline and variants as seeds, so mutations reach past decryption. Invariants: nothing traps, and the request's
// nonce is used at most once (a second `presented` for the same request is reported as a crash).

import Foundation
import MDLKit
import MDLSandbox

final class Counter: @unchecked Sendable {
    var presented = 0
}

nonisolated(unsafe) var world: SandboxWorld?
let counter = Counter()

@_cdecl("LLVMFuzzerInitialize")
public func fuzzInitialize(
    _ argc: UnsafeMutablePointer<CInt>?, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>?
) -> CInt {
    let made = setupOrTrap("ResponseFuzz setup") { try SandboxWorld() }
    let honest = setupOrTrap("honest answer") { try made.answer(.approveAll) }
    let decline = setupOrTrap("decline") { try made.answer(.decline) }
    writeSeed("honest-form", honest.formBody)
    writeSeed("decline-form", decline.formBody)
    writeSeed("honest-two-parameters", FormBody.encode([("state", made.request.state), ("response", honest.jwe)]))
    world = made
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data, let world else { return 0 }
    let input = Array(UnsafeBufferPointer(start: data, count: size))
    _ = try? FormBody.uniqueValue(named: "response", in: input)
    let presented = runBlocking { () async -> Int in
        var count = 0
        let bound = await world.relyingParty.receive(formBody: input, forRequest: world.request.id)
        if case .presented = bound.outcome { count += 1 }
        let unknown = await world.relyingParty.receive(formBody: input, forRequest: "no-such-request")
        if unknown.isBound { fatalError("a response to an unknown request was bound to a session") }
        let raw = await world.relyingParty.receive(jwe: String(decoding: input, as: UTF8.self), forRequest: world.request.id)
        if case .presented = raw.outcome { count += 1 }
        return count
    }
    counter.presented += presented
    if counter.presented > 1 { fatalError("one request's nonce was used twice") }
    return 0
}
