import Foundation
import BylineCore

/// What a page asks of the recommender.
public struct RecommendationRequest: Hashable, Sendable {
    /// The reader, when known (cookie present and recording allowed).
    public var reader: ReaderID?
    /// The article on the page, if any; it counts as the most recent read.
    public var currentArticle: ArticleID?
    /// The section the reader is in; a reader without history gets what is trending there.
    public var currentSection: SectionID?
    /// How many recommendations.
    public var limit: Int
    /// Articles already on the page: never recommended (page-wide dedup).
    public var alreadyShown: Set<ArticleID>
    /// The time of the request.
    public var now: Date

    /// Makes a request.
    public init(reader: ReaderID?, currentArticle: ArticleID? = nil, currentSection: SectionID? = nil, limit: Int = 5,
                alreadyShown: Set<ArticleID> = [], now: Date) {
        self.reader = reader; self.currentArticle = currentArticle; self.currentSection = currentSection
        self.limit = max(0, limit); self.alreadyShown = alreadyShown; self.now = now
    }
}

/// Why an article was recommended.
public enum RecommendationReason: Hashable, Sendable {
    /// Readers of something this reader read went on to read it.
    case readersAlsoRead
    /// It is about what the reader read recently.
    case similarToYourReading
    /// It is popular right now.
    case trending

    /// The reason as a short line of English.
    public var text: String {
        switch self {
        case .readersAlsoRead: return "Readers of your recent stories also read this"
        case .similarToYourReading: return "Because of what you read"
        case .trending: return "Trending now"
        }
    }
}

/// One recommended article.
public struct Recommendation: Hashable, Sendable {
    /// The article.
    public var id: ArticleID
    /// Its blended score; higher is better.
    public var score: Double
    /// The strongest signal behind it.
    public var reason: RecommendationReason

    /// Makes a recommendation.
    public init(id: ArticleID, score: Double, reason: RecommendationReason) {
        self.id = id; self.score = score; self.reason = reason
    }
}

/// Blend weights of the recommender. The defaults were chosen by `byline eval recs --tune` on a
/// validation cut inside the training period of the Globo click log (never on its test part).
public struct RecommenderConfiguration: Hashable, Sendable {
    /// Weight of co-reading ("readers who read X next read Y") from the model's fast memory, a 0...1 share.
    public var coReadWeight: Double = 1.0
    /// Co-reading evidence is multiplied by `(0.01 + trending)^coReadTrendExponent`, so articles
    /// that readers of this story went on to read count more while they are being read now (0: off).
    public var coReadTrendExponent: Double = 0
    /// Weight of content similarity to recent reads (needs a ``RelatedIndex``).
    public var contentWeight: Double = 0.3
    /// Weight of trending popularity, relative to the top trending article.
    public var trendingWeight: Double = 0.08
    /// Recent reads used as context.
    public var contextDepth: Int = 5
    /// Each older read in the context counts this much of the next newer one.
    public var contextPositionDecay: Double = 0.25
    /// Half-life of a context read's weight, by its age at request time.
    public var contextHalfLife: TimeInterval = 2 * 3_600
    /// Half-life of an article's freshness (age since publication or first read).
    public var freshnessHalfLife: TimeInterval = 6 * 3_600
    /// The share of a score that remains however old an article is.
    public var freshnessFloor: Double = 0.5
    /// MMR trade-off: how much similarity to already chosen items costs (0 turns diversity off).
    public var diversity: Double = 0.1
    /// Trending articles considered as candidates.
    public var trendingCandidates: Int = 100
    /// Content-similar articles considered as candidates.
    public var contentCandidates: Int = 50
    /// Shrinkage of co-reading shares, in (decayed) reads: a context article's co-reading counts
    /// `w / (total + coReadPrior)` in both memories, so an article with little co-reading evidence
    /// (one or two readers went on somewhere) weighs less against trending (0: off; it did not help
    /// on validation).
    public var coReadPrior: Double = 0
    /// Weight of the reading model's slow co-reading memory
    /// (``ReadingModelConfiguration/slowCoReadHalfLife``), beside `coReadWeight` for the fast one.
    public var slowCoReadWeight: Double = 0.25

    /// The defaults.
    public init() {}
}

