import Foundation
import BylineCore

/// One click of a session-based click log (the Globo.com format, reduced to what ranking needs).
public struct Click: Hashable, Sendable {
    /// The user (an anonymous reader).
    public var user: Int64
    /// The session.
    public var session: Int64
    /// When the session started, in milliseconds since 1970.
    public var sessionStart: Int64
    /// The clicked article.
    public var article: ArticleID
    /// When the click happened, in milliseconds since 1970.
    public var timestamp: Int64

    /// Makes a click.
    public init(user: Int64, session: Int64, sessionStart: Int64, article: ArticleID, timestamp: Int64) {
        self.user = user; self.session = session; self.sessionStart = sessionStart
        self.article = article; self.timestamp = timestamp
    }
}

/// What a predictor knows when asked for the next click of a test session.
public struct NextClickContext: Sendable {
    /// The user.
    public var user: Int64
    /// The session's clicks so far, oldest first (never empty).
    public var session: [ArticleID]
    /// The time of the click being predicted, in milliseconds; every earlier click has been observed.
    public var now: Int64

    /// Makes a context.
    public init(user: Int64, session: [ArticleID], now: Int64) {
        self.user = user; self.session = session; self.now = now
    }
}

/// A next-click recommender under evaluation: it observes every click in time order and ranks
/// the next click of test sessions from what it observed before.
public protocol NextClickPredictor {
    /// The names printed in results, one per ranking ``predictAll(_:k:)`` returns.
    var names: [String] { get }
    /// Learns from one click (training and test clicks alike, in time order).
    mutating func observe(_ click: Click)
    /// One ranking of the `k` best next articles (best first) per name; rankings must not contain
    /// the session's own clicks. Several rankings let variants share one trained model.
    func predictAll(_ context: NextClickContext, k: Int) -> [[ArticleID]]
}

/// The outcome of one evaluation.
public struct NextClickResult: Sendable {
    /// Metrics per predictor, in the order given.
    public var metrics: [(name: String, metrics: RankingMetrics)]
    /// Articles in the candidate pool at the end (seen in training or earlier in the test stream).
    public var catalogueSize: Int
    /// Test sessions evaluated (after sampling).
    public var sessions: Int
    /// Test sessions before sampling.
    public var sessionsBeforeSampling: Int
}

/// A time-based next-click evaluation: sessions starting before the cut are training, the rest
/// are test; every click is fed to every predictor in time order (so popularity and co-reading
/// update online the same way for all), and each test click after a session's first is predicted
/// just before it is fed.
public enum NextClickEvaluation {
    /// The time `fraction` of the way through the clicks' session-start span, in milliseconds.
    public static func cut(for clicks: [Click], fraction: Double) -> Int64 {
        guard let lo = clicks.map(\.sessionStart).min(), let hi = clicks.map(\.sessionStart).max() else { return 0 }
        return lo + Int64((Double(hi - lo) * fraction).rounded(.down))
    }

    /// Whether a session is in a deterministic 1-in-`every` sample (a fixed hash of its id).
    public static func isSampled(session: Int64, every: Int) -> Bool {
        guard every > 1 else { return true }
        return ShingleSketch.mix(UInt64(bitPattern: session)) % UInt64(every) == 0
    }

