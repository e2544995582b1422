import Foundation
import Testing
import GRDB
import BylineCore
import BylineStore
import BylineSearch
@testable import BylineSQLite

/// The one-pass ranking: the SQLite plan built on the pure top-k selection (BylineSearchTests) gives exactly what
/// ranking every match in SQL gives, also after writes that the in-memory documents table must follow.
@Suite struct SearchScoringTests {
    static let now = Date(timeIntervalSince1970: 1_764_000_000)

    @Test func docsizeRecordsDecode() {
        // Varints as FTS5 writes them: 3, 300 (two bytes), 0, 70000 (three bytes).
        let record = Data([0x03, 0x82, 0x2C, 0x00, 0x84, 0xA2, 0x70])
        #expect(SearchDocuments.totalLength(record) == 3 + 300 + 0 + 70_000)
        #expect(SearchDocuments.totalLength(nil) == 0)
    }

    @Test func briefsBoundTheirEntries() {
        typealias Brief = SearchDocuments.Brief
        var random = SplitMix64(seed: 17)
        for _ in 0..<10_000 {
            // Times from 1900 to 2079, whole days and fractions of seconds.
            let time = -2_208_988_800 + Double(random.next() % 5_600_000_000) + (random.next() % 2 == 0 ? 0 : Double(random.next() % 1_000) / 1_000)
            let length = Int32(random.next() % 70_000)
            let brief = Brief.pack(SearchDocuments.Entry(published: time, section: 1, length: length))
            let day = Brief.day(brief)
            #expect(day != Brief.notPublic && day != Brief.seeEntry)
            // The day's end is later than the publication time, and at most a day later.
            #expect(Brief.dayEnd(day) > time && Brief.dayEnd(day) - 86_400 <= time, "\(time)")
            #expect(Brief.length(brief) == (length < 0xFFFF ? UInt16(length) : Brief.longer))
        }
        #expect(Brief.day(Brief.pack(SearchDocuments.Entry(published: .nan, section: 1, length: 10))) == Brief.notPublic)
        #expect(Brief.day(Brief.pack(SearchDocuments.Entry())) == Brief.seeEntry, "not indexed")
        #expect(Brief.day(Brief.pack(SearchDocuments.Entry(published: -3e9, section: 1, length: 10))) == Brief.seeEntry, "1874")
        #expect(Brief.day(Brief.pack(SearchDocuments.Entry(published: 4e9, section: 1, length: 10))) == Brief.seeEntry, "2096")
        #expect(Brief.day(Brief.pack(SearchDocuments.Entry(published: .infinity, section: 1, length: 10))) == Brief.seeEntry)
    }

