import Foundation
import Logging
import Synchronization
import ServiceLifecycle

/// A doorbell for the scheduler: writes ring it so a new or moved schedule is seen at once.
public final class ScheduleWakeup: Sendable {
    private struct State {
        var pending = false
        var waiter: CheckedContinuation<Void, Never>?
    }
    private let state = Mutex(State())

    public init() {}

    /// Wakes the waiting scheduler, or makes its next wait return at once.
    public func poke() {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            if let waiter = state.waiter { state.waiter = nil; return waiter }
            state.pending = true
            return nil
        }
        waiter?.resume()
    }

    /// Waits for a poke (returns at once when one came since the last wait) or for cancellation.
    public func wait() async {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { state -> Bool in
                    if state.pending || Task.isCancelled { state.pending = false; return true }
                    state.waiter = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
                defer { state.waiter = nil }
                return state.waiter
            }
            waiter?.resume()
        }
    }

    /// Sleeps for `seconds` or until poked, whichever is first.
    func sleep(seconds: TimeInterval) async {
        await withTaskGroup(of: Void.self) { group in
            // Round up: waking a fraction of a millisecond before an article is due would only mean another pass.
            group.addTask { try? await Task.sleep(for: .milliseconds(Int64((max(0, seconds) * 1_000).rounded(.up)))) }
            group.addTask { await self.wait() }
            await group.next()
            group.cancelAll()
        }
    }
}

/// Publishes scheduled articles on time without cron: sleeps until the next one is due (or a write rings
/// ``ScheduleWakeup``), publishes overdue ones as soon as it starts, and holds a lease so that of several
/// nodes on one database only one publishes.
public struct ScheduledPublisher: Service {
    let editorial: EditorialService
    let wakeup: ScheduleWakeup
    let clock: @Sendable () -> Date
    let logger: Logger
    /// This node's name on the lease.
    let holder: String
    /// The longest sleep; also how often the lease is renewed.
    let maxSleep: TimeInterval
    /// Waits between passes: by default ``ScheduleWakeup/sleep(seconds:)`` (a timer, cut short by a poke).
    /// Tests pass a stepped clock's sleep so that time moves only when they say.
    let sleep: @Sendable (TimeInterval) async -> Void

    /// Makes the service. `sleep` defaults to the newsroom's wake-up timer.
    public init(newsroom: Newsroom, clock: @escaping @Sendable () -> Date, logger: Logger, maxSleep: TimeInterval = 20,
                sleep: (@Sendable (TimeInterval) async -> Void)? = nil) {
        self.editorial = newsroom.editorial; self.wakeup = newsroom.wakeup; self.clock = clock; self.logger = logger
        self.holder = UUID().uuidString; self.maxSleep = maxSleep
        let wakeup = newsroom.wakeup
        self.sleep = sleep ?? { seconds in await wakeup.sleep(seconds: seconds) }
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                let delay = await tick()
                await sleep(delay)
            }
        }
    }

    /// Publishes what is due (when this node holds the lease); returns how long to sleep.
    func tick() async -> TimeInterval {
        do {
            let now = clock()
            let leaseTTL = maxSleep * 3
            guard try await editorial.publishing.workflow.acquireLease(name: "scheduler", holder: holder, now: now, ttl: leaseTTL) else {
                return maxSleep
            }
            let published = try await editorial.publishDue(now: now)
            if !published.isEmpty {
                logger.info("published scheduled articles", metadata: ["count": "\(published.count)"])
            }
            guard let next = try await editorial.nextDue() else { return maxSleep }
            return min(maxSleep, max(0.01, next.timeIntervalSince(clock())))
        } catch {
            logger.error("scheduler failed", metadata: ["error": "\(String(reflecting: error))"])
            return maxSleep
        }
    }
}
