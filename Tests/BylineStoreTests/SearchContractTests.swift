import Foundation
import Testing
import BylineCore
import BylineStore
import BylineSearch
import BylineSQLite

/// The search contract, run against the memory and SQLite stores: the index follows every write at once.
@Suite struct SearchContractTests {
    static let now = Date(timeIntervalSince1970: 1_764_000_000)

    private func setUp(_ kind: StoreKind) async throws -> Stores {
        let stores = try kind.make()
        _ = try await stores.sections.ensureSection(slug: Slug("world")!, name: "World", summary: "", position: 1)
        _ = try await stores.sections.ensureSection(slug: Slug("business")!, name: "Business", summary: "", position: 2)
        return stores
    }

    private func draft(_ headline: String, body: String = "Nothing to see.", section: String = "world", tags: [String] = [],
                       authors: [String] = [], status: ArticleStatus = .published, daysAgo: Double = 1) -> ArticleDraft {
        ArticleDraft(headline: headline, bodyMarkdown: body, bodyHTML: "<p>\(body)</p>", section: Slug(section)!,
                     contributors: authors.map { ContributorInput(name: $0) }, tags: tags, status: status,
                     publishedAt: Self.now.addingTimeInterval(-daysAgo * 86_400))
    }

    private func find(_ stores: Stores, _ words: [String], filters: SearchFilters = SearchFilters(), sort: SearchSort = .relevance,
                      facets: Bool = false, at time: Date = now) async throws -> SearchResults {
        try await stores.search.search(SearchRequest(expression: SearchExpression(clauses: words.map { [.word($0)] }),
                                                     filters: filters, sort: sort, now: time, includeFacets: facets))
    }

    private func headlines(_ results: SearchResults) -> [String] { results.hits.items.map(\.article.headline) }

    @Test(arguments: StoreKind.allCases)
    func publishUpdateUnpublishDeleteAreReflectedAtOnce(kind: StoreKind) async throws {
        let stores = try await setUp(kind)
        let draftArticle = try await stores.articles.create(draft("Pelican census", status: .draft), now: Self.now)
        #expect(try await find(stores, ["pelican"]).hits.total == 0, "drafts are never found")

        var published = draft("Pelican census")
        _ = try await stores.articles.update(draftArticle.id, with: published, now: Self.now)
        #expect(headlines(try await find(stores, ["pelican"])) == ["Pelican census"])

        published.headline = "Flamingo census"
        _ = try await stores.articles.update(draftArticle.id, with: published, now: Self.now)
        #expect(try await find(stores, ["pelican"]).hits.total == 0, "the old headline is gone from the index")
        #expect(headlines(try await find(stores, ["flamingo"])) == ["Flamingo census"])

        published.status = .draft
        _ = try await stores.articles.update(draftArticle.id, with: published, now: Self.now)
        #expect(try await find(stores, ["flamingo"]).hits.total == 0, "unpublished articles disappear")

        published.status = .published
        _ = try await stores.articles.update(draftArticle.id, with: published, now: Self.now)
        #expect(try await find(stores, ["flamingo"]).hits.total == 1)
        try await stores.articles.delete(draftArticle.id)
        #expect(try await find(stores, ["flamingo"]).hits.total == 0, "deleted articles disappear")
    }

    @Test(arguments: StoreKind.allCases)
    func embargoedArticlesAppearWhenTheirTimeComes(kind: StoreKind) async throws {
        let stores = try await setUp(kind)
        _ = try await stores.articles.create(draft("Comet visible tonight", daysAgo: -1), now: Self.now)
        _ = try await stores.articles.create(draft("Comet scheduled", status: .scheduled, daysAgo: -1), now: Self.now)
        #expect(try await find(stores, ["comet"]).hits.total == 0, "published with a future time: not yet")
        let later = try await find(stores, ["comet"], at: Self.now.addingTimeInterval(2 * 86_400))
        #expect(headlines(later) == ["Comet visible tonight"], "scheduled stays hidden until the publisher publishes it")
    }