    /// Runs the evaluation. `clicks` may be in any order; they are fed by timestamp (ties in input order).
    public static func run(clicks: [Click], cut: Int64, predictors: inout [any NextClickPredictor], k: Int = 10,
                           sampleEvery: Int = 1, progress: ((Int, Int) -> Void)? = nil) -> NextClickResult {
        let order = clicks.indices.sorted {
            clicks[$0].timestamp != clicks[$1].timestamp ? clicks[$0].timestamp < clicks[$1].timestamp : $0 < $1
        }
        var metrics = predictors.map { $0.names.map { _ in RankingMetrics(k: k) } }
        var sessions: [Int64: [ArticleID]] = [:]
        var testSessions = Set<Int64>()
        var pool = Set<ArticleID>()
        for (n, index) in order.enumerated() {
            let click = clicks[index]
            if click.sessionStart >= cut {
                testSessions.insert(click.session)
                if isSampled(session: click.session, every: sampleEvery) {
                    let soFar = sessions[click.session] ?? []
                    if !soFar.isEmpty {
                        let context = NextClickContext(user: click.user, session: soFar, now: click.timestamp)
                        for i in predictors.indices {
                            for (j, ranking) in predictors[i].predictAll(context, k: k).enumerated() {
                                metrics[i][j].add(ranked: ranking, target: click.article)
                            }
                        }
                    }
                    sessions[click.session, default: []].append(click.article)
                }
            }
            pool.insert(click.article)
            for i in predictors.indices { predictors[i].observe(click) }
            if n % 100_000 == 0 { progress?(n, order.count) }
        }
        let named = zip(predictors, metrics).flatMap { p, m in zip(p.names, m).map { ($0, $1) } }
        return NextClickResult(metrics: named, catalogueSize: pool.count,
                               sessions: sessions.count, sessionsBeforeSampling: testSessions.count)
    }
}

// MARK: - Predictors

/// Dense integer ids for articles, so per-article state lives in arrays.
struct ArticleNumbering {
    private var index: [ArticleID: Int32] = [:]
    private(set) var articles: [ArticleID] = []

    /// The number of `article`, assigning the next one when it is new (`isNew` tells).
    mutating func number(_ article: ArticleID) -> (Int32, isNew: Bool) {
        if let i = index[article] { return (i, false) }
        let i = Int32(articles.count)
        index[article] = i
        articles.append(article)
        return (i, true)
    }

    func existing(_ article: ArticleID) -> Int32? { index[article] }
}

/// Baseline: the most clicked articles so far (the ranking refreshed every minute of stream time).
public struct MostPopularPredictor: NextClickPredictor {
    public let names = ["most popular (all time)"]
    private var numbering = ArticleNumbering()
    private var counts: [Double] = []
    private var ranking: [ArticleID] = []
    private var lastRefresh = Int64.min
    private let refreshMillis: Int64

    /// Makes the baseline.
    public init(refreshSeconds: Int = 60) { refreshMillis = Int64(refreshSeconds) * 1000 }

    public mutating func observe(_ click: Click) {
        let (i, isNew) = numbering.number(click.article)
        if isNew { counts.append(0) }
        counts[Int(i)] += 1
        if click.timestamp >= lastRefresh &+ refreshMillis {
            lastRefresh = click.timestamp
            var top = TopK<Int32>(capacity: 100)
            for (i, n) in counts.enumerated() where n > top.threshold { top.insert(n, Int32(i)) }
            ranking = top.sorted().map { numbering.articles[Int($0.1)] }
        }
    }

    public func predictAll(_ context: NextClickContext, k: Int) -> [[ArticleID]] {
        [Array(ranking.lazy.filter { !context.session.contains($0) }.prefix(k))]
    }
}

/// Baseline: the most clicked articles in the last `hours` before the click (refreshed every minute).
public struct RecentlyPopularPredictor: NextClickPredictor {
    public let names: [String]
    private var numbering = ArticleNumbering()
    private var counts: [Double] = []
    private var window: [(time: Int64, item: Int32)] = []
    private var head = 0
    private var ranking: [ArticleID] = []
    private var lastRefresh = Int64.min
    private let windowMillis: Int64
    private let refreshMillis: Int64

    /// Makes the baseline with a window of `hours`.
    public init(hours: Double, refreshSeconds: Int = 60) {
        let window = hours < 1 ? "\(Int((hours * 60).rounded())) min"
            : "\(hours.formatted(.number.precision(.fractionLength(0...2)))) h"
        names = ["most popular (last \(window))"]
        windowMillis = Int64(hours * 3_600_000)
        refreshMillis = Int64(refreshSeconds) * 1000
    }

