import Foundation
import Testing
import BylineCore
import BylineStore
import BylineSearch

/// Rename, merge and delete of tags: the same contract for every store, search index included.
@Suite struct TagUpkeepContractTests {
    private let t0 = Date(timeIntervalSince1970: 1_764_000_000)

    private func newsroom(_ kind: StoreKind) async throws -> (Stores, [Article]) {
        let stores = try kind.make()
        _ = try await stores.sections.ensureSection(slug: Slug("world")!, name: "World", summary: "", position: 1)
        func draft(_ headline: String, tags: [String], automatic: [String] = []) -> ArticleDraft {
            ArticleDraft(headline: headline, bodyMarkdown: "Body of \(headline).", bodyHTML: "<p>Body of \(headline).</p>",
                         section: Slug("world")!, tags: tags, automaticTags: automatic, status: .published, publishedAt: t0)
        }
        let a = try await stores.articles.create(draft("Steppe grain harvest", tags: ["Kazakstan", "Farming"]), now: t0)
        let b = try await stores.articles.create(draft("Astana summit", tags: ["Kazakhstan"], automatic: ["Kazakstan"]), now: t0)
        let c = try await stores.articles.create(draft("Caspian ferry", tags: ["Shipping"], automatic: ["Kazakstan"]), now: t0)
        return (stores, [a, b, c])
    }

    private func hits(_ stores: Stores, _ word: String) async throws -> [ArticleID] {
        let request = SearchRequest(expression: SearchExpression(clauses: [[.word(word)]]), now: t0.addingTimeInterval(60))
        return try await stores.search.search(request).hits.items.map(\.article.id)
    }

    @Test(arguments: StoreKind.allCases)
    func listsTagsWithUsage(kind: StoreKind) async throws {
        let (stores, _) = try await newsroom(kind)
        let all = try await stores.tags.allTags(matching: nil, limit: 100, offset: 0)
        #expect(all.map(\.tag.name) == ["Farming", "Kazakhstan", "Kazakstan", "Shipping"])
        #expect(all.map(\.count) == [1, 1, 3, 1])
        let filtered = try await stores.tags.allTags(matching: "KAZ", limit: 1, offset: 1)
        #expect(filtered.map(\.tag.slug.rawValue) == ["kazakstan"])
    }

    @Test(arguments: StoreKind.allCases)
    func renameChangesNameSlugArticlesAndSearch(kind: StoreKind) async throws {
        let (stores, articles) = try await newsroom(kind)
        let renamed = try await stores.tags.renameTag(Slug("farming")!, to: "Agriculture")
        #expect(renamed.name == "Agriculture" && renamed.slug.rawValue == "agriculture")
        #expect(try await stores.tags.tag(slug: Slug("farming")!) == nil)
        let article = try #require(try await stores.articles.article(id: articles[0].id))
        #expect(article.tags.map(\.tag.name) == ["Kazakstan", "Agriculture"], "same place in the article's tag order")
        #expect(try await hits(stores, "agriculture") == [articles[0].id], "search sees the new name at once")
        #expect(try await hits(stores, "farming").isEmpty)
        await #expect(throws: StoreError.self) { _ = try await stores.tags.renameTag(Slug("kazakstan")!, to: "Kazakhstan") }
        await #expect(throws: StoreError.self) { _ = try await stores.tags.renameTag(Slug("nothing")!, to: "X") }
        // Case only: the slug is unchanged, so it is not a collision with itself.
        #expect(try await stores.tags.renameTag(Slug("agriculture")!, to: "AGRICULTURE").slug.rawValue == "agriculture")
    }

