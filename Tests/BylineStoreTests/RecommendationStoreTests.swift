import Foundation
import Testing
import BylineCore
import BylineStore
import BylineSQLite

/// Related overrides and the reading log behave the same in the memory and SQLite stores.
@Suite struct RecommendationStoreTests {
    static let t0 = Date(timeIntervalSince1970: 1_764_000_000)

    func make(_ kind: StoreKind) throws -> (Stores, RecommendationStores) {
        switch kind {
        case .memory:
            let memory = MemoryStore()
            return (Stores(memory), RecommendationStores(MemoryRecommendationStore(articles: memory)))
        case .sqlite:
            let sqlite = try SQLiteStore(inMemory: ())
            return (Stores(sqlite), RecommendationStores(SQLiteRecommendationStore(sqlite)))
        }
    }

    func articles(_ stores: Stores, _ count: Int) async throws -> [ArticleID] {
        _ = try await stores.sections.ensureSection(slug: Slug("world")!, name: "World", summary: "", position: 1)
        var ids: [ArticleID] = []
        for i in 0..<count {
            ids.append(try await stores.articles.create(ArticleDraft(headline: "Story \(i)", bodyMarkdown: "Body.", section: Slug("world")!,
                                                                     status: .published, publishedAt: Self.t0), now: Self.t0).id)
        }
        return ids
    }

    @Test(arguments: StoreKind.allCases)
    func overridesRoundTripInOrder(kind: StoreKind) async throws {
        let (stores, recs) = try make(kind)
        let ids = try await articles(stores, 5)
        try await recs.overrides.setRelatedOverrides(RelatedOverrides(pinned: [ids[3], ids[1]], excluded: [ids[2]]), for: ids[0])
        #expect(try await recs.overrides.relatedOverrides(for: ids[0]) == RelatedOverrides(pinned: [ids[3], ids[1]], excluded: [ids[2]]))
        #expect(try await recs.overrides.allRelatedOverrides().count == 1)
        await #expect(throws: StoreError.self) {
            try await recs.overrides.setRelatedOverrides(RelatedOverrides(pinned: [ArticleID(999)]), for: ids[0])
        }
        try await recs.overrides.setRelatedOverrides(RelatedOverrides(), for: ids[0])
        #expect(try await recs.overrides.relatedOverrides(for: ids[0]).isEmpty)
    }

    @Test(arguments: StoreKind.allCases)
    func readingLogAppendsReadsDeletesAndPrunes(kind: StoreKind) async throws {
        let (stores, recs) = try make(kind)
        let ids = try await articles(stores, 3)
        let log = recs.readingLog
        try await log.append([
            ReadingRecord(reader: "reader-a", article: ids[0], at: Self.t0),
            ReadingRecord(reader: "reader-a", article: ids[1], at: Self.t0.addingTimeInterval(60)),
            ReadingRecord(reader: "reader-b", article: ids[2], at: Self.t0.addingTimeInterval(120)),
            // A story deleted before the batch was written is dropped, not a failed batch.
            ReadingRecord(reader: "reader-b", article: ArticleID(999), at: Self.t0),
        ])
        #expect(try await log.records(reader: "reader-a").map(\.article) == [ids[1], ids[0]])
        #expect(try await log.records(since: Self.t0.addingTimeInterval(30)).map(\.article) == [ids[1], ids[2]])
        try await log.deleteRecords(reader: "reader-a")
        #expect(try await log.records(reader: "reader-a").isEmpty)
        #expect(try await log.prune(before: Self.t0.addingTimeInterval(200)) == 1)
        #expect(try await log.records(since: .distantPast).isEmpty)
    }

    @Test(arguments: StoreKind.allCases)
    func visitCountsAddUpPerArticleAndHourAndArePruned(kind: StoreKind) async throws {
        let (stores, recs) = try make(kind)
        let ids = try await articles(stores, 2)
        let log = recs.readingLog
        let hour = Date(timeIntervalSince1970: TimeInterval(1_764_000_000 / 3_600 * 3_600))
        try await log.addVisits([
            VisitCount(article: ids[0], hour: hour.addingTimeInterval(59), count: 3),
            VisitCount(article: ids[1], hour: hour, count: 1),
            // An article deleted before the counts were written is dropped, not a failed batch.
            VisitCount(article: ArticleID(999), hour: hour, count: 7),
        ])
        // The same article and hour again: added to, not a second row.
        try await log.addVisits([VisitCount(article: ids[0], hour: hour.addingTimeInterval(3_000), count: 2),
                                 VisitCount(article: ids[0], hour: hour.addingTimeInterval(3_600), count: 4)])
        let all = try await log.visits(since: .distantPast)
        #expect(all == [VisitCount(article: ids[0], hour: hour, count: 5), VisitCount(article: ids[1], hour: hour, count: 1),
                        VisitCount(article: ids[0], hour: hour.addingTimeInterval(3_600), count: 4)])
        #expect(try await log.visits(since: hour.addingTimeInterval(1)) == [VisitCount(article: ids[0], hour: hour.addingTimeInterval(3_600), count: 4)])
        // No reader is stored with a visit.
        #expect(try await log.records(since: .distantPast).isEmpty)
        try await log.prune(before: hour.addingTimeInterval(1_800))
        #expect(try await log.visits(since: .distantPast) == [VisitCount(article: ids[0], hour: hour.addingTimeInterval(3_600), count: 4)])
    }
}
