import Foundation
import BylineCore

/// An anonymous reader: the random id from the reader's cookie, never a person's identity.
public struct ReaderID: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The id as stored in the cookie.
    public var rawValue: String
    /// Wraps a cookie value.
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }
}

/// One article read by one reader at one time.
public struct ReadingEvent: Hashable, Sendable, Codable {
    /// Who read.
    public var reader: ReaderID
    /// What they read.
    public var article: ArticleID
    /// When.
    public var at: Date

    /// Makes an event.
    public init(reader: ReaderID, article: ArticleID, at: Date) {
        self.reader = reader; self.article = article; self.at = at
    }
}

/// Settings of the reading model: what counts as co-reading and how fast signals fade.
public struct ReadingModelConfiguration: Hashable, Sendable {
    /// Two reads by one reader count as co-reading when at most this far apart (a session).
    public var coReadWindow: TimeInterval = 30 * 60
    /// Each read pairs with at most this many of the reader's previous reads (the next read counts
    /// fully, the one after half).
    public var coReadDepth: Int = 2
    /// Weight of a pair (earlier → later) in the reverse direction (later → earlier); 0: co-reading
    /// is sequential ("went on to read"), which validated better than symmetric.
    public var reverseWeight: Double = 0
    /// Half-life of co-reading evidence. Shares, not counts, are used, so a short half-life does
    /// not lose evidence on a quiet site; it weights what readers go on to read now.
    public var coReadHalfLife: TimeInterval = 30 * 60
    /// Half-life of a second, slower co-reading memory kept beside the first (0: none). A short
    /// ``coReadHalfLife`` follows what readers go on to read right now; the slow memory still
    /// knows articles with no recent co-reading. The recommender blends the two.
    public var slowCoReadHalfLife: TimeInterval = 24 * 3_600
    /// Half-life of trending popularity. Five minutes suits a portal with thousands of reads a
    /// minute (validated on the Globo log); a small site may want a longer one for a steadier list.
    public var popularityHalfLife: TimeInterval = 5 * 60
    /// Reads kept per reader (history shown to and cleared by the reader, and excluded from lists).
    public var historyLength: Int = 200
    /// How long raw reads are kept for "most read" windows; also the longest window it can answer.
    public var mostReadRetention: TimeInterval = 7 * 86_400
    /// How often (in event time) the trending shortlist is recomputed.
    public var trendingRefreshInterval: TimeInterval = 60
    /// Length of the trending shortlist.
    public var trendingShortlist: Int = 300
    /// A reader counts towards an article's "most read" figure at most once in this span (the site's "Most read"
    /// window): the figure is distinct readers, so one client re-reading a story cannot push it up. 0: every read
    /// counts. Judged from the reader's remembered history (``historyLength`` reads).
    public var mostReadOncePer: TimeInterval = 86_400
    /// The most reads kept for "most read" windows; the oldest go first beyond it (12 bytes each).
    public var mostReadCapacity: Int = 2_000_000

    /// The defaults.
    public init() {}
}

/// An in-memory model of reading: per-reader recent history, time-decayed item-to-item co-reading,
/// time-decayed popularity (trending) and raw recent reads ("most read").
///
/// Pure and incremental: feed it events with ``record(_:)`` in roughly time order (the web app
/// replays stored events at start-up, then feeds new ones in batches). Decays use one moving
/// exponential scale, so recording is O(co-read depth) and nothing is recomputed per event.
public struct ReadingModel: Sendable {
    /// The settings.
    public let configuration: ReadingModelConfiguration

    struct History: Sendable {
        var items: [Int32] = []
        var times: [Double] = []
    }

    private(set) var articles: [ArticleID] = []
    private var itemIndex: [ArticleID: Int32] = [:]
    private(set) var firstSeen: [Double] = []
    /// Decayed popularity in units of `exp(popularityRate * (t - origin))`.
    private(set) var popularity: [Double] = []
    /// Directional co-reading weights, in units of `exp(coReadRate * (t - origin))`.
    private(set) var coRead: [[Int32: Float]] = []
    private(set) var coReadTotal: [Double] = []
    /// The slow co-reading memory, in units of `exp(slowCoReadRate * (t - origin))` (empty when off).
    private(set) var slowCoRead: [[Int32: Float]] = []
    private(set) var slowCoReadTotal: [Double] = []
    private var readers: [ReaderID: History] = [:]
    private var logTimes: [Double] = []
    private var logItems: [Int32] = []
    private var logHead = 0
    /// First visits of readers not yet known (no history, no reader id), per hour (Unix hour) and article: the
    /// tie-break of "most read". Kept for ``ReadingModelConfiguration/mostReadRetention``.
    private var visitsByHour: [Int: [Int32: Int]] = [:]
    private(set) var trendingList: [Int32] = []
    private var lastRefresh = -Double.infinity
    private var origin: Double?
    /// The latest event time seen.
    public private(set) var latestEventTime: Date?