    /// 160 articles with drafts, scheduled and embargoed ones, two sections, five authors and seven tags.
    /// - Parameter file: a file store (a pool of reader connections, each with its own snapshot) instead of an
    ///   in-memory one (a single connection).
    private func makeStore(file: Bool = false) async throws -> (SQLiteStore, [ArticleDraft]) {
        let store: SQLiteStore
        if file {
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("byline-scoring-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            store = try SQLiteStore(path: directory.appendingPathComponent("store.db").path)
        } else {
            store = try SQLiteStore(inMemory: ())
        }
        _ = try await store.ensureSection(slug: Slug("world")!, name: "World", summary: "", position: 1)
        _ = try await store.ensureSection(slug: Slug("business")!, name: "Business", summary: "", position: 2)
        var random = SplitMix64(seed: 7)
        var drafts: [ArticleDraft] = []
        for n in 0..<160 {
            func pick(_ k: Int) -> String { (0..<k).map { _ in Self.words[Int(random.next() % UInt64(Self.words.count))] }.joined(separator: " ") }
            let status: ArticleStatus = n % 11 == 0 ? .draft : (n % 13 == 0 ? .scheduled : .published)
            let days = Double(random.next() % 600) - 20 // a few in the future: embargoed
            drafts.append(ArticleDraft(headline: "Story \(n) \(pick(2))", dek: pick(3), bodyMarkdown: pick(12), bodyHTML: "<p>\(pick(4 + n % 20))</p>",
                                       section: Slug(n % 3 == 0 ? "business" : "world")!,
                                       contributors: [ContributorInput(name: "Writer \(n % 5)")], tags: ["Topic \(n % 7)"], status: status,
                                       publishedAt: Self.now.addingTimeInterval(-days * 86_400), externalID: "s\(n)"))
        }
        _ = try await store.upsertBatch(drafts, now: Self.now)
        return (store, drafts)
    }

    static let words = ["harbour", "grain", "strike", "summit", "ferry", "budget", "storm", "vote"]
    static let expressions: [SearchExpression] = words.map { SearchExpression(clauses: [[.word($0)]]) } + [
        SearchExpression(clauses: [[.word("harbour")], [.word("grain")]]),
        SearchExpression(clauses: [[.word("storm"), .word("ferry")]]),
        SearchExpression(clauses: [[.phrase(["summit", "vote"])]]),
        SearchExpression(clauses: [[.prefix("bud")]], excluded: [.word("strike")]),
    ]

    /// Runs every expression with these filters and sorts over four pages on both plans and compares everything.
    private func comparePlans(_ store: SQLiteStore, filters: [SearchFilters]) async throws -> Int {
        var compared = 0
        for expression in Self.expressions {
            for filter in filters {
                for sort in SearchSort.allCases {
                    for page in 1...4 {
                        let request = SearchRequest(expression: expression, filters: filter, sort: sort, page: PageRequest(page: page, size: 9),
                                                    now: Self.now, includeFacets: page == 1)
                        let joined = try await store.search(request, plan: .joined)
                        let scored = try await store.search(request, plan: .automatic)
                        let label = "\(expression) \(filter) \(sort) page \(page)"
                        #expect(scored.hits.total == joined.hits.total, "\(label)")
                        #expect(scored.hits.items.map(\.article.id) == joined.hits.items.map(\.article.id), "\(label)")
                        #expect(zip(scored.hits.items, joined.hits.items).allSatisfy { abs($0.score - $1.score) <= 1e-9 * max(1, abs($1.score)) },
                                "\(label)")
                        #expect(scored.hits.items.map(\.snippet) == joined.hits.items.map(\.snippet))
                        #expect(scored.facets == joined.facets, "\(label)")
                        compared += scored.hits.items.count
                    }
                }
            }
        }
        return compared
    }

    /// The one-pass plan must agree with the joined plan on every page, total, score, snippet and facet, with every
    /// filter and both sorts, with drafts, scheduled and embargoed articles in the index.
    @Test func sqlitePlansAgree() async throws {
        let (store, _) = try await makeStore()
        let ids = try await store.database.read { db in
            (section: try Int64.fetchOne(db, sql: "SELECT id FROM section WHERE slug = 'business'")!,
             tag: try Int64.fetchOne(db, sql: "SELECT id FROM tag WHERE slug = 'topic-3'")!,
             author: try Int64.fetchOne(db, sql: "SELECT id FROM author WHERE name = 'Writer 2'")!)
        }
        let filters = [
            SearchFilters(),
            SearchFilters(section: SectionID(ids.section)),
            SearchFilters(tag: TagID(ids.tag)),
            SearchFilters(author: AuthorID(ids.author)),
            SearchFilters(tag: TagID(ids.tag), author: AuthorID(ids.author)),
            SearchFilters(publishedFrom: Self.now.addingTimeInterval(-200 * 86_400), publishedBefore: Self.now.addingTimeInterval(-20 * 86_400)),
        ]
        let compared = try await comparePlans(store, filters: filters)
        #expect(compared > 2_000, "the comparison covered \(compared) hits")
    }

