import Foundation
import Synchronization

/// Values kept for `ttl` seconds, and only while their stamp (what they were made from: the store's change
/// token, a page and a reader's generation) is unchanged. The one cache behind cached pages, recommendation
/// lists and rendered personal blocks. When it holds `capacity` entries, expired ones go first, and everything
/// if that is not enough.
final class ExpiringCache<Key: Hashable & Sendable, Stamp: Equatable & Sendable, Value: Sendable>: Sendable {
    private struct Entry { var value: Value; var stamp: Stamp; var expires: Date }
    private let entries = Mutex<[Key: Entry]>([:])
    let ttl: TimeInterval
    let capacity: Int

    init(ttl: TimeInterval, capacity: Int) { self.ttl = ttl; self.capacity = capacity }

    /// The value stored for `key` with this stamp, unless it has expired.
    func value(for key: Key, stamp: Stamp, now: Date) -> Value? {
        entries.withLock { entries in
            guard let entry = entries[key], entry.expires > now, entry.stamp == stamp else { return nil }
            return entry.value
        }
    }

    /// Keeps `value` for `ttl` seconds (nothing when `ttl` is 0).
    func store(_ value: Value, for key: Key, stamp: Stamp, now: Date) {
        guard ttl > 0 else { return }
        entries.withLock { entries in
            if entries.count >= capacity {
                entries = entries.filter { $0.value.expires > now }
                if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            }
            entries[key] = Entry(value: value, stamp: stamp, expires: now.addingTimeInterval(ttl))
        }
    }
}

extension ExpiringCache where Stamp == Never? {
    /// The value stored for `key`, unless it has expired (for values valid for their time to live alone).
    func value(for key: Key, now: Date) -> Value? { value(for: key, stamp: nil, now: now) }

    /// Keeps `value` for `ttl` seconds.
    func store(_ value: Value, for key: Key, now: Date) { store(value, for: key, stamp: nil, now: now) }
}
