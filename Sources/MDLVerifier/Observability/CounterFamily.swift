import Metrics
import Synchronization

/// Counters of one metric, one per combination of dimension values, each handle created once on first use and
/// reused: incrementing costs a dictionary lookup under a lock, never a new handle or any string formatting.
package final class CounterFamily<Key: Hashable & Sendable>: Sendable {
    private let label: String
    private let factory: any MetricsFactory
    private let dimensions: @Sendable (Key) -> [(String, String)]
    private let counters = Mutex<[Key: Counter]>([:])

    /// Creates the family `label`; `dimensions` turns a key into its labels (never personal data).
    package init(label: String, factory: any MetricsFactory, dimensions: @escaping @Sendable (Key) -> [(String, String)]) {
        self.label = label
        self.factory = factory
        self.dimensions = dimensions
    }

    /// Adds one to the counter for `key`.
    package func increment(_ key: Key) {
        let counter = counters.withLock { counters in
            if let counter = counters[key] { return counter }
            let counter = Counter(label: label, dimensions: dimensions(key), factory: factory)
            counters[key] = counter
            return counter
        }
        counter.increment()
    }
}
