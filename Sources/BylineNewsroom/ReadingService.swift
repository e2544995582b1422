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
///
/// Anonymous traffic cannot grow it without bound (docs/RECOMMENDATIONS.md, "Bounds"): a reader Byline does not
/// know yet costs a visit count per article and hour and a place among the newcomers, not a row; readers,
/// newcomers and both queues have fixed capacities (``Limits``), and a repeat read within
/// ``repeatWindow`` records nothing.
public final class ReadingService: Sendable {
    /// The fixed capacities behind the bounds.
    public struct Limits: Sendable, Hashable {
        /// Readers whose recent reads are kept in memory; the least recently active is forgotten first (their
        /// rows stay in the log until the retention ends).
        public var readers = 50_000
        /// New readers whose first read is held until they come back with the cookie; the oldest go first.
        public var newcomers = 20_000
        /// Reads waiting to be written; beyond it new reads are dropped and counted (``droppedCount``).
        public var pendingReads = 20_000
        /// Visit counts (article and hour) waiting to be written; beyond it visits are dropped and counted.
        public var pendingVisits = 10_000
        /// Rows per transaction when the queues are written, so an editor's write never waits behind a long one.
        public var batchSize = 250

        /// The defaults.
        public init() {}
    }

    /// Each known reader's count of reads seen by this process and their block generation: the "is this a
    /// returning reader" question costs a lookup instead of a history copy.
    private struct KnownReader {
        var reads: Int
        /// Moves when what the reader's personal block may show changes (see ``blockGeneration(of:)``).
        var generation: UInt64
    }
    /// The first read of a reader not known yet, held until they come back.
    private struct FirstRead {
        var article: ArticleID
        var at: Date
    }
    private struct VisitKey: Hashable {
        var article: ArticleID
        var hour: Int
    }
    private struct State {
        var model: ReadingModel
        var readers: LRUTable<ReaderID, KnownReader>
        var newcomers: LRUTable<ReaderID, FirstRead>
        var pending: [ReadingRecord] = []
        var pendingVisits: [VisitKey: Int] = [:]
        var dropped = 0
        var droppedReported = 0
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
    /// The capacities in force.
    public let limits: Limits
    let recommender = Recommender()
    /// A second read of the same story by the same reader within this interval is not a new read.
    public static let repeatWindow: TimeInterval = 30 * 60

    /// A service with an empty model; call ``load(now:logger:)`` before serving.
    public init(log: any ReadingLog, retention: TimeInterval, model: ReadingModelConfiguration = ReadingModelConfiguration(),
                limits: Limits = Limits()) {
        self.log = log
        self.retention = retention
        self.limits = limits
        self.state = Mutex(State(model: ReadingModel(configuration: model), readers: LRUTable(capacity: limits.readers),
                                 newcomers: LRUTable(capacity: limits.newcomers)))
    }

    /// Loads the reads of the retention window (and the visit counts "most read" can use) from the log into the
    /// model; only the most recently active readers stay in memory.
    /// - Throws: when the log cannot be read.
    public func load(now: Date, logger: Logger? = nil) async throws {
        let records = try await log.records(since: now.addingTimeInterval(-retention))
        let visits = try await log.visits(since: now.addingTimeInterval(-state.withLock { $0.model.configuration.mostReadRetention }))
        state.withLock { state in
            for record in records {
                Self.record(ReaderID(record.reader), record.article, record.at, in: &state, limits: limits, enqueue: false)
            }
            for visit in visits { state.model.recordVisits(of: visit.article, at: visit.hour, count: visit.count) }
        }
        logger?.info("reading history loaded", metadata: ["events": "\(records.count)", "visit_counts": "\(visits.count)"])
    }

    /// What became of a read.
    public enum ReadOutcome: Sendable, Hashable {
        /// The reader is not known yet: counted as a visit; the read is held until they come back with the cookie.
        case visit
        /// Recorded in the reader's history and queued for the log.
        case recorded
        /// The reader read this story within ``ReadingService/repeatWindow``: nothing recorded.
        case repeated
    }