    /// Articles alike but for their publication times (hours apart, many on the same day): the page is decided by
    /// recency alone, so any match wrongly passed over for its day's bound would show.
    @Test func sqlitePlansAgreeOnNearTies() async throws {
        let store = try SQLiteStore(inMemory: ())
        _ = try await store.ensureSection(slug: Slug("world")!, name: "World", summary: "", position: 1)
        var random = SplitMix64(seed: 23)
        let drafts = (0..<240).map { n in
            ArticleDraft(headline: "Harbour reopens", dek: "Grain ships wait", bodyMarkdown: "", bodyHTML: "<p>The harbour reopened.</p>",
                         section: Slug("world")!, contributors: [ContributorInput(name: "Writer")], tags: [], status: .published,
                         publishedAt: Self.now.addingTimeInterval(-Double(random.next() % (40 * 86_400)) - 86_400), externalID: "t\(n)")
        }
        _ = try await store.upsertBatch(drafts, now: Self.now)
        for size in [1, 7, 30] {
            for page in 1...5 {
                let request = SearchRequest(expression: SearchExpression(clauses: [[.word("harbour")]]), page: PageRequest(page: page, size: size),
                                            now: Self.now, includeFacets: false)
                let joined = try await store.search(request, plan: .joined)
                let scored = try await store.search(request, plan: .automatic)
                #expect(scored.hits.items.map(\.article.id) == joined.hits.items.map(\.article.id), "size \(size) page \(page)")
                #expect(scored.hits.total == 240)
            }
        }
    }

    @Test func prepareSearchLoadsARankingTableAheadOfTheFirstSearch() async throws {
        let (store, _) = try await makeStore(file: true)
        #expect(store.searchDocuments.idleCount == 0)
        try await store.prepareSearch()
        #expect(store.searchDocuments.idleCount == 1)
        _ = try await store.search(SearchRequest(expression: SearchExpression(clauses: [[.word("harbour")]]), now: Self.now))
        #expect(store.searchDocuments.idleCount == 1, "the search took the prepared table and gave it back")
    }

    /// Writes after the documents table was loaded (publish, unpublish, a new section, new tags and authors, a longer
    /// body, delete, new articles) reach the next search and its facets at once, through the change log.
    @Test(arguments: [false, true]) func writesReachTheNextSearch(file: Bool) async throws {
        let (store, drafts) = try await makeStore(file: file)
        _ = try await comparePlans(store, filters: [SearchFilters()])
        var changed: [ArticleDraft] = []
        for n in [0, 11, 22] { var d = drafts[n]; d.status = .published; changed.append(d) }         // drafts published
        for n in [1, 2, 3] { var d = drafts[n]; d.status = .draft; changed.append(d) }               // unpublished
        for n in [4, 5] { var d = drafts[n]; d.section = Slug("business")!; changed.append(d) }      // moved
        for n in [9, 10] { var d = drafts[n]; d.tags = ["Topic 3", "Topic new"]; d.contributors = [ContributorInput(name: "Writer 9")]; changed.append(d) }
        for n in [6, 7] { var d = drafts[n]; d.bodyHTML += "<p>" + Array(repeating: "storm harbour", count: 40).joined(separator: " ") + "</p>"; changed.append(d) }
        _ = try await store.upsertBatch(changed, now: Self.now)
        let victim = try await store.database.read { db in try Int64.fetchOne(db, sql: "SELECT id FROM article WHERE external_id = 's8'")! }
        try await store.delete(ArticleID(victim))
        // No new article yet: only the change log can tell the table what moved.
        let business = try await store.database.read { db in try Int64.fetchOne(db, sql: "SELECT id FROM section WHERE slug = 'business'")! }
        #expect(try await comparePlans(store, filters: [SearchFilters(), SearchFilters(section: SectionID(business))]) > 500)

        var added: [ArticleDraft] = []
        for n in 0..<5 {
            var d = drafts[20 + n]; d.externalID = "new\(n)"; d.headline = "Fresh \(n) storm vote"; d.status = .published
            d.publishedAt = Self.now.addingTimeInterval(-3_600); added.append(d)
        }
        _ = try await store.upsertBatch(added, now: Self.now)
        let compared = try await comparePlans(store, filters: [SearchFilters(), SearchFilters(section: SectionID(business))])
        #expect(compared > 500)
        // The deleted article and the unpublished ones are gone; the new ones are found.
        let storm = try await store.search(SearchRequest(expression: SearchExpression(clauses: [[.word("fresh")]]), now: Self.now))
        #expect(storm.hits.total == 5)
        let all = try await store.search(SearchRequest(expression: SearchExpression(clauses: [[.word("story")]]), page: PageRequest(page: 1, size: 200),
                                                       now: Self.now))
        #expect(!all.hits.items.contains { $0.article.id == ArticleID(victim) })
    }
}
