// libFuzzer entry point for VICALs (ISO 18013-5 verified issuer CA lists): COSE_Sign1, the signer's `x5chain`, the
// list and its certificate infos, as a relying party's TrustStore verifies a fetched list. Built by
// Fuzz/build-pipeline.sh; seeds are this run's sandbox publication (Fuzz/run.sh adds the real AAMVA VICAL from
// ../shared/vectors when present). Invariant: nothing traps.

import Foundation
import MDLCBOR
import MDLKit
import MDLSandbox
import X509

nonisolated(unsafe) var verifier: VICALVerifier?

@_cdecl("LLVMFuzzerInitialize")
public func fuzzInitialize(
    _ argc: UnsafeMutablePointer<CInt>?, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>?
) -> CInt {
    let listOperator = setupOrTrap("operator") { try TrustListOperator(now: fuzzNow) }
    let shanghai = setupOrTrap("authority") { try IssuingAuthority(region: .shanghai, now: fuzzNow) }
    let sichuan = setupOrTrap("authority") { try IssuingAuthority(region: .sichuan, now: fuzzNow) }
    let published = runBlocking { () async -> [UInt8]? in
        await listOperator.add(shanghai)
        await listOperator.add(sichuan)
        return try? await listOperator.publish(now: fuzzNow)
    }
    guard let published else { fatalError("VICALFuzz: the sandbox operator did not publish") }
    writeSeed("sandbox-vical", published)
    verifier = VICALVerifier(signerAnchors: [listOperator.signer.root.certificate])
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data, let verifier else { return 0 }
    let input = Array(UnsafeBufferPointer(start: data, count: size))
    if let item = try? CBORDecoder().decode(input) { _ = try? VICAL(item) }
    _ = runBlocking { () async -> Bool in (try? await verifier.verify(input, at: fuzzNow)) != nil }
    return 0
}
