/// A table of at most `capacity` entries that forgets the least recently used one to make room: the bound on
/// per-reader state that anonymous traffic could otherwise grow without end.
///
/// Entries live in parallel arrays linked into a list by index (most recent at the head), so a lookup that
/// refreshes, an insert and an eviction each cost one dictionary operation and a few array writes; the arrays
/// grow to `capacity` and no further.
public struct LRUTable<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    /// The most entries kept.
    public let capacity: Int
    private var slots: [Key: Int32] = [:]
    private var keys: [Key?] = []
    private var values: [Value?] = []
    private var newer: [Int32] = []
    private var older: [Int32] = []
    private var head: Int32 = -1
    private var tail: Int32 = -1
    private var free: [Int32] = []

    /// An empty table; `capacity` is at least 1.
    public init(capacity: Int) { self.capacity = max(1, min(capacity, Int(Int32.max))) }

    /// The number of entries.
    public var count: Int { slots.count }

    /// The value for `key`, without counting as a use.
    public func peek(_ key: Key) -> Value? {
        slots[key].flatMap { values[Int($0)] }
    }

    /// Whether `key` has an entry.
    public func contains(_ key: Key) -> Bool { slots[key] != nil }

    /// The value for `key`, marked as just used.
    public mutating func use(_ key: Key) -> Value? {
        guard let slot = slots[key] else { return nil }
        moveToHead(slot)
        return values[Int(slot)]
    }

    /// Sets the value for `key` and marks it as just used; returns the entry evicted to make room, if any.
    @discardableResult
    public mutating func set(_ value: Value, for key: Key) -> (key: Key, value: Value)? {
        if let slot = slots[key] {
            values[Int(slot)] = value
            moveToHead(slot)
            return nil
        }
        var evicted: (key: Key, value: Value)?
        if slots.count >= capacity { evicted = removeLeastRecent() }
        let slot: Int32
        if let reused = free.popLast() {
            slot = reused
            keys[Int(slot)] = key
            values[Int(slot)] = value
        } else {
            slot = Int32(keys.count)
            keys.append(key); values.append(value); newer.append(-1); older.append(-1)
        }
        slots[key] = slot
        link(slot)
        return evicted
    }

    /// Removes `key`'s entry; returns its value.
    @discardableResult
    public mutating func removeValue(forKey key: Key) -> Value? {
        guard let slot = slots.removeValue(forKey: key) else { return nil }
        return release(slot)
    }

    /// The least recently used entry, without removing it.
    public var leastRecent: (key: Key, value: Value)? {
        guard tail >= 0, let key = keys[Int(tail)], let value = values[Int(tail)] else { return nil }
        return (key, value)
    }

    /// Removes and returns the least recently used entry.
    @discardableResult
    public mutating func removeLeastRecent() -> (key: Key, value: Value)? {
        guard tail >= 0, let key = keys[Int(tail)] else { return nil }
        slots[key] = nil
        guard let value = release(tail) else { return nil }
        return (key, value)
    }

    /// Every entry, most recently used first.
    public var entries: [(key: Key, value: Value)] {
        var out: [(key: Key, value: Value)] = []
        out.reserveCapacity(count)
        var slot = head
        while slot >= 0 {
            if let key = keys[Int(slot)], let value = values[Int(slot)] { out.append((key, value)) }
            slot = older[Int(slot)]
        }
        return out
    }

    /// Replaces each value with `transform`'s result, or removes the entry when it returns `nil`; the order of use
    /// is kept.
    public mutating func updateAll(_ transform: (Key, Value) -> Value?) {
        var slot = head
        while slot >= 0 {
            let next = older[Int(slot)]
            if let key = keys[Int(slot)], let value = values[Int(slot)] {
                if let updated = transform(key, value) {
                    values[Int(slot)] = updated
                } else {
                    slots[key] = nil
                    _ = release(slot)
                }
            }
            slot = next
        }
    }

    /// Empties the table, keeping its storage.
    public mutating func removeAll() {
        slots.removeAll(keepingCapacity: true)
        keys.removeAll(keepingCapacity: true); values.removeAll(keepingCapacity: true)
        newer.removeAll(keepingCapacity: true); older.removeAll(keepingCapacity: true)
        free.removeAll(keepingCapacity: true)
        head = -1; tail = -1
    }

    private mutating func release(_ slot: Int32) -> Value? {
        unlink(slot)
        let value = values[Int(slot)]
        keys[Int(slot)] = nil
        values[Int(slot)] = nil
        free.append(slot)
        return value
    }

    private mutating func link(_ slot: Int32) {
        newer[Int(slot)] = -1
        older[Int(slot)] = head
        if head >= 0 { newer[Int(head)] = slot }
        head = slot
        if tail < 0 { tail = slot }
    }

    private mutating func unlink(_ slot: Int32) {
        let before = newer[Int(slot)], after = older[Int(slot)]
        if before >= 0 { older[Int(before)] = after } else { head = after }
        if after >= 0 { newer[Int(after)] = before } else { tail = before }
        newer[Int(slot)] = -1; older[Int(slot)] = -1
    }

    private mutating func moveToHead(_ slot: Int32) {
        guard slot != head else { return }
        unlink(slot)
        link(slot)
    }
}
