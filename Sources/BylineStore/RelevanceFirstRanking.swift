import Foundation
import Algorithms

/// A search match known only by its relevance (BM25, higher is better), before its publication time is read.
public struct RelevanceMatch: Hashable, Sendable {
    public var id: Int64
    public var relevance: Double

    public init(id: Int64, relevance: Double) { self.id = id; self.relevance = relevance }

    /// Relevance order: more relevant first, then higher id first.
    public static func ranksBefore(_ a: RelevanceMatch, _ b: RelevanceMatch) -> Bool {
        a.relevance != b.relevance ? a.relevance > b.relevance : a.id > b.id
    }
}

/// A match with its final score.
public struct ScoredMatch: Hashable, Sendable {
    public var id: Int64
    public var score: Double

    public init(id: Int64, score: Double) { self.id = id; self.score = score }

    /// Result order: higher score first, then higher id (the newer row) first.
    public static func ranksBefore(_ a: ScoredMatch, _ b: ScoredMatch) -> Bool {
        a.score != b.score ? a.score > b.score : a.id > b.id
    }
}

extension SearchRanking {
    /// The `count` best matches by ``score(relevance:age:)``, in result order, reading the publication times of
    /// as few matches as it can.
    ///
    /// The recency factor is at most 1, so no match scores above its relevance. The `count` most relevant
    /// matches are scored first; their worst score is a floor that every final result reaches, so only the
    /// matches at least that relevant are candidates. Those are then scored best-first, and the walk stops
    /// once the next one is less relevant than the `count`-th best score so far. A store can therefore rank
    /// tens of thousands of matches with one pass over their relevance plus look-ups for the few near the top,
    /// instead of reading every match's publication time.
    /// - Parameters:
    ///   - matches: every public match with its relevance, in any order.
    ///   - now: the reference time (seconds since 1970) for ages.
    ///   - batch: how many publication times to ask for at once.
    ///   - publishedAt: the publication times (seconds since 1970) of the given ids. An id left out is dropped.
    /// - Returns: at most `count` matches, best first.
    public func top(_ count: Int, of matches: [RelevanceMatch], now: TimeInterval, batch: Int = 64,
                    publishedAt: ([Int64]) throws -> [Int64: TimeInterval]) rethrows -> [ScoredMatch] {
        guard count > 0, !matches.isEmpty else { return [] }
        var best: [ScoredMatch] = []
        best.reserveCapacity(count + 1)
        func consider(_ group: [RelevanceMatch]) throws {
            let times = try publishedAt(group.map(\.id))
            for match in group {
                guard let time = times[match.id] else { continue }
                let scored = ScoredMatch(id: match.id, score: score(relevance: match.relevance, age: now - time))
                guard best.count < count || ScoredMatch.ranksBefore(scored, best[best.count - 1]) else { continue }
                best.insert(scored, at: best.partitioningIndex { ScoredMatch.ranksBefore(scored, $0) })
                if best.count > count { best.removeLast() }
            }
        }
        var threshold: Double { best.count < count ? -.infinity : best[best.count - 1].score }

        let head = matches.min(count: count, sortedBy: RelevanceMatch.ranksBefore)
        try consider(head)
        let scored = Set(head.map(\.id))
        var rest = matches.filter { $0.relevance >= threshold && !scored.contains($0.id) }
        rest.sort(by: RelevanceMatch.ranksBefore)
        var start = 0
        while start < rest.count, rest[start].relevance >= threshold {
            var end = start
            while end < rest.count, end - start < batch, rest[end].relevance >= threshold { end += 1 }
            try consider(Array(rest[start..<end]))
            start = end
        }
        return best
    }
}
