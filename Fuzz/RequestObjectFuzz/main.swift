// libFuzzer entry point for the wallet side: a request object (compact JWS, `x5c`, OpenID4VP claims, DCQL) as the
// sandbox wallet verifies it before the holder sees anything. Built by Fuzz/build-pipeline.sh; seeds are this
// run's signed request object. Invariant: nothing traps (refusals are typed MDLErrors).

import Foundation
import MDLKit
import MDLSandbox

nonisolated(unsafe) var world: SandboxWorld?

@_cdecl("LLVMFuzzerInitialize")
public func fuzzInitialize(
    _ argc: UnsafeMutablePointer<CInt>?, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>?
) -> CInt {
    let made = setupOrTrap("RequestObjectFuzz setup") { try SandboxWorld() }
    writeSeed("request-object", Array(made.request.requestObject.utf8))
    world = made
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data, let world else { return 0 }
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let verifier = world.walletVerifier
    _ = runBlocking { () async -> Bool in (try? await verifier.verify(text, at: fuzzNow)) != nil }
    _ = try? JWS(compact: text)
    return 0
}