    let popularityRate: Double
    let coReadRate: Double
    let slowCoReadRate: Double

    /// Whether the slow co-reading memory is kept.
    var hasSlowCoRead: Bool { configuration.slowCoReadHalfLife > 0 }

    /// Makes an empty model.
    public init(configuration: ReadingModelConfiguration = ReadingModelConfiguration()) {
        self.configuration = configuration
        self.popularityRate = log(2) / max(1, configuration.popularityHalfLife)
        self.coReadRate = log(2) / max(1, configuration.coReadHalfLife)
        self.slowCoReadRate = log(2) / max(1, configuration.slowCoReadHalfLife)
    }

    /// The number of distinct articles read.
    public var articleCount: Int { articles.count }
    /// The number of readers with a remembered history.
    public var readerCount: Int { readers.count }

    /// Adds `weight` to "read `earlier`, then `item`" in one co-reading matrix (the fast or the slow one), and
    /// `reverse` times it the other way round.
    private static func addCoRead(_ weight: Double, from earlier: Int32, to item: Int32, reverse: Double,
                                  into matrix: inout [[Int32: Float]], totals: inout [Double]) {
        matrix[Int(earlier)][item, default: 0] += Float(weight)
        totals[Int(earlier)] += weight
        let back = weight * reverse
        if back > 0 {
            matrix[Int(item)][earlier, default: 0] += Float(back)
            totals[Int(item)] += back
        }
    }

    /// Records one read.
    public mutating func record(_ event: ReadingEvent) {
        let t = event.at.timeIntervalSince1970
        rebaseIfNeeded(at: t)
        let base = origin ?? t
        let item = index(of: event.article, at: t)
        popularity[Int(item)] += exp(popularityRate * (t - base))

        var history = readers.removeValue(forKey: event.reader) ?? History()
        let countsForMostRead = configuration.mostReadOncePer <= 0
            || Self.lastTime(of: item, in: history).map { t - $0 >= configuration.mostReadOncePer } ?? true
        if !history.items.contains(item) {
            let scale = exp(coReadRate * (t - base))
            let slowScale = hasSlowCoRead ? exp(slowCoReadRate * (t - base)) : 0
            var depth = 0
            var k = history.items.count - 1
            while k >= 0 && depth < configuration.coReadDepth {
                if abs(t - history.times[k]) > configuration.coReadWindow { break }
                depth += 1
                let earlier = history.items[k]
                let reverse = configuration.reverseWeight
                Self.addCoRead(scale / Double(depth), from: earlier, to: item, reverse: reverse,
                               into: &coRead, totals: &coReadTotal)
                if hasSlowCoRead {
                    Self.addCoRead(slowScale / Double(depth), from: earlier, to: item, reverse: reverse,
                                   into: &slowCoRead, totals: &slowCoReadTotal)
                }
                k -= 1
            }
        }
        history.items.append(item)
        history.times.append(t)
        if history.items.count > configuration.historyLength {
            let extra = history.items.count - configuration.historyLength
            history.items.removeFirst(extra)
            history.times.removeFirst(extra)
        }
        readers[event.reader] = history

        if countsForMostRead {
            logTimes.append(t)
            logItems.append(item)
        }
        let keepAfter = t - configuration.mostReadRetention
        while logHead < logTimes.count && logTimes[logHead] < keepAfter { logHead += 1 }
        logHead = max(logHead, logTimes.count - max(1, configuration.mostReadCapacity))
        if logHead > 4096 && logHead * 2 > logTimes.count {
            logTimes.removeFirst(logHead); logItems.removeFirst(logHead); logHead = 0
        }
        if latestEventTime.map({ event.at > $0 }) ?? true { latestEventTime = event.at }
        if t >= lastRefresh + configuration.trendingRefreshInterval { refreshTrending(at: t) }
    }