    @Test(arguments: StoreKind.allCases)
    func indexesEveryFieldAndBatchImports(kind: StoreKind) async throws {
        let stores = try await setUp(kind)
        var withDek = draft("Harbour reopens", body: "Ships <em>returned</em> &amp; unloaded grain.", tags: ["Shipping news"],
                            authors: ["Zofia Kowalczyk"])
        withDek.dek = "Dockers celebrate"
        withDek.bodyHTML = "<p>Ships <em>returned</em> &amp; unloaded grain.</p>"
        withDek.automaticTags = ["Odesa"]
        let outcomes = try await stores.articles.upsertBatch([withDek, draft("Other story")], now: Self.now)
        #expect(outcomes.allSatisfy { if case .success = $0 { true } else { false } })
        for word in ["harbour", "dockers", "grain", "shipping", "kowalczyk", "odesa"] {
            #expect(try await find(stores, [word]).hits.total == 1, "field word \(word)")
        }
        #expect(try await find(stores, ["em"]).hits.total == 0, "markup is not indexed")
        #expect(try await find(stores, ["amp"]).hits.total == 0, "entities are decoded before indexing")
    }

    @Test(arguments: StoreKind.allCases)
    func matchingRules(kind: StoreKind) async throws {
        let stores = try await setUp(kind)
        _ = try await stores.articles.create(draft("Central bank raises rates", body: "The bank raised interest rates again."), now: Self.now)
        _ = try await stores.articles.create(draft("River bank collapses", body: "Flood water broke the bank of the river."), now: Self.now)
        _ = try await stores.articles.create(draft("Tokayev visits Moscow", body: "President Tokayev met officials."), now: Self.now)
        func run(_ expression: SearchExpression) async throws -> [String] {
            headlines(try await stores.search.search(SearchRequest(expression: expression, now: Self.now))).sorted()
        }
        #expect(try await run(SearchExpression(clauses: [[.word("bank")]])) == ["Central bank raises rates", "River bank collapses"])
        #expect(try await run(SearchExpression(clauses: [[.word("bank")]], excluded: [.word("river")])) == ["Central bank raises rates"])
        #expect(try await run(SearchExpression(clauses: [[.phrase(["interest", "rates"])]])) == ["Central bank raises rates"])
        #expect(try await run(SearchExpression(clauses: [[.phrase(["rates", "interest"])]])) == [])
        #expect(try await run(SearchExpression(clauses: [[.prefix("toka")]])) == ["Tokayev visits Moscow"])
        #expect(try await run(SearchExpression(clauses: [[.word("flood"), .word("moscow")]])) == ["River bank collapses", "Tokayev visits Moscow"])
        #expect(try await run(SearchExpression(clauses: [[.word("bank")], [.word("moscow")]])) == [])
        #expect(try await run(SearchExpression(clauses: [])) == [])
    }

    @Test(arguments: StoreKind.allCases)
    func headlineMatchOutranksBodyMatchAndRecencyBreaksTies(kind: StoreKind) async throws {
        let stores = try await setUp(kind)
        _ = try await stores.articles.create(draft("Markets wobble", body: "Traders mentioned the glacier once.", daysAgo: 0.1), now: Self.now)
        _ = try await stores.articles.create(draft("Glacier retreats", body: "Scientists measured the ice.", daysAgo: 400), now: Self.now)
        #expect(headlines(try await find(stores, ["glacier"])) == ["Glacier retreats", "Markets wobble"])

        _ = try await stores.articles.create(draft("Volcano erupts", body: "Lava flowed.", daysAgo: 300), now: Self.now)
        _ = try await stores.articles.create(draft("Volcano erupts", body: "Lava flowed.", daysAgo: 2), now: Self.now)
        let ranked = try await find(stores, ["volcano"])
        #expect(ranked.hits.items.map(\.article.publishedAt) == [Self.now.addingTimeInterval(-2 * 86_400), Self.now.addingTimeInterval(-300 * 86_400)])
        #expect(ranked.hits.items[0].score > ranked.hits.items[1].score)
    }

