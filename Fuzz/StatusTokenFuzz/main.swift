// libFuzzer entry point for status list tokens (CWT, COSE_Sign1, `x5chain`, the ZLIB list) and point statements,
// as a relying party's StatusClient reads them after a fetch. Built by Fuzz/build-pipeline.sh; seeds are this
// run's tokens signed by the sandbox document signer. Invariant: nothing traps; no mutated token is both trusted
// and different in its signed bytes (libFuzzer's timeout catches decompression bombs and path searches).

import Foundation
import MDLKit
import MDLSandbox

nonisolated(unsafe) var authority: IssuingAuthority?
nonisolated(unsafe) var anchor: TrustAnchor?

@_cdecl("LLVMFuzzerInitialize")
public func fuzzInitialize(
    _ argc: UnsafeMutablePointer<CInt>?, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>?
) -> CInt {
    let made = setupOrTrap("StatusTokenFuzz setup") { try IssuingAuthority(region: .shanghai, now: fuzzNow) }
    writeSeed("token-ds", setupOrTrap("token") { try statusToken(by: made) })
    writeSeed("token-ds-iaca", setupOrTrap("token") {
        try statusToken(by: made, x5chain: made.documentSigner.x5chain + [try made.iaca.derEncoded()])
    })
    let trusted = setupOrTrap("anchor") { try made.iaca.trustAnchor() }
    let seed = setupOrTrap("token") { try statusToken(by: made) }
    if let refusal = runBlocking({ await checkStatus(seed, index: 0, anchor: trusted) }) {
        fatalError("StatusTokenFuzz: the seed token is refused (\(refusal)); the harness would fuzz nothing")
    }
    anchor = trusted
    authority = made
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data, let anchor else { return 0 }
    let input = Array(UnsafeBufferPointer(start: data, count: size))
    _ = try? StatusListToken(bytes: input)
    _ = try? PointStatement(bytes: input)
    _ = runBlocking { await checkStatus(input, index: UInt64(size % 9), anchor: anchor) }
    return 0
}
