/// The page's open requests (request id → use case) and their results until the page collects them.
///
/// Only the request id (a random handle, no personal data) is ever in a URL. A result, portrait included, stays in
/// memory until the page that asked reads it once, then it is gone: nothing is written anywhere.
actor CounterSessions {
    private var useCases: [String: CounterUseCase] = [:]
    private var results: [String: [UInt8]] = [:]
    private var order: [String] = []
    /// Open sessions beyond this drop the oldest (an abandoned page must not grow the memory for ever).
    static let capacity = 256

    /// Records a new request for `useCase`.
    func open(_ id: String, useCase: CounterUseCase) {
        useCases[id] = useCase
        order.append(id)
        while order.count > Self.capacity {
            let oldest = order.removeFirst()
            useCases[oldest] = nil
            results[oldest] = nil
        }
    }

    /// The use case of the open request `id`.
    func useCase(of id: String) -> CounterUseCase? { useCases[id] }

    /// Keeps the page's result for `id` (the first one only).
    func finish(_ id: String, result: [UInt8]) {
        guard useCases[id] != nil, results[id] == nil else { return }
        results[id] = result
    }

    /// The result for `id`, handed out once; the session ends with it.
    func take(_ id: String) -> [UInt8]? {
        guard let result = results.removeValue(forKey: id) else { return nil }
        useCases[id] = nil
        order.removeAll { $0 == id }
        return result
    }
}