    /// Counts `count` first visits of `article` at `at` by readers Byline does not know yet: they break ties in
    /// "most read" and nothing else (a reader is counted there once they come back).
    public mutating func recordVisits(of article: ArticleID, at: Date, count: Int = 1) {
        let t = at.timeIntervalSince1970
        let item = index(of: article, at: t)
        let hour = Int((t / 3_600).rounded(.down))
        visitsByHour[hour, default: [:]][item, default: 0] += count
        let oldest = Int(((t - configuration.mostReadRetention) / 3_600).rounded(.down))
        if visitsByHour.count > Int(configuration.mostReadRetention / 3_600) + 2 {
            visitsByHour = visitsByHour.filter { $0.key >= oldest }
        }
    }

    /// When the reader last read anything (within the remembered history).
    public func latestReadTime(of reader: ReaderID) -> Date? {
        readers[reader]?.times.last.map { Date(timeIntervalSince1970: $0) }
    }

    /// When the reader last read `article` (within the remembered history).
    public func lastRead(_ reader: ReaderID, _ article: ArticleID) -> Date? {
        guard let h = readers[reader], let i = itemIndex[article] else { return nil }
        return Self.lastTime(of: i, in: h).map { Date(timeIntervalSince1970: $0) }
    }

    private static func lastTime(of item: Int32, in history: History) -> Double? {
        history.items.lastIndex(of: item).map { history.times[$0] }
    }

    /// Records many reads in order.
    public mutating func record<S: Sequence>(contentsOf events: S) where S.Element == ReadingEvent {
        for e in events { record(e) }
    }

    /// Forgets a reader's history (the reader cleared it); aggregate counts stay, as they are anonymous.
    public mutating func forget(_ reader: ReaderID) { readers[reader] = nil }

    /// Drops reader history older than `cutoff` (retention, e.g. 90 days) and readers left with
    /// none; aggregate co-reading and popularity stay, as they are anonymous and decay anyway.
    public mutating func prune(historyBefore cutoff: Date) {
        let limit = cutoff.timeIntervalSince1970
        for (reader, history) in readers {
            guard let first = history.times.first, first < limit else { continue }
            let keep = history.times.firstIndex { $0 >= limit } ?? history.times.count
            if keep == history.times.count {
                readers[reader] = nil
            } else {
                readers[reader] = History(items: Array(history.items[keep...]), times: Array(history.times[keep...]))
            }
        }
    }

    /// The reader's remembered reads, most recent first.
    public func history(of reader: ReaderID) -> [(article: ArticleID, at: Date)] {
        guard let h = readers[reader] else { return [] }
        return zip(h.items, h.times).reversed().map { (articles[Int($0.0)], Date(timeIntervalSince1970: $0.1)) }
    }

    /// Whether the reader has read `article` (within the remembered history).
    public func hasRead(_ reader: ReaderID, _ article: ArticleID) -> Bool {
        guard let h = readers[reader], let i = itemIndex[article] else { return false }
        return h.items.contains(i)
    }

    /// The most read articles in `window` (24 hours by default) before `now`, with their counts of readers
    /// (each reader counts once per ``ReadingModelConfiguration/mostReadOncePer``), most read first. Ties go to
    /// more first visits by readers not yet known (``recordVisits(of:at:count:)``, by the hour),
    /// then to the article first read more recently. Windows longer than
    /// ``ReadingModelConfiguration/mostReadRetention`` are cut to it.
    public func mostRead(window: TimeInterval = 86_400, now: Date, limit: Int = 10,
                         where include: (ArticleID) -> Bool = { _ in true }) -> [(article: ArticleID, reads: Int)] {
        let end = now.timeIntervalSince1970
        let start = end - window
        var counts = [Int32](repeating: 0, count: articles.count)
        var touched: [Int32] = []
        var i = logTimes.count - 1
        // The log is in arrival order; allow events up to one co-read window out of time order.
        while i >= logHead {
            let t = logTimes[i]
            if t < start - configuration.coReadWindow { break }
            if t >= start && t <= end {
                let item = logItems[i]
                if counts[Int(item)] == 0 { touched.append(item) }
                counts[Int(item)] += 1
            }
            i -= 1
        }
        var visits: [Int32: Int] = [:]
        if !touched.isEmpty {
            let first = Int((start / 3_600).rounded(.down)), last = Int((end / 3_600).rounded(.down))
            for (hour, perItem) in visitsByHour where hour >= first && hour <= last {
                for (item, n) in perItem where counts[Int(item)] > 0 { visits[item, default: 0] += n }
            }
        }
        let ranked = touched.filter { include(articles[Int($0)]) }.sorted { a, b in
            if counts[Int(a)] != counts[Int(b)] { return counts[Int(a)] > counts[Int(b)] }
            let va = visits[a] ?? 0, vb = visits[b] ?? 0
            if va != vb { return va > vb }
            return firstSeen[Int(a)] > firstSeen[Int(b)]
        }
        return ranked.prefix(max(0, limit)).map { item in (articles[Int(item)], Int(counts[Int(item)])) }
    }

