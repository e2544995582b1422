import Foundation
import Synchronization
import BylineRank

/// Failed sign-ins, counted per account, per client address and per (account, address), with exponential
/// backoff instead of a lockout anyone could trigger.
///
/// An attempt is *reserved* before its password is checked, under one lock: the reservation counts as a failure
/// until it turns out otherwise, so twenty parallel attempts cannot all pass a check that saw none of the others.
/// Past a number of free failures each further attempt on a key must wait `2^(n - free)` seconds after the last
/// one, up to a cap:
///
/// | key | free failures | longest wait |
/// |---|---|---|
/// | (account, address) | 5 | 15 minutes |
/// | address (one password tried over many usernames) | 5 | 15 minutes |
/// | account, from any address | 5 | 30 seconds: the owner, from an address without failures, is slowed but never locked out by a stranger |
///
/// A key is forgotten 15 minutes after its last failure (or once its wait is over, if longer). The table holds at
/// most ``capacity`` keys, least recently used forgotten first.
package final class LoginThrottle: Sendable {
    /// Free failures and the longest wait of one kind of key.
    package struct Rule: Sendable, Hashable {
        package var freeFailures: Int
        package var longestWait: TimeInterval
        package init(freeFailures: Int, longestWait: TimeInterval) { self.freeFailures = freeFailures; self.longestWait = longestWait }

        /// The wait after the last attempt when `count` attempts (failed or under way) are on record.
        func wait(after count: Int) -> TimeInterval {
            guard count >= freeFailures else { return 0 }
            return min(longestWait, pow(2, Double(min(count - freeFailures, 40))))
        }
    }

    package let pair: Rule
    package let address: Rule
    package let account: Rule
    /// How long a key is remembered after its last failure.
    package let memory: TimeInterval
    /// The most keys kept.
    package let capacity: Int

    private struct Entry { var count: Int; var last: Date }
    private let table: Mutex<LRUTable<String, Entry>>

    package init(pair: Rule = Rule(freeFailures: 5, longestWait: 15 * 60),
                 address: Rule = Rule(freeFailures: 5, longestWait: 15 * 60),
                 account: Rule = Rule(freeFailures: 5, longestWait: 30),
                 memory: TimeInterval = 15 * 60, capacity: Int = 50_000) {
        self.pair = pair; self.address = address; self.account = account; self.memory = memory; self.capacity = capacity
        self.table = Mutex(LRUTable(capacity: capacity))
    }

    /// An attempt allowed to check its password; report how it went with ``failed(_:now:)``, ``succeeded(_:)``
    /// or ``release(_:)``.
    package struct Reservation: Sendable {
        fileprivate let pair: String, address: String, account: String
    }

    /// Whether an attempt may check its password now.
    package enum Decision: Sendable {
        case allowed(Reservation)
        /// Not before this many seconds.
        case refused(TimeInterval)
    }

    /// Reserves an attempt for `account` from `address` unless one of its keys must still wait.
    package func reserve(account: String, address: String, now: Date) -> Decision {
        let reservation = Reservation(pair: "p|\(account)|\(address)", address: "a|\(address)", account: "u|\(account)")
        let keys = [(reservation.pair, pair), (reservation.address, self.address), (reservation.account, self.account)]
        return table.withLock { table in
            var wait: TimeInterval = 0
            var counts: [Int] = []
            for (key, rule) in keys {
                var count = 0
                if let entry = table.peek(key) {
                    let due = rule.wait(after: entry.count)
                    if now.timeIntervalSince(entry.last) <= max(memory, due) {
                        count = entry.count
                        wait = max(wait, entry.last.addingTimeInterval(due).timeIntervalSince(now))
                    }
                }
                counts.append(count)
            }
            guard wait <= 0 else { return .refused(wait) }
            for ((key, _), count) in zip(keys, counts) { table.set(Entry(count: count + 1, last: now), for: key) }
            return .allowed(reservation)
        }
    }

    /// The password was wrong: the reservation stays counted as a failure, timed now.
    package func failed(_ reservation: Reservation, now: Date) {
        table.withLock { table in
            for key in [reservation.pair, reservation.address, reservation.account] {
                if var entry = table.peek(key) { entry.last = now; table.set(entry, for: key) }
                else { table.set(Entry(count: 1, last: now), for: key) }
            }
        }
    }

    /// The password was right: the (account, address) key is cleared; the account and the address only give back
    /// this attempt, so signing in to one's own account does not wipe failures others caused.
    package func succeeded(_ reservation: Reservation) {
        table.withLock { table in
            table.removeValue(forKey: reservation.pair)
            Self.giveBack([reservation.address, reservation.account], in: &table)
        }
    }

    /// The password was not checked (no slot, or an error): the attempt does not count.
    package func release(_ reservation: Reservation) {
        table.withLock { Self.giveBack([reservation.pair, reservation.address, reservation.account], in: &$0) }
    }

    private static func giveBack(_ keys: [String], in table: inout LRUTable<String, Entry>) {
        for key in keys {
            guard var entry = table.peek(key) else { continue }
            entry.count -= 1
            if entry.count <= 0 { table.removeValue(forKey: key) } else { table.set(entry, for: key) }
        }
    }

    /// The number of keys held.
    package var count: Int { table.withLock { $0.count } }
}

