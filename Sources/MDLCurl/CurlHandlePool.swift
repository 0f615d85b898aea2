import CMDLCurl
import Synchronization

/// The idle libcurl easy handles of one ``CurlHTTPClient`` (and its copies). A transfer takes a handle, reset to
/// libcurl's defaults (`curl_easy_reset` keeps the handle's live connections, TLS session and DNS caches), and gives
/// it back, so successive requests to one host reuse its connection instead of opening a new one each time.
final class CurlHandlePool: Sendable {
    /// A libcurl easy handle; only ever used by the one transfer that took it.
    struct Handle: @unchecked Sendable {
        let pointer: UnsafeMutableRawPointer
    }

    private let idle = Mutex<[Handle]>([])
    private let capacity: Int

    /// A pool that keeps at most `capacity` idle handles.
    init(capacity: Int = 8) { self.capacity = max(1, capacity) }

    /// An idle handle reset to defaults, or a new one; `nil` when libcurl cannot make one.
    func take() -> UnsafeMutableRawPointer? {
        if let handle = idle.withLock({ $0.popLast() }) {
            curl_easy_reset(handle.pointer)
            return handle.pointer
        }
        return curl_easy_init()
    }

    /// Returns `pointer` for the next transfer, or frees it when the pool is full.
    func give(_ pointer: UnsafeMutableRawPointer) {
        let kept = idle.withLock { handles -> Bool in
            guard handles.count < capacity else { return false }
            handles.append(Handle(pointer: pointer))
            return true
        }
        if !kept { curl_easy_cleanup(pointer) }
    }

    /// How many idle handles are kept (for tests).
    var idleCount: Int { idle.withLock { $0.count } }

    deinit {
        for handle in idle.withLock({ $0 }) { curl_easy_cleanup(handle.pointer) }
    }
}