    /// Trending articles at the time of the latest refresh: decayed popularity, highest first, with
    /// scores relative to the top one (0...1).
    public func trending(limit: Int, where include: (ArticleID) -> Bool = { _ in true }) -> [(article: ArticleID, score: Double)] {
        let top = trendingList.first.map { popularity[Int($0)] } ?? 0
        guard top > 0 else { return [] }
        var out: [(ArticleID, Double)] = []
        for item in trendingList where out.count < limit {
            let id = articles[Int(item)]
            if include(id) { out.append((id, popularity[Int(item)] / top)) }
        }
        return out
    }

    /// Articles co-read with `article`, strongest first, with the share of its co-reading each takes.
    public func coReadNeighbours(of article: ArticleID, limit: Int) -> [(article: ArticleID, share: Double)] {
        guard let i = itemIndex[article], coReadTotal[Int(i)] > 0 else { return [] }
        var top = TopK<Int32>(capacity: limit)
        for (j, w) in coRead[Int(i)] { top.insert(Double(w), j) }
        let total = coReadTotal[Int(i)]
        return top.sorted().map { (articles[Int($0.1)], $0.0 / total) }
    }

    // MARK: Internals shared with the recommender

    func itemID(_ article: ArticleID) -> Int32? { itemIndex[article] }
    func historyItems(of reader: ReaderID) -> (items: [Int32], times: [Double])? {
        readers[reader].map { ($0.items, $0.times) }
    }

    private mutating func index(of article: ArticleID, at t: Double) -> Int32 {
        if let i = itemIndex[article] { return i }
        let i = Int32(articles.count)
        itemIndex[article] = i
        articles.append(article)
        firstSeen.append(t)
        popularity.append(0)
        coRead.append([:])
        coReadTotal.append(0)
        if hasSlowCoRead { slowCoRead.append([:]); slowCoReadTotal.append(0) }
        return i
    }

    /// Recomputes the trending shortlist (top popularity); O(articles).
    private mutating func refreshTrending(at t: Double) {
        lastRefresh = t
        var top = TopK<Int32>(capacity: configuration.trendingShortlist)
        for (i, p) in popularity.enumerated() where p > 0 && p > top.threshold { top.insert(p, Int32(i)) }
        trendingList = top.sorted().map(\.1)
    }

    /// Moves the decay origin forward before the exponential scales overflow (every few months).
    private mutating func rebaseIfNeeded(at t: Double) {
        guard let o = origin else { origin = t; return }
        guard coReadRate * (t - o) > 30 || popularityRate * (t - o) > 300
                || (hasSlowCoRead && slowCoReadRate * (t - o) > 30) else { return }
        let popShrink = exp(-popularityRate * (t - o))
        let coShrink = exp(-coReadRate * (t - o))
        for i in popularity.indices { popularity[i] *= popShrink }
        for i in coRead.indices {
            coReadTotal[i] *= coShrink
            for (j, w) in coRead[i] { coRead[i][j] = Float(Double(w) * coShrink) }
        }
        let slowShrink = exp(-slowCoReadRate * (t - o))
        for i in slowCoRead.indices {
            slowCoReadTotal[i] *= slowShrink
            for (j, w) in slowCoRead[i] { slowCoRead[i][j] = Float(Double(w) * slowShrink) }
        }
        origin = t
    }

    /// The factor that turns stored co-reading weights into decayed reads at time `t`.
    func coReadScale(at t: Double) -> Double {
        exp(coReadRate * ((origin ?? t) - t))
    }

    /// The factor that turns stored slow co-reading weights into decayed reads at time `t`.
    func slowCoReadScale(at t: Double) -> Double {
        exp(slowCoReadRate * ((origin ?? t) - t))
    }

    /// The current value of a stored popularity at time `t`, in reads.
    func decayedPopularity(_ item: Int32, at t: Double) -> Double {
        popularity[Int(item)] * exp(popularityRate * ((origin ?? t) - t))
    }
}
