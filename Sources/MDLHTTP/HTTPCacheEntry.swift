import Foundation
import HTTPTypes

/// A stored `200` response with what HTTP caching (RFC 9111) needs to reuse or revalidate it.
struct HTTPCacheEntry: Sendable {
    var body: [UInt8]
    var headerFields: HTTPFields
    /// When the response was received or last revalidated (by the fetcher's clock).
    var receivedAt: Date
    /// The response's age when received (its `Age` header), in seconds.
    var initialAge: Double
    /// How long, in seconds of age, the response stays fresh (`Cache-Control: max-age`; 0 without it).
    var freshnessLifetime: Double
    /// `Cache-Control: must-revalidate`: never answer stale, even offline.
    var mustRevalidate: Bool

    var entityTag: String? { headerFields[values: .eTag].first }
    var lastModified: String? { headerFields[values: .lastModified].first }

    /// The age at `now`, in seconds (never negative, even if the clock went back).
    func age(at now: Date) -> Double { initialAge + max(0, now.timeIntervalSince(receivedAt)) }

    /// How far past its freshness lifetime the entry is at `now`, in seconds (0 while fresh).
    func staleness(at now: Date) -> Double { max(0, age(at: now) - freshnessLifetime) }

    func isFresh(at now: Date) -> Bool { age(at: now) < freshnessLifetime }

    /// Whether the entry may answer at `now` when it is at most `maxStaleness` seconds stale.
    func isUsable(at now: Date, maxStaleness: Double) -> Bool {
        isFresh(at: now) || (!mustRevalidate && staleness(at: now) <= maxStaleness)
    }

    /// A new entry for `response`, or `nil` when the response must not be stored (`no-store`).
    init?(response: HTTPResponse, body: [UInt8], receivedAt: Date) {
        let control = CacheControl(response.headerFields)
        guard !control.noStore else { return nil }
        self.body = body
        self.headerFields = response.headerFields
        self.receivedAt = receivedAt
        self.initialAge = CacheControl.age(response.headerFields)
        self.freshnessLifetime = control.freshnessLifetime
        self.mustRevalidate = control.mustRevalidate
    }

    /// The entry after a `304 Not Modified`: fresh again from `now`, with the 304's validators and directives.
    mutating func revalidate(with notModified: HTTPResponse, at now: Date) {
        for name: HTTPField.Name in [.eTag, .lastModified, .cacheControl, .expires, .date] {
            let values = notModified.headerFields[fields: name]
            if !values.isEmpty { headerFields[fields: name] = values }
        }
        let control = CacheControl(headerFields)
        receivedAt = now
        initialAge = CacheControl.age(notModified.headerFields)
        freshnessLifetime = control.freshnessLifetime
        mustRevalidate = control.mustRevalidate
    }
}

/// The `Cache-Control` directives a private client cache acts on.
struct CacheControl {
    var maxAge: Double?
    var noStore = false
    var noCache = false
    var mustRevalidate = false

    /// The freshness lifetime in seconds: `max-age`, or 0 for `no-cache` or when the server gave none (no
    /// heuristic freshness: a status list is revalidated unless its server says how long it stays fresh).
    var freshnessLifetime: Double { noCache ? 0 : (maxAge ?? 0) }

    init(_ headerFields: HTTPFields) {
        for value in headerFields[values: .cacheControl] {
            for directive in value.split(separator: ",") {
                let parts = directive.split(separator: "=", maxSplits: 1).map {
                    $0.trimmingCharacters(in: .whitespaces)
                }
                guard let name = parts.first?.lowercased() else { continue }
                switch name {
                case "no-store": noStore = true
                case "no-cache": noCache = true
                case "must-revalidate": mustRevalidate = true
                case "max-age":
                    let argument =
                        parts.count > 1 ? parts[1].trimmingCharacters(in: CharacterSet(charactersIn: "\"")) : ""
                    // RFC 9111 §1.2.2: a delta-seconds too large is treated as 2^31; anything unparsable as stale.
                    if argument.allSatisfy(\.isASCII), argument.allSatisfy(\.isNumber), !argument.isEmpty {
                        maxAge = min(Double(argument) ?? 2_147_483_648, 2_147_483_648)
                    } else {
                        maxAge = 0
                    }
                default: continue
                }
            }
        }
    }

    /// The `Age` header in seconds (0 when absent or malformed).
    static func age(_ headerFields: HTTPFields) -> Double {
        guard let text = headerFields[values: .age].first?.trimmingCharacters(in: .whitespaces), !text.isEmpty,
            text.allSatisfy({ $0.isASCII && $0.isNumber })
        else { return 0 }
        return min(Double(text) ?? 0, 2_147_483_648)
    }
}
