import Foundation
import Logging
import ServiceLifecycle

/// Writes queued reads and visit counts to the reading log every `interval` (in small
/// transactions: see ``ReadingService/flush()``), reports reads dropped by a full queue, prunes history past
/// the retention window once an hour, and flushes what is left on graceful shutdown so no read is lost.
public struct ReadingEventWriter: Service {
    let reading: ReadingService
    let interval: TimeInterval
    let clock: @Sendable () -> Date
    let logger: Logger
    static let pruneInterval: TimeInterval = 3_600

    /// A writer for `reading`'s queue.
    public init(reading: ReadingService, interval: TimeInterval = 2, clock: @escaping @Sendable () -> Date, logger: Logger) {
        self.reading = reading; self.interval = interval; self.clock = clock; self.logger = logger
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            var lastPrune = Date.distantPast
            while !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(Int64(max(0.01, interval) * 1_000)))
                await flush()
                let now = clock()
                if !Task.isCancelled, now.timeIntervalSince(lastPrune) >= Self.pruneInterval {
                    lastPrune = now
                    do { try await reading.prune(now: now) } catch {
                        logger.error("pruning reading history failed", metadata: ["error": "\(String(reflecting: error))"])
                    }
                }
            }
        }
        // Graceful shutdown: the last batch.
        await flush()
    }

    /// Writes the queue in a task of its own: the service group cancels its tasks once the HTTP server has
    /// returned, and a cancelled write would leave the batch queued and lost at exit.
    private func flush() async {
        await Task.detached { [self] in await write() }.value
    }

    private func write() async {
        let dropped = reading.takeDropReport()
        if dropped > 0 {
            logger.warning("reading queue full: reads dropped", metadata: ["dropped": "\(dropped)", "dropped_since_start": "\(reading.droppedCount)"])
        }
        let count = reading.pendingCount, visits = reading.pendingVisitCount
        guard count > 0 || visits > 0 else { return }
        do {
            try await reading.flush()
            logger.debug("reading events written", metadata: ["count": "\(count)", "visit_counts": "\(visits)"])
        } catch {
            logger.error("writing reading events failed", metadata: ["error": "\(String(reflecting: error))", "queued": "\(count)"])
        }
    }
}
