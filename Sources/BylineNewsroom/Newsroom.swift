import Foundation
import BylineCore
import BylineStore
import Synchronization

/// Everything behind the newsroom tools (admin pages, Admin API, CLI user and token commands), built once
/// by ``BylineServices/make(config:)``.
public struct Newsroom: Sendable {
    public let publishing: PublishingStores
    public var accounts: AccountService
    public let editorial: EditorialService
    public let wakeup: ScheduleWakeup
    /// Failed sign-ins per address and username.
    package let loginThrottle: LoginThrottle

    init(stores: Stores, publishing: PublishingStores, writer: ArticleWriter) {
        let wakeup = ScheduleWakeup()
        self.publishing = publishing
        self.accounts = AccountService(publishing: publishing)
        self.editorial = EditorialService(writer: writer, stores: stores, publishing: publishing, wakeup: wakeup)
        self.wakeup = wakeup
        self.loginThrottle = LoginThrottle()
    }
}

/// Counts failed sign-ins per key (address and username) in a sliding window; at the limit, sign-in is refused.
package final class LoginThrottle: Sendable {
    package let limit: Int
    package let window: TimeInterval
    private let failures = Mutex<[String: [Date]]>([:])

    package init(limit: Int = 5, window: TimeInterval = 15 * 60) { self.limit = limit; self.window = window }

    /// Whether `key` has used up its failures at `now`.
    package func isBlocked(_ key: String, now: Date) -> Bool {
        failures.withLock { table in
            let recent = (table[key] ?? []).filter { now.timeIntervalSince($0) < window }
            table[key] = recent.isEmpty ? nil : recent
            return recent.count >= limit
        }
    }

    /// Records one failure for `key`.
    package func recordFailure(_ key: String, now: Date) {
        failures.withLock { table in
            // Bound memory: forget the oldest keys when the table grows large.
            if table.count > 10_000 { table.removeAll(keepingCapacity: true) }
            table[key, default: []].append(now)
        }
    }

    /// Forgets `key`'s failures after a successful sign-in.
    package func reset(_ key: String) { failures.withLock { _ = $0.removeValue(forKey: key) } }
}
