import Foundation
import Synchronization
import Testing
import BylineCore
import BylineStore
import BylineSearch
@testable import BylineRank

@Suite struct ArticleSearchTests {
    static let now = Date(timeIntervalSince1970: 1_764_000_000)

    private func store() async throws -> MemoryStore {
        let store = MemoryStore()
        _ = await store.ensureSection(slug: Slug("world")!, name: "World", summary: "", position: 1)
        func add(_ headline: String, _ body: String, daysAgo: Double = 1, status: ArticleStatus = .published) async throws {
            _ = try await store.create(ArticleDraft(headline: headline, bodyMarkdown: body, section: Slug("world")!, status: status,
                                                    publishedAt: Self.now.addingTimeInterval(-daysAgo * 86_400)), now: Self.now)
        }
        for i in 0..<12 { try await add("Lukashenko speech \(i)", "President Lukashenko spoke in Minsk.") }
        try await add("Minsk talks", "Talks in Minsk ended with Lukachenko quoted once.", daysAgo: 2)
        try await add("Secret draft", "Embargoed Lukashenkov plan.", status: .draft)
        return store
    }

    @Test func didYouMeanWhenATermIsRareAndShowingTheCorrectionWhenNothingMatched() async throws {
        let search = ArticleSearch(store: try await store())
        let rare = try await search.search(SearchInput(text: "Lukachenko", now: Self.now))
        #expect(rare.results.hits.total == 1)
        #expect(rare.suggestion?.text == "lukashenko")
        #expect(!rare.showingSuggestion)

        let absent = try await search.search(SearchInput(text: "Lukashenkko Minsk", now: Self.now))
        #expect(absent.showingSuggestion)
        #expect(absent.suggestion?.text == "lukashenko minsk")
        #expect(absent.results.hits.total == 12)
        #expect(absent.suggestion?.corrections == [SearchSuggestion.Correction(original: "lukashenkko", replacement: "lukashenko")])
    }

    @Test func neverSuggestsWordsOnlyDraftsContain() async throws {
        let search = ArticleSearch(store: try await store())
        let outcome = try await search.search(SearchInput(text: "embargoed", now: Self.now))
        #expect(outcome.results.hits.total == 0)
        #expect(outcome.suggestion == nil)
    }

    @Test func emptyQueriesExplainAndFindNothing() async throws {
        let search = ArticleSearch(store: try await store())
        let outcome = try await search.search(SearchInput(text: "  -minsk ", now: Self.now))
        #expect(outcome.results.hits.total == 0)
        #expect(!outcome.query.notices.isEmpty)
    }

    @Test func prepareLoadsTheVocabularyAndTheStoresTablesBeforeTheFirstSearch() async throws {
        let store = CountingSearchStore(try await store())
        let search = ArticleSearch(store: store)
        try await search.prepare()
        #expect(store.counts == (vocabularies: 1, preparations: 1))
        _ = try await search.search(SearchInput(text: "Lukachenko", now: Self.now))
        #expect(store.counts == (vocabularies: 1, preparations: 1), "the first search found the vocabulary loaded")
    }
}

/// A search store that counts the vocabulary loads and preparations asked of it.
private final class CountingSearchStore: SearchStore {
    private let base: MemoryStore
    private let tally = Mutex<(vocabularies: Int, preparations: Int)>((0, 0))
    init(_ base: MemoryStore) { self.base = base }
    var counts: (vocabularies: Int, preparations: Int) { tally.withLock { $0 } }

    func search(_ request: SearchRequest) async throws -> SearchResults { try await base.search(request) }
    func searchVocabulary() async throws -> [VocabularyTerm] {
        tally.withLock { $0.vocabularies += 1 }
        return try await base.searchVocabulary()
    }
    func changeToken() async throws -> Int64 { try await base.changeToken() }
    func prepareSearch() async throws { tally.withLock { $0.preparations += 1 } }
}
