import Foundation
import BylineCore
import BylineStore
import BylineText

/// The one write path for articles (editor, API, import): validate, render and sanitise the body, find the
/// entities it is about (automatic tags), then store.
public struct ArticleWriter: Sendable {
    let stores: Stores
    let renderer: MarkdownRenderer
    /// Proposes automatic tags; `nil` leaves automatic tags as the draft has them.
    public let tagger: (any AutoTagging)?
    /// Told about every stored change (the related-articles index); `nil` when nothing listens.
    public let observer: (any ArticleChangeObserver)?

    public init(stores: Stores, renderer: MarkdownRenderer = MarkdownRenderer(), tagger: (any AutoTagging)? = nil,
                observer: (any ArticleChangeObserver)? = nil) {
        self.stores = stores
        self.renderer = renderer
        self.tagger = tagger
        self.observer = observer
    }

    /// Tells the observer and hands the article back.
    private func saved(_ article: Article) async -> Article {
        await observer?.articleSaved(article)
        return article
    }

    /// A draft ready to store: validated, its body rendered to sanitised HTML, its automatic tags found
    /// (unless `findEntities` is false: an import that carries its automatic tags keeps them as given).
    /// - Throws: ``ValidationError`` naming each bad field.
    public func prepare(_ draft: ArticleDraft, findEntities: Bool = true) throws(ValidationError) -> ArticleDraft {
        var valid = try draft.validated()
        valid.bodyHTML = renderer.html(from: valid.bodyMarkdown)
        if let tagger, findEntities {
            let editorSlugs = Set(valid.tags.compactMap { Slug.make(from: $0) })
            let entities = tagger.entities(headline: valid.headline, bodyHTML: valid.bodyHTML)
            valid.entities = entities
            // Entities an editor already tagged stay editor tags (and gain the entity's page).
            valid.automaticTags = entities.map(\.name).filter { name in
                Slug.make(from: name).map { !editorSlugs.contains($0) } ?? false
            }
        }
        return valid
    }

    /// Removes an automatic tag from an article for good: the tagger never adds it back on later saves.
    /// - Throws: ``StoreError/notFound(_:)``.
    public func removeAutomaticTag(_ slug: Slug, from id: ArticleID, now: Date = Date()) async throws -> Article {
        guard let article = try await stores.articles.article(id: id) else { throw StoreError.notFound("article \(id.rawValue)") }
        try await stores.tags.suppressAutomaticTag(slug, on: id)
        return await saved(try await stores.articles.update(id, with: ArticleDraft(article), now: now))
    }

    /// Creates an article.
    /// - Throws: ``ValidationError``, ``StoreError``.
    public func create(_ draft: ArticleDraft, now: Date = Date()) async throws -> Article {
        await saved(try await stores.articles.create(try prepare(draft), now: now))
    }

    /// Replaces an article's content.
    /// - Throws: ``ValidationError``, ``StoreError``.
    public func update(_ id: ArticleID, with draft: ArticleDraft, now: Date = Date(), findEntities: Bool = true) async throws -> Article {
        await saved(try await stores.articles.update(id, with: try prepare(draft, findEntities: findEntities), now: now))
    }

    /// Deletes an article.
    /// - Throws: ``StoreError/notFound(_:)``.
    public func delete(_ id: ArticleID) async throws {
        try await stores.articles.delete(id)
        await observer?.articleDeleted(id)
    }

    /// Creates or updates drafts by external id in one transaction; each draft succeeds or fails alone.
    /// `keepAutomaticTags[i]` true stores draft `i`'s automatic tags as given instead of running the tagger.
    /// - Throws: only when the batch as a whole could not be written.
    public func upsert(_ drafts: [ArticleDraft], now: Date = Date(),
                       keepAutomaticTags: [Bool] = []) async throws -> [Result<UpsertOutcome, StoreError>] {
        var prepared: [ArticleDraft] = []
        var failures: [Int: StoreError] = [:]
        for (i, draft) in drafts.enumerated() {
            let keep = i < keepAutomaticTags.count && keepAutomaticTags[i]
            do { prepared.append(try prepare(draft, findEntities: !keep)) } catch { failures[i] = .invalid(error) }
        }
        let results = try await stores.articles.upsertBatch(prepared, now: now)
        if let observer {
            for case .success(let outcome) in results {
                if case .unchanged = outcome { continue }
                await observer.articleSaved(outcome.article)
            }
        }
        var stored = results.makeIterator()
        return drafts.indices.map { i in
            if let failure = failures[i] { return .failure(failure) }
            return stored.next() ?? .failure(.conflict("missing result"))
        }
    }
}
