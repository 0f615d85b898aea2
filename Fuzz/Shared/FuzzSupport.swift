// What every libFuzzer harness of MDLKit shares (compiled into each harness by Fuzz/build-pipeline.sh): running
// MDLKit's async entry points from libFuzzer's synchronous callback, the fixed clock, and writing seeds.

import Dispatch
import Foundation

/// The fixed time every harness verifies at (2025-11-24T16:00:00Z, as the test fixtures).
let fuzzNow = Date(timeIntervalSince1970: 1_764_000_000)

/// Holds an asynchronous result for libFuzzer's synchronous call.
final class AsyncSlot<Value>: @unchecked Sendable {
    var value: Value?
    let done = DispatchSemaphore(value: 0)
}

/// Runs `body` to completion on the concurrency pool and waits for it.
func runBlocking<Value: Sendable>(_ body: @escaping @Sendable () async -> Value) -> Value {
    let slot = AsyncSlot<Value>()
    Task.detached {
        slot.value = await body()
        slot.done.signal()
    }
    slot.done.wait()
    guard let value = slot.value else { fatalError("the task ended without a result") }
    return value
}

/// Writes a seed into the corpus folder `$MDL_FUZZ_CORPUS` (Fuzz/run.sh sets it). Seeds made at start-up carry
/// this run's fresh keys, so they reach past decryption and signatures.
func writeSeed(_ name: String, _ bytes: [UInt8]) {
    guard let folder = ProcessInfo.processInfo.environment["MDL_FUZZ_CORPUS"] else { return }
    try? Data(bytes).write(to: URL(fileURLWithPath: folder).appendingPathComponent("seed-\(name)"))
}

/// Traps (for libFuzzer) when a harness's setup fails: a broken harness must not pass for a clean run.
func setupOrTrap<Value>(_ what: String, _ body: () throws -> Value) -> Value {
    do { return try body() } catch { fatalError("\(what): \(error)") }
}
