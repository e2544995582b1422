import Foundation
import Testing
import BylineCore
import BylineStore
import BylineSQLite

/// The contract every store passes: the memory store and the SQLite store run the same tests.
enum StoreKind: String, CaseIterable, CustomTestStringConvertible {
    case memory, sqlite
    var testDescription: String { rawValue }

    func make() throws -> Stores {
        switch self {
        case .memory: return Stores(MemoryStore())
        case .sqlite: return Stores(try SQLiteStore(inMemory: ()))
        }
    }
}

private let t0 = Date(timeIntervalSince1970: 1_764_000_000)

private func world(_ stores: Stores) async throws -> Section {
    try await stores.sections.ensureSection(slug: Slug("world")!, name: "World", summary: "", position: 1)
}

private func draft(_ headline: String, section: String = "world", tags: [String] = [], authors: [ContributorInput] = [],
                   status: ArticleStatus = .published, at: Date = t0, externalID: String? = nil) -> ArticleDraft {
    ArticleDraft(headline: headline, bodyMarkdown: "Body of \(headline).", bodyHTML: "<p>Body of \(headline).</p>",
                 section: Slug(section)!, contributors: authors, tags: tags, status: status, publishedAt: at,
                 externalID: externalID)
}

@Suite struct StoreContractTests {
    @Test(arguments: StoreKind.allCases)
    func createsAndReadsBackAnArticle(kind: StoreKind) async throws {
        let stores = try kind.make()
        _ = try await world(stores)
        let created = try await stores.articles.create(
            draft("Kazakhstan calls in allies", tags: ["Kazakhstan", "CSTO"],
                  authors: [ContributorInput(name: "Ana Souza"), ContributorInput(name: "Li Wei", role: "Additional reporting by")]),
            now: t0)
        #expect(created.slug.rawValue == "kazakhstan-calls-in-allies")
        #expect(created.contributors.map(\.author.name) == ["Ana Souza", "Li Wei"])
        #expect(created.contributors.map(\.role) == [nil, "Additional reporting by"])
        #expect(created.tags.map(\.tag.name) == ["Kazakhstan", "CSTO"])
        let bySlug = try await stores.articles.article(slug: created.slug)
        #expect(bySlug == created)
        let byID = try await stores.articles.article(id: created.id)
        #expect(byID == created)
    }

    @Test(arguments: StoreKind.allCases)
    func slugCollisionsGetANumber(kind: StoreKind) async throws {
        let stores = try kind.make()
        _ = try await world(stores)
        let a = try await stores.articles.create(draft("Kazakhstan"), now: t0)
        let b = try await stores.articles.create(draft("Kazakhstan"), now: t0)
        let c = try await stores.articles.create(draft("Kazakhstan!"), now: t0)
        #expect([a.slug.rawValue, b.slug.rawValue, c.slug.rawValue] == ["kazakhstan", "kazakhstan-2", "kazakhstan-3"])
    }