    /// A read on the site. `returning` says the request carried the reader cookie: a reader counts (and their
    /// history starts, with the read that brought them) from the second request that carries the cookie Byline
    /// set. A request without it, or with an id Byline does not remember (forged, or forgotten to make room),
    /// only counts a visit.
    @discardableResult
    public func observe(reader: ReaderID, returning: Bool, article: ArticleID, at: Date) -> ReadOutcome {
        state.withLock { state in
            if returning {
                if state.readers.contains(reader) {
                    return Self.record(reader, article, at, in: &state, limits: limits) ? .recorded : .repeated
                }
                if let first = state.newcomers.removeValue(forKey: reader) {
                    Self.record(reader, first.article, first.at, in: &state, limits: limits)
                    Self.record(reader, article, at, in: &state, limits: limits)
                    return .recorded
                }
            }
            Self.countVisit(article, at, in: &state, limits: limits)
            state.newcomers.set(FirstRead(article: article, at: at), for: reader)
            return .visit
        }
    }

    /// Records a read by a known reader unless they read the story within ``repeatWindow``; returns whether it
    /// was recorded. (The site goes through ``observe(reader:returning:article:at:)``.)
    @discardableResult
    public func record(reader: ReaderID, article: ArticleID, at: Date) -> Bool {
        state.withLock { Self.record(reader, article, at, in: &$0, limits: limits) }
    }

    @discardableResult
    private static func record(_ reader: ReaderID, _ article: ArticleID, _ at: Date, in state: inout State, limits: Limits,
                               enqueue: Bool = true) -> Bool {
        let known = state.readers.use(reader)
        if known != nil, let last = state.model.lastRead(reader, article), abs(at.timeIntervalSince(last)) < repeatWindow {
            return false
        }
        let reads = (known?.reads ?? 0) + 1
        // A story new to the history, or the second read (the block's heading turns personal), changes the block.
        let changesBlock = reads == 2 || !state.model.hasRead(reader, article)
        let generation = changesBlock ? state.stamp() : (known?.generation ?? state.stamp())
        if let evicted = state.readers.set(KnownReader(reads: reads, generation: generation), for: reader) {
            state.model.forget(evicted.key)
        }
        state.model.record(ReadingEvent(reader: reader, article: article, at: at))
        if enqueue {
            if state.pending.count < limits.pendingReads {
                state.pending.append(ReadingRecord(reader: reader.rawValue, article: article, at: at))
            } else {
                state.dropped += 1
            }
        }
        return true
    }

    private static func countVisit(_ article: ArticleID, _ at: Date, in state: inout State, limits: Limits) {
        state.model.recordVisits(of: article, at: at)
        let key = VisitKey(article: article, hour: Int((at.timeIntervalSince1970 / 3_600).rounded(.down)))
        if state.pendingVisits[key] != nil || state.pendingVisits.count < limits.pendingVisits {
            state.pendingVisits[key, default: 0] += 1
        } else {
            state.dropped += 1
        }
    }

    /// Whether the reader is known: their reads are recorded and their block is their own.
    public func isKnown(_ reader: ReaderID) -> Bool {
        state.withLock { $0.readers.contains(reader) }
    }

    /// How many reads of this reader are remembered (0 for a reader not known), at no more cost than a lookup.
    public func readCount(of reader: ReaderID) -> Int {
        state.withLock { $0.readers.peek(reader)?.reads ?? 0 }
    }

    /// A stamp that changes whenever the reader's personal block may have to change: a read of a story not
    /// yet in their history, their second read, or their history being cleared or pruned. 0 for a reader
    /// with no history. Costs a lookup, so a rendered block can be reused while the stamp holds.
    public func blockGeneration(of reader: ReaderID) -> UInt64 {
        state.withLock { $0.readers.peek(reader)?.generation ?? 0 }
    }

    /// Those of `articles` the reader has not read (within the remembered history).
    public func unread(_ articles: [ArticleID], by reader: ReaderID) -> Set<ArticleID> {
        state.withLock { state in Set(articles.filter { !state.model.hasRead(reader, $0) }) }
    }

    /// The reader's remembered reads, most recent first (at most the model's history length).
    public func history(of reader: ReaderID) -> [(article: ArticleID, at: Date)] {
        state.withLock { $0.model.history(of: reader) }
    }

