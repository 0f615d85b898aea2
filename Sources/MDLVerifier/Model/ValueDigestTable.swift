/// One namespace's `valueDigests`, sorted by digestID: what the digest check looks items up in.
///
/// An array searched by bisection instead of a dictionary: the MSO's digest maps arrive in ascending digestID order,
/// so reading one is an append per digest instead of a hash and an insert, and a look-up is a few comparisons of
/// integers (issue 7, fourth round).
struct ValueDigestTable: Sendable, Hashable {
    /// One digest and the digestID it is under.
    struct Entry: Sendable, Hashable {
        let digestID: UInt64
        let digest: [UInt8]
    }

    /// The digests, in ascending digestID order, no digestID twice.
    let entries: [Entry]

    /// A table of `entries`, whose digestIDs are distinct (a map's keys); sorted here unless already in order.
    init(distinct entries: [Entry]) {
        var isSorted = true
        for index in entries.indices.dropFirst() where entries[index - 1].digestID >= entries[index].digestID {
            isSorted = false
            break
        }
        self.entries = isSorted ? entries : entries.sorted { $0.digestID < $1.digestID }
    }

    /// A table of the digests in `digests`.
    init(_ digests: [UInt64: [UInt8]]) {
        self.init(distinct: digests.map { Entry(digestID: $0.key, digest: $0.value) })
    }

    /// The digests as a dictionary (the public model's form).
    var dictionary: [UInt64: [UInt8]] {
        var result: [UInt64: [UInt8]] = [:]
        result.reserveCapacity(entries.count)
        for entry in entries { result[entry.digestID] = entry.digest }
        return result
    }

    /// The position in ``entries`` of the digest under `digestID`, if the table has one.
    func index(of digestID: UInt64) -> Int? {
        var low = 0
        var high = entries.count
        while low < high {
            let middle = (low + high) / 2
            let candidate = entries[middle].digestID
            if candidate == digestID { return middle }
            if candidate < digestID { low = middle + 1 } else { high = middle }
        }
        return nil
    }
}
