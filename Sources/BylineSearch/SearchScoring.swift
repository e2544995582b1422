import Foundation
import Algorithms

/// A search match with its final score.
package struct ScoredMatch: Hashable, Sendable {
    package var id: Int64
    package var score: Double

    package init(id: Int64, score: Double) { self.id = id; self.score = score }
}

/// Okapi BM25 as SQLite's FTS5 computes its `bm25()` (fts5_aux.c), so a store that scores matches itself gives
/// exactly the relevance FTS5 would: per query phrase, the field-weighted count of its occurrences in the article,
/// saturated and normalised by the article's length against the average, times the phrase's IDF.
package struct BM25: Sendable {
    package static let k1 = 1.2
    package static let b = 0.75

    /// IDF of each query phrase, in phrase order.
    package var idf: [Double]
    /// Average article length in tokens (every field together).
    package var averageLength: Double

    /// - Parameters:
    ///   - articles: indexed articles (the `N` of IDF, whether public or not, as FTS5 counts them).
    ///   - tokens: tokens in every field of every indexed article.
    ///   - phraseMatches: for each query phrase, the number of indexed articles it occurs in.
    package init(articles: Int64, tokens: Int64, phraseMatches: [Int64]) {
        averageLength = Double(tokens) / Double(articles)
        idf = phraseMatches.map { Self.idf(articles: articles, phraseMatches: $0) }
    }

    /// BM25 with every IDF 1, for ranking a one-phrase query before its IDF is known: the IDF is then a constant
    /// factor of every score, applied at the end (see ``TopMatches/rescore(_:)``).
    package init(articles: Int64, tokens: Int64, phrases: Int) {
        averageLength = Double(tokens) / Double(articles)
        idf = Array(repeating: 1, count: phrases)
    }

    /// The IDF of a phrase found in `phraseMatches` of `articles` articles. FTS5 clamps it to a tiny positive value
    /// for phrases in more than half of the articles.
    package static func idf(articles: Int64, phraseMatches hits: Int64) -> Double {
        let value = log((Double(articles - hits) + 0.5) / (Double(hits) + 0.5))
        return value <= 0 ? 1e-6 : value
    }

    /// A ceiling no relevance reaches, however often the phrases occur: each phrase's saturated term stays below
    /// `k1 + 1` (with a hair of margin for rounding).
    package var maxRelevance: Double { idf.reduce(0, +) * (Self.k1 + 1) * (1 + 1e-9) }

    /// The relevance (higher is better; FTS5's `-bm25()`) of an article `length` tokens long in which phrase `i`
    /// occurs with field-weighted frequency `frequencies[i]`.
    @inline(__always)
    package func relevance(frequencies: UnsafeBufferPointer<Double>, length: Double) -> Double {
        let norm = Self.k1 * (1 - Self.b + Self.b * length / averageLength)
        var score = 0.0
        for i in 0..<min(frequencies.count, idf.count) {
            let f = frequencies[i]
            score += idf[i] * ((f * (Self.k1 + 1.0)) / (f + norm))
        }
        return score
    }
}

/// The best `count` matches of a search, kept while matches stream past in any order: the one selection both
/// stores use (the joined SQL plan sorts the same way), so pages agree whichever produced them. Ties go to the
/// higher id (the newer row).
package struct TopMatches: Sendable {
    package let count: Int
    package let sort: SearchSort
    /// Best first: with the score, the relevance it came from and the publication time (seconds since 1970) that
    /// orders ``SearchSort/date``.
    private var best: [Entry] = []
    private typealias Entry = (match: ScoredMatch, relevance: Double, time: TimeInterval)

    package init(count: Int, sort: SearchSort) {
        self.count = max(count, 0); self.sort = sort
        best.reserveCapacity(self.count + 1)
    }

    /// The matches kept, best first.
    package var matches: [ScoredMatch] { best.map(\.match) }

    private func ranksBefore(_ a: Entry, _ b: Entry) -> Bool {
        switch sort {
        case .relevance: a.match.score != b.match.score ? a.match.score > b.match.score : a.match.id > b.match.id
        case .date: a.time != b.time ? a.time > b.time : a.match.id > b.match.id
        }
    }

    /// Whether a match of relevance `relevance` could still be kept under ``SearchSort/relevance``: its score is
    /// at most its relevance (the recency factor is at most 1), so one below the worst kept score cannot enter.
    @inline(__always)
    package func admits(relevance: Double) -> Bool {
        sort != .relevance || best.count < count || relevance >= best[best.count - 1].match.score
    }

    /// The worst score kept once `count` matches are kept (`nil` before).
    package var worstScore: Double? { best.count == count && count > 0 ? best[best.count - 1].match.score : nil }

    /// Whether an article published at `time` could still be kept under ``SearchSort/date``.
    @inline(__always)
    package func admits(id: Int64, time: TimeInterval) -> Bool {
        guard sort == .date, best.count == count else { return count > 0 }
        let worst = best[best.count - 1]
        return time != worst.time ? time > worst.time : id > worst.match.id
    }

    /// Keeps the match if it is among the best `count` so far.
    package mutating func consider(_ match: ScoredMatch, relevance: Double = 0, publishedAt time: TimeInterval) {
        guard count > 0 else { return }
        let entry = (match: match, relevance: relevance, time: time)
        guard best.count < count || ranksBefore(entry, best[best.count - 1]) else { return }
        best.insert(entry, at: best.partitioningIndex { ranksBefore(entry, $0) })
        if best.count > count { best.removeLast() }
    }

    /// Recomputes every kept score from its relevance and publication time, and restores the order.
    package mutating func rescore(_ score: (_ relevance: Double, _ publishedAt: TimeInterval) -> Double) {
        for i in best.indices { best[i].match.score = score(best[i].relevance, best[i].time) }
        best.sort(by: ranksBefore)
    }
}

extension SearchRanking {
    /// The earliest publication time at which an article of relevance `ceiling` still scores at least `score` at
    /// `now` (minus a second of margin, so rounding never excludes one that reaches it): anything published
    /// earlier scores below `score`. `-infinity` when every age can, `+infinity` when none can.
    package func earliestTime(reaching score: Double, ceiling: Double, now: TimeInterval) -> TimeInterval {
        guard ceiling > 0 else { return .infinity }
        let share = score / ceiling
        if share <= 1 - recencyWeight { return -.infinity }
        if share > 1 { return .infinity }
        // share = 1 − w + w × 2^(−age / h)  ⇔  age = −h × log2((share − 1 + w) / w)
        let maximumAge = -recencyHalfLife * log2((share - 1 + recencyWeight) / recencyWeight)
        return now - maximumAge - 1
    }
}