    @Test(arguments: StoreKind.allCases)
    func mergeMovesArticlesKeepsOrderAndSuppressesAutomaticUses(kind: StoreKind) async throws {
        let (stores, articles) = try await newsroom(kind)
        let merged = try await stores.tags.mergeTag(Slug("kazakstan")!, into: Slug("kazakhstan")!)
        #expect(merged.tag.slug.rawValue == "kazakhstan")
        #expect(merged.articles == 3)
        #expect(try await stores.tags.tag(slug: Slug("kazakstan")!) == nil)
        let a = try #require(try await stores.articles.article(id: articles[0].id))
        #expect(a.tags.map(\.tag.name) == ["Kazakhstan", "Farming"])
        #expect(a.tags.first?.origin == .editor)
        let b = try #require(try await stores.articles.article(id: articles[1].id))
        #expect(b.tags.map(\.tag.name) == ["Kazakhstan"], "an article that had both keeps one")
        let c = try #require(try await stores.articles.article(id: articles[2].id))
        #expect(c.tags.map(\.tag.name) == ["Shipping", "Kazakhstan"])
        #expect(c.tags.last?.origin == .automatic)
        // The tagger may not bring the merged-away spelling back on the articles where it was automatic.
        #expect(try await stores.tags.suppressedAutomaticTags(for: articles[2].id).contains(Slug("kazakstan")!))
        #expect(!(try await stores.tags.suppressedAutomaticTags(for: articles[0].id).contains(Slug("kazakstan")!)))
        #expect(Set(try await hits(stores, "kazakhstan")) == Set(articles.map(\.id)))
        await #expect(throws: StoreError.self) { _ = try await stores.tags.mergeTag(Slug("shipping")!, into: Slug("shipping")!) }
        await #expect(throws: StoreError.self) { _ = try await stores.tags.mergeTag(Slug("shipping")!, into: Slug("nothing")!) }
    }

    @Test(arguments: StoreKind.allCases)
    func formerSlugsLeadToTheTagAfterRenamesAndMerges(kind: StoreKind) async throws {
        let (stores, _) = try await newsroom(kind)
        func former(_ slug: String) async throws -> String? { try await stores.tags.tag(formerSlug: Slug(slug)!)?.slug.rawValue }
        _ = try await stores.tags.renameTag(Slug("farming")!, to: "Agriculture")
        #expect(try await former("farming") == "agriculture")
        _ = try await stores.tags.renameTag(Slug("agriculture")!, to: "Crops")
        #expect(try await former("farming") == "crops", "a chain of renames leads to the latest slug")
        #expect(try await former("agriculture") == "crops")
        _ = try await stores.tags.renameTag(Slug("crops")!, to: "Farming")
        #expect(try await former("farming") == nil, "a slug in use again is its tag's own")
        #expect(try await former("crops") == "farming")
        _ = try await stores.tags.mergeTag(Slug("farming")!, into: Slug("kazakhstan")!)
        for slug in ["farming", "crops", "agriculture"] { #expect(try await former(slug) == "kazakhstan", "\(slug)") }
        _ = try await stores.tags.mergeTag(Slug("kazakstan")!, into: Slug("kazakhstan")!)
        #expect(try await former("kazakstan") == "kazakhstan")
        #expect(try await former("shipping") == nil)
        _ = try await stores.tags.deleteTag(Slug("kazakhstan")!)
        for slug in ["farming", "crops", "agriculture", "kazakstan"] { #expect(try await former(slug) == nil, "deleted: \(slug)") }
    }

    @Test(arguments: StoreKind.allCases)
    func deleteRemovesTheTagEverywhere(kind: StoreKind) async throws {
        let (stores, articles) = try await newsroom(kind)
        #expect(try await stores.tags.deleteTag(Slug("kazakstan")!) == 3)
        #expect(try await stores.tags.tag(slug: Slug("kazakstan")!) == nil)
        #expect(try await stores.articles.article(id: articles[0].id)?.tags.map(\.tag.name) == ["Farming"])
        #expect(try await stores.articles.article(id: articles[2].id)?.tags.map(\.tag.name) == ["Shipping"])
        #expect(try await stores.tags.suppressedAutomaticTags(for: articles[1].id).contains(Slug("kazakstan")!))
        #expect(try await hits(stores, "kazakstan").isEmpty)
        await #expect(throws: StoreError.self) { _ = try await stores.tags.deleteTag(Slug("kazakstan")!) }
    }
}
