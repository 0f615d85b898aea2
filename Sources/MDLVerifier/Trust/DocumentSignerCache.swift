import Foundation
import Synchronization
import X509

/// Validated chains by their `x5chain` bytes, so a relying party verifying many documents from one document
/// signer pays for chain building and certificate signatures once.
///
/// Only the verification time varies between lookups, and the profile checks do not depend on it, so an entry
/// answers for any time inside the chain's common validity window; outside it the chain is validated afresh
/// (and fails as expired). Bounded: when full, the cache starts over.
final class DocumentSignerCache: Sendable {
    private struct Entry {
        let signer: ValidatedDocumentSigner
        let window: ClosedRange<Date>
    }

    private struct State {
        var entries: [ChainKey: Entry] = [:]
        /// The chain found or stored last. A relying party mostly sees a few issuers' chains, so comparing the
        /// received chain with the last one usually answers without hashing a kilobyte of certificates (hashing was
        /// about a fiftieth of a verification, issue 7).
        var recent: (x5chain: [[UInt8]], entry: Entry)?
    }

    /// An `x5chain` as a dictionary key, hashed a certificate at a time (`Array<UInt8>`'s own hashing feeds the
    /// hasher one byte per call, several microseconds for a chain).
    private struct ChainKey: Hashable {
        let certificates: [[UInt8]]
        init(_ certificates: [[UInt8]]) { self.certificates = certificates }

        func hash(into hasher: inout Hasher) {
            hasher.combine(certificates.count)
            for certificate in certificates { certificate.withUnsafeBytes { hasher.combine(bytes: $0) } }
        }
    }

    private let capacity: Int
    private let state = Mutex<State>(State())

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// The cached validation of `x5chain`, re-stamped with `time`, when `time` is inside its window.
    func signer(for x5chain: [[UInt8]], at time: Date) -> ValidatedDocumentSigner? {
        guard capacity > 0 else { return nil }
        let found: Entry? = state.withLock { state in
            // Compared in place: copying the (chain, entry) pair retained every member of both.
            if state.recent.map({ Self.same($0.x5chain, x5chain) }) == true { return state.recent?.entry }
            guard let entry = state.entries[ChainKey(x5chain)] else { return nil }
            state.recent = (x5chain, entry)
            return entry
        }
        guard let entry = found, entry.window.contains(time) else { return nil }
        return entry.signer.revalidated(at: time)
    }

    /// Whether two chains hold the same certificates, compared with `memcmp` (the generic element-wise `==`
    /// compared a kilobyte of certificates a byte at a time).
    private static func same(_ left: [[UInt8]], _ right: [[UInt8]]) -> Bool {
        guard left.count == right.count else { return false }
        for index in left.indices {
            let equal = left[index].withUnsafeBytes { a in
                right[index].withUnsafeBytes { b in
                    a.count == b.count && (a.count == 0 || memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0)
                }
            }
            guard equal else { return false }
        }
        return true
    }

    /// Remembers a successful validation.
    func store(_ signer: ValidatedDocumentSigner, for x5chain: [[UInt8]]) {
        guard capacity > 0,
            let start = signer.chain.map(\.notValidBefore).max(),
            let end = signer.chain.map(\.notValidAfter).min(), start <= end
        else { return }
        let entry = Entry(signer: signer, window: start...end)
        state.withLock { state in
            if state.entries.count >= capacity { state.entries.removeAll(keepingCapacity: true) }
            state.entries[ChainKey(x5chain)] = entry
            state.recent = (x5chain, entry)
        }
    }
}