    @Test(arguments: StoreKind.allCases)
    func filtersFacetsSortAndPages(kind: StoreKind) async throws {
        let stores = try await setUp(kind)
        for i in 0..<5 {
            _ = try await stores.articles.create(draft("Storm \(i)", body: "Storm news.", tags: i.isMultiple(of: 2) ? ["Weather"] : ["Travel"],
                                                       authors: ["Ana Souza"], daysAgo: Double(i + 1)), now: Self.now)
        }
        _ = try await stores.articles.create(draft("Storm hits shares", body: "Storm news.", section: "business", authors: ["Li Wei"], daysAgo: 10),
                                             now: Self.now)
        let all = try await find(stores, ["storm"], facets: true)
        #expect(all.hits.total == 6)
        let facets = try #require(all.facets)
        #expect(facets.sections.map { "\($0.value.name)=\($0.count)" } == ["World=5", "Business=1"])
        #expect(facets.tags.map { "\($0.value.name)=\($0.count)" } == ["Weather=3", "Travel=2"])
        #expect(facets.authors.map { "\($0.value.name)=\($0.count)" } == ["Ana Souza=5", "Li Wei=1"])

        let business = try #require(try await stores.sections.section(slug: Slug("business")!))
        #expect(headlines(try await find(stores, ["storm"], filters: SearchFilters(section: business.id))) == ["Storm hits shares"])
        let weather = try #require(try await stores.tags.tag(slug: Slug("weather")!))
        #expect(try await find(stores, ["storm"], filters: SearchFilters(tag: weather.id)).hits.total == 3)
        let li = try #require(try await stores.authors.author(slug: Slug("li-wei")!))
        #expect(try await find(stores, ["storm"], filters: SearchFilters(author: li.id)).hits.total == 1)
        let window = SearchFilters(publishedFrom: Self.now.addingTimeInterval(-3.5 * 86_400), publishedBefore: Self.now.addingTimeInterval(-1.5 * 86_400))
        #expect(headlines(try await find(stores, ["storm"], filters: window, sort: .date)) == ["Storm 1", "Storm 2"])

        let byDate = try await find(stores, ["storm"], sort: .date)
        #expect(headlines(byDate) == ["Storm 0", "Storm 1", "Storm 2", "Storm 3", "Storm 4", "Storm hits shares"])
        let page2 = try await stores.search.search(SearchRequest(expression: SearchExpression(clauses: [[.word("storm")]]), sort: .date,
                                                                 page: PageRequest(page: 2, size: 4), now: Self.now))
        #expect(page2.hits.total == 6)
        #expect(headlines(page2) == ["Storm 4", "Storm hits shares"])
    }

    @Test(arguments: StoreKind.allCases)
    func snippetsMarkMatchesAndCarryNoMarkup(kind: StoreKind) async throws {
        let stores = try await setUp(kind)
        var d = draft("Night market", body: "Stalls sold <b>noodles</b> & dumplings until dawn.")
        d.bodyHTML = "<p>Stalls sold &lt;b&gt;noodles&lt;/b&gt; &amp; dumplings until dawn.</p>"
        _ = try await stores.articles.create(d, now: Self.now)
        let hit = try #require(try await find(stores, ["noodles"]).hits.items.first)
        #expect(hit.snippet.filter(\.isMatch).map { $0.text.lowercased() } == ["noodles"])
        #expect(hit.snippet.map(\.text).joined().contains("<b>noodles</b> & dumplings"))
    }

    @Test(arguments: StoreKind.allCases)
    func vocabularyCountsDocuments(kind: StoreKind) async throws {
        let stores = try await setUp(kind)
        _ = try await stores.articles.create(draft("Lukashenko speaks", body: "Lukashenko said little."), now: Self.now)
        _ = try await stores.articles.create(draft("Lukashenko again"), now: Self.now)
        let vocabulary = try await stores.search.searchVocabulary()
        #expect(vocabulary.first { $0.term == "lukashenko" }?.documents == 2)
        #expect(vocabulary.first { $0.term == "speaks" }?.documents == 1)
    }
}
