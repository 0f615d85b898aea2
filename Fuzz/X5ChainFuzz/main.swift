// libFuzzer entry point for certificate sets as they arrive in an `x5chain`: the input is read as CBOR (a byte
// string or an array of them, as COSE carries it) and given to the document-signer validator and, inside a status
// list token, to the status signer's path validation. Built by Fuzz/build-pipeline.sh; seeds are this run's
// sandbox chains. Invariants: nothing traps; libFuzzer's short timeout catches any path explosion.

import Foundation
import MDLCBOR
import MDLKit
import MDLSandbox

nonisolated(unsafe) var authority: IssuingAuthority?
nonisolated(unsafe) var validator: DocumentSignerValidator?
nonisolated(unsafe) var anchor: TrustAnchor?

@_cdecl("LLVMFuzzerInitialize")
public func fuzzInitialize(
    _ argc: UnsafeMutablePointer<CInt>?, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>?
) -> CInt {
    let made = setupOrTrap("X5ChainFuzz setup") { try IssuingAuthority(region: .shanghai, now: fuzzNow) }
    let ds = made.documentSigner.derEncoded
    let iaca = setupOrTrap("iaca") { try made.iaca.derEncoded() }
    writeSeed("ds", CBOREncoder.encode(.bytes(ds)))
    writeSeed("ds-array", CBOREncoder.encode(.array([.bytes(ds)])))
    writeSeed("ds-iaca", CBOREncoder.encode(.array([.bytes(ds), .bytes(iaca)])))
    writeSeed("ds-iaca-iaca-ds", CBOREncoder.encode(.array([.bytes(ds), .bytes(iaca), .bytes(iaca), .bytes(ds)])))
    let trusted = setupOrTrap("anchor") { try made.iaca.trustAnchor() }
    validator = DocumentSignerValidator(anchors: [trusted], cacheCapacity: 0)
    anchor = trusted
    authority = made
    return 0
}

/// The certificates of an `x5chain` header value, or nil when the input is not one.
func x5chain(_ input: [UInt8]) -> [[UInt8]]? {
    guard let item = try? CBORDecoder().decode(input) else { return nil }
    if let single = item.bytes { return [single] }
    guard let array = item.array else { return nil }
    let certificates = array.compactMap(\.bytes)
    return certificates.count == array.count ? certificates : nil
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data, let validator, let anchor, let authority,
        let chain = x5chain(Array(UnsafeBufferPointer(start: data, count: size)))
    else { return 0 }
    _ = runBlocking { () async -> Bool in (try? await validator.validate(x5chain: chain, at: fuzzNow)) != nil }
    if let token = try? statusToken(by: authority, x5chain: chain) {
        _ = runBlocking { await checkStatus(token, index: 0, anchor: anchor) }
    }
    return 0
}