    public mutating func observe(_ click: Click) {
        let (i, isNew) = numbering.number(click.article)
        if isNew { counts.append(0) }
        counts[Int(i)] += 1
        window.append((click.timestamp, i))
        if click.timestamp >= lastRefresh &+ refreshMillis {
            lastRefresh = click.timestamp
            let start = click.timestamp - windowMillis
            while head < window.count && window[head].time < start {
                counts[Int(window[head].item)] -= 1
                head += 1
            }
            if head > 100_000 { window.removeFirst(head); head = 0 }
            var top = TopK<Int32>(capacity: 100)
            for (i, n) in counts.enumerated() where n > 0 && n > top.threshold { top.insert(n, Int32(i)) }
            ranking = top.sorted().map { numbering.articles[Int($0.1)] }
        }
    }

    public func predictAll(_ context: NextClickContext, k: Int) -> [[ArticleID]] {
        [Array(ranking.lazy.filter { !context.session.contains($0) }.prefix(k))]
    }
}

/// Baseline: session item-kNN. Articles co-clicked in a session with the session's articles so
/// far, by cosine similarity of their session co-occurrence (`co(i,j) / sqrt(n_i n_j)`), summed.
public struct SessionItemKNNPredictor: NextClickPredictor {
    public let names = ["session item-kNN"]
    private var numbering = ArticleNumbering()
    private var sessionCounts: [Double] = []
    private var co: [[Int32: Int32]] = []
    private var sessions: [Int64: [Int32]] = [:]

    /// Makes the baseline.
    public init() {}

    public mutating func observe(_ click: Click) {
        let (item, isNew) = numbering.number(click.article)
        if isNew { sessionCounts.append(0); co.append([:]) }
        var items = sessions.removeValue(forKey: click.session) ?? []
        if !items.contains(item) {
            sessionCounts[Int(item)] += 1
            for other in items {
                co[Int(other)][item, default: 0] += 1
                co[Int(item)][other, default: 0] += 1
            }
            items.append(item)
        }
        sessions[click.session] = items
    }

    public func predictAll(_ context: NextClickContext, k: Int) -> [[ArticleID]] {
        var scores: [Int32: Double] = [:]
        let seen = Set(context.session.compactMap { numbering.existing($0) })
        for i in seen {
            let ni = sessionCounts[Int(i)]
            for (j, n) in co[Int(i)] where !seen.contains(j) {
                scores[j, default: 0] += Double(n) / (ni * sessionCounts[Int(j)]).squareRoot()
            }
        }
        var top = TopK<Int32>(capacity: k)
        for (j, s) in scores { top.insert(s, j) }
        return [top.sorted().map { numbering.articles[Int($0.1)] }]
    }
}

/// Byline's recommender (``ReadingModel`` + ``Recommender``) as a next-click predictor: users are
/// readers, and the session so far is in the reader's history. Several blends can share one model.
public struct BylinePredictor: NextClickPredictor {
    public let names: [String]
    /// The model fed with every click.
    public private(set) var model: ReadingModel
    /// The recommenders asked for each prediction, one per name.
    public var recommenders: [Recommender]

    /// Makes the predictor with one blend.
    public init(name: String = "Byline recommender", model: ReadingModelConfiguration = ReadingModelConfiguration(),
                recommender: RecommenderConfiguration = RecommenderConfiguration()) {
        self.init(model: model, blends: [(name, recommender)])
    }

    /// Makes the predictor with several blends over one model.
    public init(model: ReadingModelConfiguration, blends: [(String, RecommenderConfiguration)]) {
        self.names = blends.map(\.0)
        self.model = ReadingModel(configuration: model)
        self.recommenders = blends.map { Recommender(configuration: $0.1) }
    }

    public mutating func observe(_ click: Click) {
        model.record(ReadingEvent(reader: ReaderID(String(click.user)), article: click.article,
                                  at: Date(timeIntervalSince1970: Double(click.timestamp) / 1000)))
    }

    public func predictAll(_ context: NextClickContext, k: Int) -> [[ArticleID]] {
        let request = RecommendationRequest(reader: ReaderID(String(context.user)), currentArticle: context.session.last,
                                            limit: k, now: Date(timeIntervalSince1970: Double(context.now) / 1000))
        return recommenders.map { $0.recommend(request, model: model).map(\.id) }
    }
}
