import Foundation
import Testing
import BylineCore
import BylineStore
@testable import BylineSQLite

/// Relevance-first ranking: the pure top-k walk, and the SQLite plan built on it, give exactly what scoring
/// every match would.
@Suite struct RelevanceFirstRankingTests {
    static let now = Date(timeIntervalSince1970: 1_764_000_000)

    /// Scores every match and sorts: the answer the walk must reproduce.
    private func bruteForce(_ count: Int, _ matches: [RelevanceMatch], times: [Int64: TimeInterval], ranking: SearchRanking,
                            now: TimeInterval) -> [ScoredMatch] {
        let scored = matches.compactMap { match in
            times[match.id].map { ScoredMatch(id: match.id, score: ranking.score(relevance: match.relevance, age: now - $0)) }
        }
        return Array(scored.sorted(by: ScoredMatch.ranksBefore).prefix(count))
    }

    @Test func topMatchesScoringEveryMatch() throws {
        var random = SystemRandomNumberGenerator()
        let now = Self.now.timeIntervalSince1970
        for round in 0..<200 {
            let ranking = SearchRanking(recencyHalfLife: Double.random(in: 3_600...(90 * 86_400), using: &random),
                                        recencyWeight: [0, 0.3, 0.9, 1][round % 4])
            let size = Int.random(in: 0...300, using: &random)
            // Coarse relevances make ties, which the order must break by id.
            let matches = (0..<size).map { RelevanceMatch(id: Int64($0 * 3 + 1), relevance: Double(Int.random(in: 1...40, using: &random)) / 4) }
            var times: [Int64: TimeInterval] = [:]
            for match in matches where Int.random(in: 0..<10, using: &random) > 0 { // about one in ten is left out
                times[match.id] = now - Double.random(in: 0...(400 * 86_400), using: &random)
            }
            let count = Int.random(in: 1...40, using: &random)
            let walked = ranking.top(count, of: matches.shuffled(using: &random), now: now, batch: Int.random(in: 1...16, using: &random)) { ids in
                times.filter { ids.contains($0.key) }
            }
            let expected = bruteForce(count, matches, times: times, ranking: ranking, now: now)
            #expect(walked.map(\.id) == expected.map(\.id), "round \(round)")
            #expect(zip(walked, expected).allSatisfy { $0.score == $1.score }, "round \(round)")
        }
    }

    @Test func readsOnlyThePublicationTimesItNeeds() {
        let now = Self.now.timeIntervalSince1970
        let matches = (1...10_000).map { RelevanceMatch(id: Int64($0), relevance: Double($0)) }
        // Everything published just now: the recency factor is 1 for all, so the 10 most relevant are the answer
        // and nothing else needs reading.
        var read = 0
        let fresh = SearchRanking().top(10, of: matches, now: now) { ids in
            read += ids.count
            return Dictionary(uniqueKeysWithValues: ids.map { ($0, now) })
        }
        #expect(fresh.map(\.id) == Array((9_991...10_000).reversed()).map(Int64.init))
        #expect(read == 10)
        // All a year old: every score is about 0.7 × relevance, so any match within 0.7 of the 10th best
        // relevance might still compete and must be read; nothing below that is.
        read = 0
        let old = SearchRanking().top(10, of: matches, now: now, batch: 64) { ids in
            read += ids.count
            return Dictionary(uniqueKeysWithValues: ids.map { ($0, now - 365 * 86_400) })
        }
        #expect(old.map(\.id) == Array((9_991...10_000).reversed()).map(Int64.init))
        let competing = matches.filter { $0.relevance >= old[9].score }.count
        #expect(read >= competing && read <= competing + 64, "read \(read), \(competing) could compete")
    }

    /// The SQLite store ranks with the relevance-first plan when it can; it must agree with the joined plan on
    /// every page, total and score, with drafts, scheduled and embargoed articles in the index.
    @Test func sqlitePlansAgree() async throws {
        let store = try SQLiteStore(inMemory: ())
        _ = try await store.ensureSection(slug: Slug("world")!, name: "World", summary: "", position: 1)
        _ = try await store.ensureSection(slug: Slug("business")!, name: "Business", summary: "", position: 2)
        let words = ["harbour", "grain", "strike", "summit", "ferry", "budget", "storm", "vote"]
        var random = SplitMix64(seed: 7)
        var drafts: [ArticleDraft] = []
        for n in 0..<160 {
            func pick(_ k: Int) -> String { (0..<k).map { _ in words[Int(random.next() % UInt64(words.count))] }.joined(separator: " ") }
            let status: ArticleStatus = n % 11 == 0 ? .draft : (n % 13 == 0 ? .scheduled : .published)
            let days = Double(random.next() % 600) - 20 // a few in the future: embargoed
            drafts.append(ArticleDraft(headline: "Story \(n) \(pick(2))", dek: pick(3), bodyMarkdown: pick(12), bodyHTML: "<p>\(pick(12))</p>",
                                       section: Slug(n % 3 == 0 ? "business" : "world")!,
                                       contributors: [ContributorInput(name: "Writer \(n % 5)")], tags: ["Topic \(n % 7)"], status: status,
                                       publishedAt: Self.now.addingTimeInterval(-days * 86_400), externalID: "s\(n)"))
        }
        _ = try await store.upsertBatch(drafts, now: Self.now)
        let expressions: [SearchExpression] = words.map { SearchExpression(clauses: [[.word($0)]]) } + [
            SearchExpression(clauses: [[.word("harbour")], [.word("grain")]]),
            SearchExpression(clauses: [[.word("storm"), .word("ferry")]]),
            SearchExpression(clauses: [[.phrase(["summit", "vote"])]]),
            SearchExpression(clauses: [[.prefix("bud")]], excluded: [.word("strike")]),
        ]
        var compared = 0
        for expression in expressions {
            for page in 1...4 {
                let request = SearchRequest(expression: expression, page: PageRequest(page: page, size: 9), now: Self.now,
                                            includeFacets: page == 1)
                let joined = try await store.search(request, plan: .joined)
                // 1,024 candidates hold every match here; 5 and 40 make it count the rest, or rank them all.
                for plan in [SQLiteStore.Plan.automatic, .relevanceFirst(candidateLimit: 5), .relevanceFirst(candidateLimit: 40)] {
                    let fast = try await store.search(request, plan: plan)
                    #expect(fast.hits.total == joined.hits.total, "\(expression) page \(page)")
                    #expect(fast.hits.items.map(\.article.id) == joined.hits.items.map(\.article.id), "\(expression) page \(page)")
                    #expect(zip(fast.hits.items, joined.hits.items).allSatisfy { abs($0.score - $1.score) <= 1e-9 * max(1, abs($1.score)) })
                    #expect(fast.hits.items.map(\.snippet) == joined.hits.items.map(\.snippet))
                    #expect(fast.facets == joined.facets, "\(expression) page \(page)")
                    compared += fast.hits.items.count
                }
            }
        }
        #expect(compared > 600, "the comparison covered \(compared) hits")
    }
}