    /// Everything kept about the reader's reads, most recent first, at most `limit`: the log, the reads not yet
    /// written and a first read held until they come back. Unlike ``history(of:)`` it does not depend on the
    /// reader still being in memory.
    /// - Throws: when the log cannot be read.
    public func storedHistory(of reader: ReaderID, limit: Int = 200) async throws -> [(article: ArticleID, at: Date)] {
        let (queued, first) = state.withLock { state in
            (state.pending.filter { $0.reader == reader.rawValue }, state.newcomers.peek(reader))
        }
        let stored = try await log.records(reader: reader.rawValue)
        var reads = (queued + stored).map { (article: $0.article, at: $0.at) }
        if let first { reads.append((first.article, first.at)) }
        return Array(reads.sorted { $0.at > $1.at }.prefix(limit))
    }

    /// Forgets everything about one reader: the model, the queue and the log.
    /// - Throws: when the log cannot be written.
    public func forget(_ reader: ReaderID) async throws {
        state.withLock { state in
            state.model.forget(reader)
            state.readers.removeValue(forKey: reader)
            state.newcomers.removeValue(forKey: reader)
            state.pending.removeAll { $0.reader == reader.rawValue }
        }
        try await log.deleteRecords(reader: reader.rawValue)
    }

    /// Reads waiting to be written.
    public var pendingCount: Int { state.withLock { $0.pending.count } }

    /// Visit counts (article and hour) waiting to be written.
    public var pendingVisitCount: Int { state.withLock { $0.pendingVisits.count } }

    /// Reads and visits dropped because their queue was full, since start.
    public var droppedCount: Int { state.withLock { $0.dropped } }

    /// Reads and visits dropped since the last call (for the writer's log line).
    public func takeDropReport() -> Int {
        state.withLock { state in
            defer { state.droppedReported = state.dropped }
            return state.dropped - state.droppedReported
        }
    }

    /// Readers and newcomers held in memory.
    public var memoryCounts: (readers: Int, newcomers: Int) {
        state.withLock { ($0.readers.count, $0.newcomers.count) }
    }

    /// Writes the queued reads and visit counts to the log, ``Limits/batchSize`` rows per transaction, letting
    /// other writers in between; on failure the batch goes back to the front of its queue for the next try.
    /// - Throws: the log's error.
    public func flush() async throws {
        while true {
            let batch = state.withLock { state -> [ReadingRecord] in
                let n = min(limits.batchSize, state.pending.count)
                defer { state.pending.removeFirst(n) }
                return Array(state.pending.prefix(n))
            }
            guard !batch.isEmpty else { break }
            do {
                try await log.append(batch)
            } catch {
                state.withLock { state in
                    state.pending.insert(contentsOf: batch, at: 0)
                    let over = state.pending.count - limits.pendingReads
                    if over > 0 { state.pending.removeLast(over); state.dropped += over }
                }
                throw error
            }
            await Task.yield()
        }
        let visits = state.withLock { state -> [VisitCount] in
            defer { state.pendingVisits.removeAll(keepingCapacity: true) }
            return state.pendingVisits.map { VisitCount(article: $0.key.article, hour: Date(timeIntervalSince1970: Double($0.key.hour) * 3_600),
                                                        count: $0.value) }
        }
        var start = 0
        while start < visits.count {
            let end = min(start + limits.batchSize, visits.count)
            do {
                try await log.addVisits(Array(visits[start..<end]))
            } catch {
                state.withLock { state in
                    for visit in visits[start...] {
                        let key = VisitKey(article: visit.article, hour: Int((visit.hour.timeIntervalSince1970 / 3_600).rounded(.down)))
                        state.pendingVisits[key, default: 0] += visit.count
                    }
                }
                throw error
            }
            start = end
            await Task.yield()
        }
    }

    /// Drops history older than the retention window from the model and the log.
    /// - Throws: when the log cannot be written.
    public func prune(now: Date) async throws {
        let cutoff = now.addingTimeInterval(-retention)
        state.withLock { state in
            state.model.prune(historyBefore: cutoff)
            // Pruned reads may be recommended again: every remaining reader's block is due for a new look.
            var readers = state.readers
            state.readers = LRUTable(capacity: 1) // `readers` stays the table's only owner: no copy
            var next = state.nextGeneration
            let model = state.model
            readers.updateAll { reader, known in
                guard let latest = model.latestReadTime(of: reader), latest >= cutoff else { return nil }
                defer { next &+= 1 }
                return KnownReader(reads: known.reads, generation: next)
            }
            state.readers = readers
            state.nextGeneration = next
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
