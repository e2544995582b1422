import Foundation
import Testing
import BylineCore
@testable import BylineSearch

/// The ranking math every store shares: top-k selection, BM25 as FTS5 computes it, and the recency policy.
@Suite struct SearchRankingTests {
    @Test func topMatchesKeepWhatSortingEverythingKeeps() {
        var random = SplitMix64(seed: 11)
        for round in 0..<200 {
            let size = Int(random.next() % 300)
            let count = 1 + Int(random.next() % 25)
            let sort: SearchSort = round % 2 == 0 ? .relevance : .date
            // Coarse scores and times, so ties are common and the id must break them.
            let matches = (0..<size).map { n in
                (ScoredMatch(id: Int64(n * 7 % 997), score: Double(random.next() % 40) / 4), TimeInterval(random.next() % 30))
            }
            var top = TopMatches(count: count, sort: sort)
            for (match, time) in matches {
                if sort == .date, !top.admits(id: match.id, time: time) { continue }
                if sort == .relevance, !top.admits(relevance: match.score) { continue }
                top.consider(match, publishedAt: time)
            }
            let expected = matches.sorted { a, b in
                switch sort {
                case .relevance: a.0.score != b.0.score ? a.0.score > b.0.score : a.0.id > b.0.id
                case .date: a.1 != b.1 ? a.1 > b.1 : a.0.id > b.0.id
                }
            }.prefix(count).map(\.0)
            #expect(top.matches == Array(expected), "round \(round)")
        }
    }

    @Test func bm25FollowsFTS5() {
        // A phrase in more than half the articles gets FTS5's floor IDF instead of a negative one.
        let bm25 = BM25(articles: 100, tokens: 10_000, phraseMatches: [80, 2])
        #expect(bm25.idf[0] == 1e-6)
        #expect(abs(bm25.idf[1] - log(98.5 / 2.5)) < 1e-12)
        #expect(bm25.averageLength == 100)
        // Longer articles with the same frequency score lower; more occurrences score higher.
        let short = [2.0, 1.0].withUnsafeBufferPointer { bm25.relevance(frequencies: $0, length: 50) }
        let long = [2.0, 1.0].withUnsafeBufferPointer { bm25.relevance(frequencies: $0, length: 400) }
        let more = [2.0, 3.0].withUnsafeBufferPointer { bm25.relevance(frequencies: $0, length: 50) }
        #expect(short > long && more > short)
        // The ceiling the one-pass plan prunes with holds for any frequencies and lengths.
        var random = SplitMix64(seed: 3)
        for _ in 0..<10_000 {
            let frequencies = [Double(random.next() % 1_000_000), Double(random.next() % 50)]
            let length = Double(random.next() % 5_000)
            #expect(frequencies.withUnsafeBufferPointer { bm25.relevance(frequencies: $0, length: length) } < bm25.maxRelevance)
        }
    }

    @Test func earliestTimeBoundsTheRecencyFactor() {
        let ranking = SearchRanking()
        let now: TimeInterval = 1_764_000_000
        var random = SplitMix64(seed: 5)
        for _ in 0..<10_000 {
            let ceiling = 1 + Double(random.next() % 1_000) / 10
            let score = ceiling * Double(random.next() % 1_100) / 1_000
            let earliest = ranking.earliestTime(reaching: score, ceiling: ceiling, now: now)
            let age = Double(random.next() % (3 * 365 * 86_400))
            // Anything published before `earliest` cannot reach `score`, even with the ceiling's relevance.
            if now - age < earliest { #expect(ranking.score(relevance: ceiling, age: age) < score) }
        }
        #expect(ranking.earliestTime(reaching: 0.5, ceiling: 1, now: now) == -.infinity, "old articles keep 70%")
        #expect(ranking.earliestTime(reaching: 1.5, ceiling: 1, now: now) == .infinity)
    }

    @Test func rankingFormula() {
        let ranking = SearchRanking(recencyHalfLife: 10 * 86_400, recencyWeight: 0.3)
        #expect(ranking.recencyFactor(age: 0) == 1)
        #expect(abs(ranking.recencyFactor(age: 10 * 86_400) - 0.85) < 1e-9)
        #expect(abs(ranking.recencyFactor(age: 1e12) - 0.7) < 1e-9)
        #expect(ranking.recencyFactor(age: -5) == 1, "future dates count as new, not newer")
        #expect(ranking.score(relevance: 2, age: 0) > ranking.score(relevance: 2, age: 86_400), "recency breaks ties")
        #expect(ranking.score(relevance: 2, age: 1e12) > ranking.score(relevance: 1, age: 0), "relevance leads")
    }
}