/// "Recommended for you": blends co-reading, similarity to recent reads and trending, with
/// freshness and MMR diversity; never returns what the reader read or what the page shows.
///
/// Pure: reads a ``ReadingModel`` and, optionally, a ``RelatedIndex`` (for content similarity,
/// sections and publication dates), and returns a list. Cost is bounded by the context depth and
/// candidate counts, not by the catalogue size.
public struct Recommender: Sendable {
    /// The blend weights.
    public var configuration: RecommenderConfiguration

    /// Makes a recommender.
    public init(configuration: RecommenderConfiguration = RecommenderConfiguration()) {
        self.configuration = configuration
    }

    /// Recommendations for one request.
    public func recommend(_ request: RecommendationRequest, model: ReadingModel, catalog: RelatedIndex? = nil) -> [Recommendation] {
        guard request.limit > 0 else { return [] }
        let c = configuration
        let now = request.now.timeIntervalSince1970
        let ln2 = log(2.0)

        // Context: the current article, then the reader's history, newest first.
        let history = request.reader.flatMap { model.historyItems(of: $0) }
        var read = Set(history?.items ?? [])
        var context: [(item: Int32, weight: Double)] = []
        var contextArticles: [(id: ArticleID, weight: Double)] = []
        var positionWeight = 1.0
        if let current = request.currentArticle {
            if let i = model.itemID(current) { read.insert(i); context.append((i, 1)) }
            contextArticles.append((current, 1))
            positionWeight *= c.contextPositionDecay
        }
        if let history {
            var k = history.items.count - 1
            while k >= 0 && context.count < c.contextDepth {
                let item = history.items[k]
                if context.contains(where: { $0.item == item }) { k -= 1; continue }
                let age = max(0, now - history.times[k])
                let w = positionWeight * exp(-ln2 * age / c.contextHalfLife)
                context.append((item, w))
                contextArticles.append((model.articles[Int(item)], w))
                positionWeight *= c.contextPositionDecay
                k -= 1
            }
        }
        let isNewReader = (history?.items.isEmpty ?? true)
        let shown = request.alreadyShown
        func allowed(_ item: Int32) -> Bool {
            !read.contains(item) && (shown.isEmpty || !shown.contains(model.articles[Int(item)]))
        }
        func allowed(_ id: ArticleID) -> Bool {
            if let item = model.itemID(id) { return allowed(item) }
            return !shown.contains(id) && id != request.currentArticle
        }

        // Signals: co-reading share (0...1), content similarity (0...1), trending (0...1 of the top).
        var coScore: [Int32: Double] = [:]
        let contextMass = context.reduce(0) { $0 + $1.weight }
        // The prior in the stored (undecayed) units of co-reading weights.
        let prior = c.coReadPrior > 0 ? c.coReadPrior / model.coReadScale(at: now) : 0
        /// Adds each context item's co-read neighbours in one matrix (the fast or the slow one), as shares of the
        /// item's total plus the prior, times `signal`.
        func addCoReadShares(_ matrix: [[Int32: Float]], totals: [Double], signal: Double, prior: Double) {
            for (item, weight) in context {
                let total = totals[Int(item)]
                guard total > 0 else { continue }
                let factor = signal * weight / (contextMass * (total + prior))
                for (j, w) in matrix[Int(item)] {
                    coScore[j, default: 0] += Double(w) * factor
                }
            }
        }
        if contextMass > 0 {
            addCoReadShares(model.coRead, totals: model.coReadTotal, signal: c.coReadWeight, prior: prior)
            if c.slowCoReadWeight > 0 && model.hasSlowCoRead {
                let slowPrior = c.coReadPrior > 0 ? c.coReadPrior / model.slowCoReadScale(at: now) : 0
                addCoReadShares(model.slowCoRead, totals: model.slowCoReadTotal, signal: c.slowCoReadWeight, prior: slowPrior)
            }
        }
        var contentScore: [Int32: Double] = [:]
        var unreadContent: [(ArticleID, Double)] = []  // similar articles nobody has read yet
        if let catalog, c.contentWeight > 0, !contextArticles.isEmpty {
            for (id, s) in catalog.similar(to: Array(contextArticles.prefix(3)), limit: c.contentCandidates, maxQueryTerms: 24) {
                if let item = model.itemID(id) { contentScore[item] = s } else { unreadContent.append((id, s)) }
            }
        }
        var inSection: ((ArticleID) -> Bool)? = nil
        if isNewReader, let section = request.currentSection, let catalog {
            inSection = { catalog.metadata(of: $0)?.sectionID == section }
        }
        var trendCandidates: [Int32] = []
        for item in model.trendingList where trendCandidates.count < c.trendingCandidates && allowed(item) {
            trendCandidates.append(item)
        }
        let trendTop = model.trendingList.first.map { model.popularity[Int($0)] } ?? 0

        var top = TopK<Candidate>(capacity: max(request.limit * 3, request.limit + 10))
        // A new reader sees the current section first: other sections only fill what is left. They
        // rank apart, so however sharp trending is elsewhere it never outranks the section.
        var otherSections = TopK<Candidate>(capacity: inSection == nil ? 0 : top.capacity)
        func consider(_ id: ArticleID, item: Int32?, co: Double, content: Double) {
            var trend = 0.0
            if let item, trendTop > 0 { trend = model.popularity[Int(item)] / trendTop }
            let live = c.coReadTrendExponent == 0 ? 1 : pow(0.01 + trend, c.coReadTrendExponent)
            let parts = (co: co * live, content: c.contentWeight * content, trend: c.trendingWeight * trend)
            var score = parts.co + parts.content + parts.trend
            let elsewhere = inSection.map { !$0(id) } ?? false
            let threshold = elsewhere ? otherSections.threshold : top.threshold
            guard score > 0, score > threshold else { return }  // freshness only lowers a score
            let published = catalog?.metadata(of: id)?.publishedAt.timeIntervalSince1970 ?? item.map { model.firstSeen[Int($0)] }
            if let published {
                let age = max(0, now - published)
                score *= c.freshnessFloor + (1 - c.freshnessFloor) * exp(-ln2 * age / c.freshnessHalfLife)
            }
            guard score > threshold else { return }
            let reason: RecommendationReason = parts.co >= max(parts.content, parts.trend) ? .readersAlsoRead
                : (parts.content >= parts.trend ? .similarToYourReading : .trending)
            if elsewhere {
                otherSections.insert(score, Candidate(id: id, item: item, reason: reason))
            } else {
                top.insert(score, Candidate(id: id, item: item, reason: reason))
            }
        }
        for (item, co) in coScore where allowed(item) {
            consider(model.articles[Int(item)], item: item, co: co, content: contentScore[item] ?? 0)
        }
        for item in trendCandidates where coScore[item] == nil {
            consider(model.articles[Int(item)], item: item, co: 0, content: contentScore[item] ?? 0)
        }
        let trendSet = Set(trendCandidates)
        for (item, content) in contentScore where coScore[item] == nil && !trendSet.contains(item) && allowed(item) {
            consider(model.articles[Int(item)], item: item, co: 0, content: content)
        }
        for (id, content) in unreadContent where allowed(id) {
            consider(id, item: nil, co: 0, content: content)
        }
        // MMR: trade score against co-reading similarity to what is already chosen; the current
        // section's pool first, other sections' after it (that pool is empty unless a new reader).
        var out: [Recommendation] = []
        var chosen: [Int32] = []
        for ranked in [top.sorted(), otherSections.sorted()] {
            var pool = ranked.map { (id: $0.1.id, item: $0.1.item, score: $0.0, reason: $0.1.reason) }
            let topScore = pool.first?.score ?? 1
            while out.count < request.limit && !pool.isEmpty {
                var best = 0
                var bestValue = -Double.infinity
                for (i, candidate) in pool.enumerated() {
                    var penalty = 0.0
                    if c.diversity > 0, let item = candidate.item {
                        for other in chosen { penalty = max(penalty, similarity(item, other, model)) }
                    }
                    let value = candidate.score - c.diversity * topScore * penalty
                    if value > bestValue { bestValue = value; best = i }
                }
                let pick = pool.remove(at: best)
                out.append(Recommendation(id: pick.id, score: pick.score, reason: pick.reason))
                if let item = pick.item { chosen.append(item) }
            }
        }
        return out
    }

    private struct Candidate {
        var id: ArticleID
        var item: Int32?
        var reason: RecommendationReason
    }

    /// Co-reading similarity of two items (0...1): the larger of the two directional shares.
    private func similarity(_ a: Int32, _ b: Int32, _ model: ReadingModel) -> Double {
        let ab = model.coReadTotal[Int(a)] > 0 ? Double(model.coRead[Int(a)][b] ?? 0) / model.coReadTotal[Int(a)] : 0
        let ba = model.coReadTotal[Int(b)] > 0 ? Double(model.coRead[Int(b)][a] ?? 0) / model.coReadTotal[Int(b)] : 0
        return max(ab, ba)
    }
}
