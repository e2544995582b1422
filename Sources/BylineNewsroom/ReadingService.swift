import Foundation
import Synchronization
import Logging
import BylineCore
import BylineStore
import BylineRank

/// First-party reading history and what is built on it: personal recommendations and "Most read".
///
/// Reads are recorded in memory (the ``ReadingModel``) on the request path and queued; the
/// ``ReadingEventWriter`` service writes the queue to the ``ReadingLog`` in batches, off the request path,
/// and once more on graceful shutdown. At start-up the model is loaded from the log (the retention window).
public final class ReadingService: Sendable {
    /// Each reader's latest read and how many reads this process has seen: the reload check and the
    /// "is this a returning reader" question cost a dictionary lookup instead of a history copy.
    private struct Latest {
        var article: ArticleID
        var at: Date
        var reads: Int
        /// Moves when what the reader's personal block may show changes (see ``blockGeneration(of:)``).
        var generation: UInt64
    }
    private struct State {
        var model: ReadingModel
        var pending: [ReadingRecord] = []
        var latest: [ReaderID: Latest] = [:]
        /// The next generation stamp; stamps start at 1, so a reader with none (0) never matches an old stamp.
        var nextGeneration: UInt64 = 1

        mutating func stamp() -> UInt64 {
            defer { nextGeneration &+= 1 }
            return nextGeneration
        }
    }
    private let state: Mutex<State>
    /// Where reads are persisted.
    public let log: any ReadingLog
    /// How long reading history is kept.
    public let retention: TimeInterval
    let recommender = Recommender()
    /// A reload of the same story within this interval is not a new read.
    static let reloadInterval: TimeInterval = 30 * 60

    /// A service with an empty model; call ``load(now:logger:)`` before serving.
    public init(log: any ReadingLog, retention: TimeInterval, model: ReadingModelConfiguration = ReadingModelConfiguration()) {
        self.log = log
        self.retention = retention
        self.state = Mutex(State(model: ReadingModel(configuration: model)))
    }

    /// Loads the reads of the retention window from the log into the model.
    /// - Throws: when the log cannot be read.
    public func load(now: Date, logger: Logger? = nil) async throws {
        let records = try await log.records(since: now.addingTimeInterval(-retention))
        state.withLock { state in
            state.model.record(contentsOf: records.map { ReadingEvent(reader: ReaderID($0.reader), article: $0.article, at: $0.at) })
            for record in records {
                let reader = ReaderID(record.reader)
                state.latest[reader] = Latest(article: record.article, at: record.at, reads: (state.latest[reader]?.reads ?? 0) + 1,
                                              generation: state.stamp())
            }
        }
        logger?.info("reading history loaded", metadata: ["events": "\(records.count)"])
    }

    /// Records a read unless it is a reload of the reader's latest story; returns whether it was recorded.
    @discardableResult
    public func record(reader: ReaderID, article: ArticleID, at: Date) -> Bool {
        state.withLock { state in
            let last = state.latest[reader]
            if let last, last.article == article, at.timeIntervalSince(last.at) < Self.reloadInterval {
                return false
            }
            let reads = (last?.reads ?? 0) + 1
            // A story new to the history, or the second read (the block's heading turns personal), changes the block.
            let changesBlock = reads == 2 || !state.model.hasRead(reader, article)
            let generation = changesBlock ? state.stamp() : (last?.generation ?? state.stamp())
            state.latest[reader] = Latest(article: article, at: at, reads: reads, generation: generation)
            state.model.record(ReadingEvent(reader: reader, article: article, at: at))
            state.pending.append(ReadingRecord(reader: reader.rawValue, article: article, at: at))
            return true
        }
    }

    /// How many reads of this reader are remembered (0 for a new reader), at no more cost than a lookup.
    public func readCount(of reader: ReaderID) -> Int {
        state.withLock { $0.latest[reader]?.reads ?? 0 }
    }

    /// A stamp that changes whenever the reader's personal block may have to change: a read of a story not
    /// yet in their history, their second read, or their history being cleared or pruned. 0 for a reader
    /// with no history. Costs a lookup, so a rendered block can be reused while the stamp holds.
    public func blockGeneration(of reader: ReaderID) -> UInt64 {
        state.withLock { $0.latest[reader]?.generation ?? 0 }
    }

    /// Those of `articles` the reader has not read (within the remembered history).
    public func unread(_ articles: [ArticleID], by reader: ReaderID) -> Set<ArticleID> {
        state.withLock { state in Set(articles.filter { !state.model.hasRead(reader, $0) }) }
    }

    /// The reader's remembered reads, most recent first.
    public func history(of reader: ReaderID) -> [(article: ArticleID, at: Date)] {
        state.withLock { $0.model.history(of: reader) }
    }

    /// Forgets everything about one reader: the model, the queue and the log.
    /// - Throws: when the log cannot be written.
    public func forget(_ reader: ReaderID) async throws {
        state.withLock { state in
            state.model.forget(reader)
            state.latest[reader] = nil
            state.pending.removeAll { $0.reader == reader.rawValue }
        }
        try await log.deleteRecords(reader: reader.rawValue)
    }

    /// Reads waiting to be written.
    public var pendingCount: Int { state.withLock { $0.pending.count } }

    /// Writes the queued reads to the log in one batch; on failure they stay queued for the next try.
    /// - Throws: the log's error.
    public func flush() async throws {
        let batch = state.withLock { state -> [ReadingRecord] in
            defer { state.pending.removeAll(keepingCapacity: true) }
            return state.pending
        }
        guard !batch.isEmpty else { return }
        do {
            try await log.append(batch)
        } catch {
            state.withLock { $0.pending.insert(contentsOf: batch, at: 0) }
            throw error
        }
    }

    /// Drops history older than the retention window from the model and the log.
    /// - Throws: when the log cannot be written.
    public func prune(now: Date) async throws {
        let cutoff = now.addingTimeInterval(-retention)
        state.withLock { state in
            state.model.prune(historyBefore: cutoff)
            // Pruned reads may be recommended again: every remaining reader's block is due for a new look.
            var kept: [ReaderID: Latest] = [:]
            for (reader, var latest) in state.latest where latest.at >= cutoff {
                latest.generation = state.stamp()
                kept[reader] = latest
            }
            state.latest = kept
        }
        try await log.prune(before: cutoff)
    }

    /// The most read stories in `window` before `now` for which `include` holds, most read first.
    public func mostRead(window: TimeInterval, now: Date, limit: Int,
                         where include: (ArticleID) -> Bool) -> [(article: ArticleID, reads: Int)] {
        state.withLock { $0.model.mostRead(window: window, now: now, limit: limit, where: include) }
    }

    /// Personal recommendations (trending in the section for a new or anonymous reader); never what the
    /// reader read or what `request.alreadyShown` holds.
    public func recommend(_ request: RecommendationRequest, catalog: RelatedIndex) -> [Recommendation] {
        state.withLock { recommender.recommend(request, model: $0.model, catalog: catalog) }
    }
}