/// A cap on password checks (bcrypt, about 0.35 s of CPU each at cost 12) running at once, so a flood of sign-ins
/// cannot take every core from readers: at most ``limit`` run; up to ``maxWaiting`` more wait at most ``patience``
/// for a slot; the rest are refused at once (the caller answers 429).
package final class PasswordCheckGate: Sendable {
    package let limit: Int
    package let maxWaiting: Int
    package let patience: Duration

    private struct Waiter { var id: UInt64; var continuation: CheckedContinuation<Bool, Never> }
    private struct State { var running = 0; var waiting: [Waiter] = []; var nextID: UInt64 = 0 }
    private let state = Mutex(State())

    package init(limit: Int = 2, maxWaiting: Int = 32, patience: Duration = .seconds(2)) {
        self.limit = max(1, limit); self.maxWaiting = max(0, maxWaiting); self.patience = patience
    }

    /// Takes a slot, waiting at most ``patience``; `false` when none came free. Call ``leave()`` after a `true`.
    package func enter() async -> Bool {
        let id: UInt64? = state.withLock { state in
            if state.running < limit { state.running += 1; return nil }
            defer { state.nextID &+= 1 }
            return state.nextID
        }
        guard let id else { return true }
        return await withCheckedContinuation { continuation in
            let immediate: Bool? = state.withLock { state in
                if state.running < limit { state.running += 1; return true }
                guard state.waiting.count < maxWaiting else { return false }
                state.waiting.append(Waiter(id: id, continuation: continuation))
                return nil
            }
            if let immediate { continuation.resume(returning: immediate); return }
            let patience = self.patience
            Task { [weak self] in
                try? await Task.sleep(for: patience)
                self?.giveUp(id)
            }
        }
    }

    /// Gives the slot to the longest waiting check, or frees it.
    package func leave() {
        let next: Waiter? = state.withLock { state in
            if state.waiting.isEmpty { state.running -= 1; return nil }
            return state.waiting.removeFirst()
        }
        next?.continuation.resume(returning: true)
    }

    private func giveUp(_ id: UInt64) {
        let waiter: Waiter? = state.withLock { state in
            guard let index = state.waiting.firstIndex(where: { $0.id == id }) else { return nil }
            return state.waiting.remove(at: index)
        }
        waiter?.continuation.resume(returning: false)
    }

    /// Checks running and waiting now.
    package var load: (running: Int, waiting: Int) { state.withLock { ($0.running, $0.waiting.count) } }
}

/// Runs bcrypt on threads of its own (a concurrent dispatch queue), never on the Swift concurrency pool whose
/// few threads (one per core) also serve readers: a check blocks its thread for about 0.35 s.
enum PasswordHashing {
    private static let queue = DispatchQueue(label: "byline.password-hashing", qos: .userInitiated, attributes: .concurrent)

    static func run<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in queue.async { continuation.resume(returning: work()) } }
    }
}
