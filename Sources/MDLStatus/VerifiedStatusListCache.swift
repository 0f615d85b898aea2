import Foundation
import MDLVerifier
import Synchronization
import X509

/// Verified, decoded status list tokens, per status URI and signer trust: a hit is a dictionary lookup (no inflate,
/// no chain validation, no signature check), under a lock held only for the lookup, so concurrent verifications do
/// not queue behind one another.
///
/// An entry answers until the first of: the token's `exp`, its `ttl` since it was fetched or confirmed, and the
/// HTTP freshness its server gave (`Cache-Control: max-age`). Past that, the client fetches again; when the server
/// confirms or resends the same bytes, the decoded list is kept without being verified again.
final class VerifiedStatusListCache: Sendable {
    struct Key: Hashable, Sendable {
        var uri: String
        var anchors: [Certificate]

        /// The URI alone: hashing certificates goes through them field by field, byte by byte, on every lookup,
        /// while lists under one URI with different anchors are rare; equality still compares the anchors.
        func hash(into hasher: inout Hasher) { hasher.combine(uri) }
    }

    struct Entry: Sendable {
        /// The signed bytes as fetched.
        var bytes: [UInt8]
        /// The verified token, its list decoded.
        var token: StatusListToken
        /// When the bytes were last fetched or confirmed by the server.
        var fetchedAt: Date
        /// Until when the entry answers without a request.
        var refreshAfter: Date
        /// The times at which the signer's certificate path is valid (`nil`: a key named out of band).
        var signerValidity: ClosedRange<Date>?

        /// Whether this verification of the token holds at the verification time `time`.
        func holds(at time: Date) -> Bool { signerValidity.map { $0.contains(time) } ?? true }
    }

    private let entries = Mutex<[Key: Entry]>([:])
    private let maxEntries: Int
    /// How many tokens were parsed and verified (not taken from the cache): what a hit saves.
    private let verificationCount = Atomic<Int>(0)

    init(maxEntries: Int = 64) { self.maxEntries = max(1, maxEntries) }

    func entry(for key: Key) -> Entry? { entries.withLock { $0[key] } }

    func store(_ entry: Entry, for key: Key) {
        entries.withLock { entries in
            entries[key] = entry
            while entries.count > maxEntries,
                let oldest = entries.min(by: { $0.value.fetchedAt < $1.value.fetchedAt })?.key
            {
                entries[oldest] = nil
            }
        }
    }

    func countVerification() { verificationCount.add(1, ordering: .relaxed) }

    var verifications: Int { verificationCount.load(ordering: .relaxed) }
}