    @Test(arguments: StoreKind.allCases)
    func unknownSectionIsRejectedAndNothingIsStored(kind: StoreKind) async throws {
        let stores = try kind.make()
        _ = try await world(stores)
        await #expect(throws: StoreError.unknownSection(Slug("sport")!)) {
            _ = try await stores.articles.create(draft("Cup final", section: "sport"), now: t0)
        }
        let all = try await stores.articles.list(ArticleQuery(visibility: .all))
        #expect(all.total == 0)
    }

    @Test(arguments: StoreKind.allCases)
    func listsArePublicOnlyNewestFirstAndPaged(kind: StoreKind) async throws {
        let stores = try kind.make()
        _ = try await world(stores)
        for i in 0..<5 {
            _ = try await stores.articles.create(draft("Story \(i)", at: t0.addingTimeInterval(Double(i) * 60)), now: t0)
        }
        _ = try await stores.articles.create(draft("Draft", status: .draft), now: t0)
        _ = try await stores.articles.create(draft("Future", status: .published, at: t0.addingTimeInterval(86_400)), now: t0)
        let now = t0.addingTimeInterval(3_600)
        let page1 = try await stores.articles.list(ArticleQuery(visibility: .publicAt(now), page: PageRequest(page: 1, size: 2)))
        #expect(page1.total == 5)
        #expect(page1.items.map(\.headline) == ["Story 4", "Story 3"])
        #expect(page1.pageCount == 3)
        let page3 = try await stores.articles.list(ArticleQuery(visibility: .publicAt(now), page: PageRequest(page: 3, size: 2)))
        #expect(page3.items.map(\.headline) == ["Story 0"])
        let drafts = try await stores.articles.list(ArticleQuery(visibility: .status(.draft)))
        #expect(drafts.items.map(\.headline) == ["Draft"])
    }

    @Test(arguments: StoreKind.allCases)
    func filtersByTagAuthorSectionAndExclusion(kind: StoreKind) async throws {
        let stores = try kind.make()
        _ = try await world(stores)
        _ = try await stores.sections.ensureSection(slug: Slug("business")!, name: "Business", summary: "", position: 2)
        let a = try await stores.articles.create(draft("A", tags: ["Energy"], authors: [ContributorInput(name: "Ana Souza")]), now: t0)
        _ = try await stores.articles.create(draft("B", section: "business", tags: ["Energy", "Trade"]), now: t0)
        _ = try await stores.articles.create(draft("C", tags: ["Trade"], authors: [ContributorInput(name: "Ana Souza")]), now: t0)
        let now = t0.addingTimeInterval(10)
        let energy = try #require(try await stores.tags.tag(slug: Slug("energy")!))
        let ana = try #require(try await stores.authors.author(slug: Slug("ana-souza")!))
        let business = try #require(try await stores.sections.section(slug: Slug("business")!))
        #expect(try await stores.articles.list(ArticleQuery(visibility: .publicAt(now), tag: energy.id)).total == 2)
        #expect(try await stores.articles.list(ArticleQuery(visibility: .publicAt(now), author: ana.id)).total == 2)
        #expect(try await stores.articles.list(ArticleQuery(visibility: .publicAt(now), section: business.id)).total == 1)
        let others = try await stores.articles.list(ArticleQuery(visibility: .publicAt(now), tagsAny: [energy.id], excluding: [a.id]))
        #expect(others.items.map(\.headline) == ["B"])
        let popular = try await stores.tags.popularTags(limit: 1, now: now)
        #expect(popular.first?.count == 2)
    }

    @Test(arguments: StoreKind.allCases)
    func upsertBatchIsIdempotentAndKeepsGoodItems(kind: StoreKind) async throws {
        let stores = try kind.make()
        _ = try await world(stores)
        let batch = [draft("One", externalID: "x-1"), draft("Two", section: "nowhere", externalID: "x-2"), draft("Three", externalID: "x-3")]
        let first = try await stores.articles.upsertBatch(batch, now: t0)
        #expect(first.count == 3)
        guard case .success(.created) = first[0], case .failure(.unknownSection) = first[1], case .success(.created) = first[2] else {
            Issue.record("unexpected outcomes \(first)"); return
        }
        let again = try await stores.articles.upsertBatch(batch, now: t0.addingTimeInterval(5))
        guard case .success(.unchanged) = again[0], case .success(.unchanged) = again[2] else {
            Issue.record("re-import should be unchanged: \(again)"); return
        }
        var changed = batch[0]
        changed.headline = "One, updated"
        let third = try await stores.articles.upsertBatch([changed], now: t0.addingTimeInterval(10))
        guard case .success(.updated(let updated)) = third[0] else { Issue.record("expected update: \(third)"); return }
        #expect(updated.headline == "One, updated")
        #expect(try await stores.articles.list(ArticleQuery(visibility: .all)).total == 2)
    }

    @Test(arguments: StoreKind.allCases)
    func updateAndDelete(kind: StoreKind) async throws {
        let stores = try kind.make()
        _ = try await world(stores)
        let created = try await stores.articles.create(draft("Original", tags: ["Old"]), now: t0)
        let before = try await stores.articles.changeToken()
        var changed = draft("Changed headline", tags: ["New"])
        changed.slug = nil
        let updated = try await stores.articles.update(created.id, with: changed, now: t0.addingTimeInterval(60))
        #expect(updated.slug == created.slug)
        #expect(updated.tags.map(\.tag.name) == ["New"])
        #expect(updated.createdAt == created.createdAt)
        #expect(updated.updatedAt == t0.addingTimeInterval(60))
        #expect(try await stores.articles.changeToken() != before)
        try await stores.articles.delete(created.id)
        #expect(try await stores.articles.article(id: created.id) == nil)
        await #expect(throws: StoreError.self) { try await stores.articles.delete(created.id) }
    }

    @Test(arguments: StoreKind.allCases)
    func authorBioUpdates(kind: StoreKind) async throws {
        let stores = try kind.make()
        _ = try await world(stores)
        _ = try await stores.articles.create(draft("A", authors: [ContributorInput(name: "Li Wei")]), now: t0)
        let li = try #require(try await stores.authors.author(slug: Slug("li-wei")!))
        let updated = try await stores.authors.updateBio(li.id, bio: "Covers Central Asia.")
        #expect(updated.bio == "Covers Central Asia.")
        #expect(try await stores.authors.authors().map(\.name) == ["Li Wei"])
    }
}

@Suite struct SQLiteFileTests {
    @Test func persistsAcrossReopen() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("byline-\(UUID().uuidString).db").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        do {
            let store = try SQLiteStore(path: path)
            _ = try await store.ensureSection(slug: Slug("world")!, name: "World", summary: "", position: 1)
            _ = try await store.create(draft("Persisted"), now: t0)
        }
        let reopened = try SQLiteStore(path: path)
        #expect(try await reopened.article(slug: Slug("persisted")!)?.headline == "Persisted")
    }
}
